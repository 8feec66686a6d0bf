package dev.sidescope.collectors.xray.daemon;

import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.ResponseTimeBucket;
import dev.sidescope.topology.model.traffic.TimePoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.PackedHistogram;

/**
 * The calls of one service or one caller-callee pair over a sliding window, and minute by minute
 * over the last half hour, with their response times in HdrHistograms (two significant digits:
 * within 1%).
 *
 * <p>The window is a ring of slices (a thirtieth of the window, at least 1 s: 10 s of 5 minutes).
 * Every call goes into the current slice and into a running histogram of the whole window; when a
 * slice leaves the window it is subtracted from the running one, so reading the window costs no
 * merging. Closed slices and closed minutes are kept packed (memory by the buckets used, not the
 * range).
 *
 * <p>Not thread-safe: the aggregating thread alone uses it.
 */
final class LatencyRing {
  /** Minutes kept for time series. */
  static final int MINUTES = 30;

  static final long MINUTE_MS = 60_000;

  /** At most this many bars are published. */
  static final int MAX_BARS = 40;

  private static final int SIGNIFICANT_DIGITS = 2;

  private final long sliceMs;
  private final int windowSlices;

  private final Histogram window = new Histogram(SIGNIFICANT_DIGITS);
  private final Counts windowCounts = new Counts();
  private Slice hot;
  private final ArrayDeque<Slice> closed = new ArrayDeque<>();

  private Slice hotMinute;
  private final ArrayDeque<Slice> closedMinutes = new ArrayDeque<>();

  /** Spare histograms for the next slices, so that a busy key allocates none. */
  private Histogram spare;

  private Histogram spareMinute;

  LatencyRing(Duration windowLength) {
    this.sliceMs = sliceMs(windowLength);
    this.windowSlices = (int) ((windowLength.toMillis() + sliceMs - 1) / sliceMs);
  }

  /** A thirtieth of the window (10 s of 5 minutes), at least 1 s. */
  static long sliceMs(Duration windowLength) {
    return Math.max(1_000, windowLength.toMillis() / 30);
  }

  /** Where the window begins at {@code nowMs}: the start of its oldest slice. */
  static long windowStartMs(long nowMs, Duration windowLength) {
    long slice = sliceMs(windowLength);
    long slices = (windowLength.toMillis() + slice - 1) / slice;
    return (Math.floorDiv(nowMs, slice) - slices + 1) * slice;
  }

  /** Records one call received at {@code nowMs} that took {@code micros}. */
  void record(long nowMs, long micros, Outcome outcome) {
    advance(nowMs);
    long value = Math.max(0, micros);
    long sliceIndex = Math.floorDiv(nowMs, sliceMs);
    if (hot == null) {
      hot = new Slice(sliceIndex, spare != null ? spare : new Histogram(SIGNIFICANT_DIGITS));
      spare = null;
    }
    long minuteIndex = Math.floorDiv(nowMs, MINUTE_MS);
    if (hotMinute == null) {
      hotMinute =
          new Slice(
              minuteIndex, spareMinute != null ? spareMinute : new Histogram(SIGNIFICANT_DIGITS));
      spareMinute = null;
    }
    window.recordValue(value);
    hot.histogram.recordValue(value);
    hotMinute.histogram.recordValue(value);
    windowCounts.add(outcome, value);
    hot.counts.add(outcome, value);
    hotMinute.counts.add(outcome, value);
  }

  /**
   * Closes slices and minutes that ended before {@code nowMs} and lets out of the window what left
   * it; whether anything left the window.
   */
  boolean advance(long nowMs) {
    long sliceIndex = Math.floorDiv(nowMs, sliceMs);
    if (hot != null && hot.index != sliceIndex) {
      closed.addLast(new Slice(hot.index, packed(hot.histogram), hot.counts));
      hot.histogram.reset();
      spare = hot.histogram;
      hot = null;
    }
    boolean expired = false;
    while (!closed.isEmpty() && closed.peekFirst().index <= sliceIndex - windowSlices) {
      Slice gone = closed.removeFirst();
      window.subtract(gone.histogram);
      windowCounts.subtract(gone.counts);
      expired = true;
    }
    long minuteIndex = Math.floorDiv(nowMs, MINUTE_MS);
    if (hotMinute != null && hotMinute.index != minuteIndex) {
      closedMinutes.addLast(
          new Slice(hotMinute.index, packed(hotMinute.histogram), hotMinute.counts));
      hotMinute.histogram.reset();
      spareMinute = hotMinute.histogram;
      hotMinute = null;
    }
    while (!closedMinutes.isEmpty() && closedMinutes.peekFirst().index <= minuteIndex - MINUTES) {
      closedMinutes.removeFirst();
    }
    return expired;
  }

  /** A packed copy: the constructor copies the range, {@code add} the counts. */
  private static PackedHistogram packed(Histogram h) {
    PackedHistogram p = new PackedHistogram(h);
    p.add(h);
    return p;
  }

  /** Whether it holds nothing any more, in the window or in the minutes. */
  boolean isEmpty() {
    return hot == null && closed.isEmpty() && hotMinute == null && closedMinutes.isEmpty();
  }

