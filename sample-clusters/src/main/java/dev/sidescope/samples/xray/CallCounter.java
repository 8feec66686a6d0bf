package dev.sidescope.samples.xray;

import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.ResponseTimeBucket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calls counted as X-Ray counts them (ok, errors with throttles among them, faults, the response
 * times added up) with their response times in a histogram of X-Ray's shape: bars of a value and a
 * count, the value rounded to two significant digits, so that a counter holds at most a few hundred
 * bars however many calls it counts.
 *
 * <p>Not thread-safe: the {@link XRayRecorder} holding it serializes access.
 */
final class CallCounter {
  private long ok;
  private long errors;
  private long faults;
  private long throttles;
  private double totalMs;
  private final TreeMap<Double, Long> bars = new TreeMap<>();

  void add(int status, double ms) {
    if (status >= 500) {
      faults++;
    } else if (status >= 400) {
      errors++;
      if (status == 429) {
        throttles++;
      }
    } else {
      ok++;
    }
    totalMs += ms;
    bars.merge(bar(ms), 1L, Long::sum);
  }

  void addAll(CallCounter other) {
    ok += other.ok;
    errors += other.errors;
    faults += other.faults;
    throttles += other.throttles;
    totalMs += other.totalMs;
    other.bars.forEach((ms, count) -> bars.merge(ms, count, Long::sum));
  }

  boolean isEmpty() {
    return ok + errors + faults == 0;
  }

  /** The counts as the shared model's stats, covering {@code covered}. */
  CallStats stats(Duration covered) {
    List<ResponseTimeBucket> histogram = new ArrayList<>(bars.size());
    for (Map.Entry<Double, Long> bar : bars.entrySet()) {
      histogram.add(new ResponseTimeBucket(bar.getKey(), bar.getValue()));
    }
    return CallStats.fromHistogram(ok, errors, faults, throttles, totalMs, covered, histogram);
  }

  /** {@code ms} rounded to two significant digits (0.0013 ms at the least). */
  static double bar(double ms) {
    if (!(ms > 0) || Double.isInfinite(ms)) {
      return 0;
    }
    double step = Math.pow(10, Math.floor(Math.log10(ms)) - 1);
    double rounded = Math.round(ms / step) * step;
    // Round off the binary noise of the division, so equal bars have equal keys.
    return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3g", rounded));
  }
}
