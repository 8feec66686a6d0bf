package dev.sidescope.topology.model.traffic;

import dev.sidescope.topology.model.EdgeMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Calls counted over a stretch of time: how many, how many failed and how, and how long they took.
 * The one latency model of X-Ray's service graph and of the local daemon port, so that both put the
 * same figures on an edge.
 *
 * <p>Counts follow X-Ray's: {@code errors} are client errors (4xx) and include {@code throttles}
 * (429); {@code faults} are server errors (5xx); {@code ok} is the rest. The error rate Sidescope
 * shows is {@code (errors + faults) / requests}.
 *
 * @param requests every call in the window
 * @param ok calls that neither erred nor faulted
 * @param errors client errors, throttles included
 * @param faults server errors
 * @param throttles throttled calls, a part of {@code errors}
 * @param totalResponseMs the response times added up
 * @param covered the time the counts cover: the window, or the part of it the source has listened
 * @param p50Ms the median response time, absent when nothing was timed
 * @param p90Ms the 90th percentile
 * @param p99Ms the 99th percentile
 * @param histogram the response times as bars, by increasing time; may be empty
 */
public record CallStats(
    long requests,
    long ok,
    long errors,
    long faults,
    long throttles,
    double totalResponseMs,
    Duration covered,
    OptionalDouble p50Ms,
    OptionalDouble p90Ms,
    OptionalDouble p99Ms,
    List<ResponseTimeBucket> histogram) {

  public CallStats {
    if (requests < 0 || ok < 0 || errors < 0 || faults < 0 || throttles < 0) {
      throw new IllegalArgumentException("a negative count");
    }
    Objects.requireNonNull(covered, "covered");
    Objects.requireNonNull(p50Ms, "p50Ms");
    Objects.requireNonNull(p90Ms, "p90Ms");
    Objects.requireNonNull(p99Ms, "p99Ms");
    histogram = List.copyOf(histogram);
  }

  /**
   * Stats whose percentiles are read off {@code histogram} (see {@link #percentile}); {@code
   * requests} is {@code ok + errors + faults}.
   */
  public static CallStats fromHistogram(
      long ok,
      long errors,
      long faults,
      long throttles,
      double totalResponseMs,
      Duration covered,
      List<ResponseTimeBucket> histogram) {
    List<ResponseTimeBucket> sorted = sorted(histogram);
    return new CallStats(
        ok + errors + faults,
        ok,
        errors,
        faults,
        throttles,
        totalResponseMs,
        covered,
        percentile(sorted, 0.50),
        percentile(sorted, 0.90),
        percentile(sorted, 0.99),
        sorted);
  }

  /**
   * The response time below which {@code fraction} of the requests fall, by nearest rank: the value
   * of the first bar (by increasing time) at which the running count reaches {@code fraction} of
   * all counts, rounded up to a whole request. Bars with equal times count as one. Empty when the
   * histogram counts nothing.
   *
   * <p>Worked example: bars 10 ms × 5, 20 ms × 3, 50 ms × 2 (10 requests). p50: rank ⌈5⌉ = 5,
   * reached at 10 ms. p90: rank 9, reached at 50 ms (8 after 20 ms). p99: rank ⌈9.9⌉ = 10, 50 ms.
   *
   * @param fraction between 0 (exclusive) and 1 (inclusive), e.g. 0.99
   */
  public static OptionalDouble percentile(List<ResponseTimeBucket> histogram, double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("a percentile of " + fraction);
    }
    List<ResponseTimeBucket> sorted = sorted(histogram);
    long total = 0;
    for (ResponseTimeBucket b : sorted) {
      total += b.count();
    }
    if (total == 0) {
      return OptionalDouble.empty();
    }
    long rank = Math.max(1, (long) Math.ceil(fraction * total - 1e-9));
    long running = 0;
    for (ResponseTimeBucket b : sorted) {
      running += b.count();
      if (running >= rank) {
        return OptionalDouble.of(b.ms());
      }
    }
    return OptionalDouble.of(sorted.get(sorted.size() - 1).ms());
  }

  /** Calls per second over the covered time; empty when no time was covered. */
  public OptionalDouble rps() {
    double seconds = covered.toNanos() / 1e9;
    return seconds > 0 ? OptionalDouble.of(requests / seconds) : OptionalDouble.empty();
  }

  /** {@code (errors + faults) / requests}; empty when there were no requests. */
  public OptionalDouble errorRate() {
    return requests > 0
        ? OptionalDouble.of((double) (errors + faults) / requests)
        : OptionalDouble.empty();
  }

  /** The mean response time; empty when there were no requests. */
  public OptionalDouble meanMs() {
    return requests > 0 ? OptionalDouble.of(totalResponseMs / requests) : OptionalDouble.empty();
  }

  /** The figures an edge carries. */
  public EdgeMetrics metrics() {
    return new EdgeMetrics(rps(), p50Ms, p90Ms, p99Ms, errorRate());
  }

  /**
   * These calls and {@code other} together, as one would count them over both: counts and times
   * added, the covered time the longer of the two (both measure the same window), histograms merged
   * bar by bar and the percentiles read off the merged bars; where either has no bars, the larger
   * of each percentile.
   */
  public CallStats plus(CallStats other) {
    Duration cover = covered.compareTo(other.covered) >= 0 ? covered : other.covered;
    if (!histogram.isEmpty() && !other.histogram.isEmpty()) {
      List<ResponseTimeBucket> merged = new ArrayList<>(histogram);
      merged.addAll(other.histogram);
      CallStats m =
          fromHistogram(
              ok + other.ok,
              errors + other.errors,
              faults + other.faults,
              throttles + other.throttles,
              totalResponseMs + other.totalResponseMs,
              cover,
              merged);
      return new CallStats(
          requests + other.requests,
          m.ok,
          m.errors,
          m.faults,
          m.throttles,
          m.totalResponseMs,
          cover,
          m.p50Ms,
          m.p90Ms,
          m.p99Ms,
          m.histogram);
    }
    return new CallStats(
        requests + other.requests,
        ok + other.ok,
        errors + other.errors,
        faults + other.faults,
        throttles + other.throttles,
        totalResponseMs + other.totalResponseMs,
        cover,
        max(p50Ms, other.p50Ms),
        max(p90Ms, other.p90Ms),
        max(p99Ms, other.p99Ms),
        histogram.isEmpty() ? other.histogram : histogram);
  }

  private static OptionalDouble max(OptionalDouble a, OptionalDouble b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return OptionalDouble.of(Math.max(a.getAsDouble(), b.getAsDouble()));
  }

  /** Bars by increasing time, bars of equal time added together. */
  private static List<ResponseTimeBucket> sorted(List<ResponseTimeBucket> histogram) {
    boolean inOrder = true;
    for (int i = 1; i < histogram.size() && inOrder; i++) {
      inOrder = histogram.get(i - 1).ms() < histogram.get(i).ms();
    }
    if (inOrder) {
      return List.copyOf(histogram);
    }
    TreeMap<Double, Long> bars = new TreeMap<>(Comparator.naturalOrder());
    for (ResponseTimeBucket b : histogram) {
      bars.merge(b.ms(), b.count(), Long::sum);
    }
    List<ResponseTimeBucket> out = new ArrayList<>(bars.size());
    bars.forEach((ms, count) -> out.add(new ResponseTimeBucket(ms, count)));
    return List.copyOf(out);
  }
}