  /** Calls in the window. */
  long requests() {
    return windowCounts.requests();
  }

  /** The window's calls, over {@code covered}; {@link #advance} first. */
  CallStats windowStats(Duration covered) {
    return windowCounts.stats(window, covered);
  }

  /** The window's histogram and counts added into {@code into}: for several rings on one edge. */
  void addWindowTo(Histogram intoHistogram, Counts intoCounts) {
    intoHistogram.add(window);
    intoCounts.add(windowCounts);
  }

  /**
   * Minute by minute from {@code fromMinute} to the current one (inclusive), with {@code coveredOf}
   * giving each minute's covered time. Minutes without calls have none. {@link #advance} first.
   */
  void addMinutesTo(
      long fromMinute, long toMinute, List<Histogram> histograms, List<Counts> counts) {
    for (Slice s : closedMinutes) {
      addMinute(s, fromMinute, toMinute, histograms, counts);
    }
    if (hotMinute != null) {
      addMinute(hotMinute, fromMinute, toMinute, histograms, counts);
    }
  }

  private static void addMinute(
      Slice s, long fromMinute, long toMinute, List<Histogram> histograms, List<Counts> counts) {
    if (s.index < fromMinute || s.index > toMinute) {
      return;
    }
    int i = (int) (s.index - fromMinute);
    histograms.get(i).add(s.histogram);
    counts.get(i).add(s.counts);
  }

  /** Time points from per-minute histograms and counts; {@code covered} per minute. */
  static List<TimePoint> timePoints(
      long fromMinute, List<Histogram> histograms, List<Counts> counts, List<Duration> covered) {
    List<TimePoint> points = new ArrayList<>(histograms.size());
    for (int i = 0; i < histograms.size(); i++) {
      points.add(
          new TimePoint(
              Instant.ofEpochMilli((fromMinute + i) * MINUTE_MS),
              Duration.ofMillis(MINUTE_MS),
              counts.get(i).stats(histograms.get(i), covered.get(i))));
    }
    return points;
  }

  /** An empty histogram like the rings', for adding several into. */
  static Histogram emptyHistogram() {
    return new Histogram(SIGNIFICANT_DIGITS);
  }

  /**
   * At most {@link #MAX_BARS} bars on a logarithmic scale from the fastest to the slowest call,
   * each at its upper bound, only those that count something.
   */
  static List<ResponseTimeBucket> bars(AbstractHistogram h) {
    if (h.getTotalCount() == 0) {
      return List.of();
    }
    long first = Math.max(1, h.highestEquivalentValue(h.getMinValue()));
    long max = h.getMaxValue();
    double base = Math.max(1.001, Math.pow((double) Math.max(max, first) / first, 1.0 / 38));
    List<ResponseTimeBucket> bars = new ArrayList<>();
    for (HistogramIterationValue v : h.logarithmicBucketValues(first, base)) {
      long count = v.getCountAddedInThisIterationStep();
      if (count == 0) {
        continue;
      }
      double ms = v.getValueIteratedTo() / 1000.0;
      if (bars.size() == MAX_BARS) {
        ResponseTimeBucket last = bars.remove(MAX_BARS - 1);
        bars.add(new ResponseTimeBucket(ms, last.count() + count));
      } else {
        bars.add(new ResponseTimeBucket(ms, count));
      }
    }
    return bars;
  }

  private static OptionalDouble percentileMs(AbstractHistogram h, double percentile) {
    if (h.getTotalCount() == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(h.medianEquivalentValue(h.getValueAtPercentile(percentile)) / 1000.0);
  }

  private record Slice(long index, Histogram histogram, Counts counts) {
    Slice(long index, Histogram histogram) {
      this(index, histogram, new Counts());
    }
  }

  /** Calls counted by outcome, with their response times added up. */
  static final class Counts {
    private long ok;
    private long errors;
    private long faults;
    private long throttles;
    private long totalMicros;

    void add(Outcome outcome, long micros) {
      switch (outcome) {
        case OK -> ok++;
        case ERROR -> errors++;
        case THROTTLE -> {
          errors++;
          throttles++;
        }
        case FAULT -> faults++;
      }
      totalMicros += micros;
    }

    void add(Counts other) {
      ok += other.ok;
      errors += other.errors;
      faults += other.faults;
      throttles += other.throttles;
      totalMicros += other.totalMicros;
    }

    void subtract(Counts other) {
      ok -= other.ok;
      errors -= other.errors;
      faults -= other.faults;
      throttles -= other.throttles;
      totalMicros -= other.totalMicros;
    }

    long requests() {
      return ok + errors + faults;
    }

    /**
     * These counts with percentiles and bars from {@code h}. Percentiles by nearest rank, as {@link
     * CallStats#percentile} defines them, each the middle of its HdrHistogram bucket.
     */
    CallStats stats(AbstractHistogram h, Duration covered) {
      return new CallStats(
          requests(),
          ok,
          errors,
          faults,
          throttles,
          totalMicros / 1000.0,
          covered,
          percentileMs(h, 50),
          percentileMs(h, 90),
          percentileMs(h, 99),
          bars(h));
    }
  }
}
