package dev.sidescope.samples.traffic;

import dev.sidescope.samples.folder.TrafficFlow;
import java.util.SplittableRandom;

/**
 * A flow's latency as a distribution whose 50th, 90th and 99th percentiles are the flow's {@code
 * p50}, {@code p90} and {@code p99}, drawn by inversion: a uniform draw {@code q} becomes the
 * latency at quantile {@code q}.
 *
 * <p>The quantile function is a broken line on the plot latency tools draw (log latency against the
 * "nines" of the percentile, {@code n(q) = -log10(1 - q)}: 0.30 at the median, 1 at p90, 2 at p99,
 * 3 at p99.9):
 *
 * <ul>
 *   <li>up to p90, the straight line through the median and p90, extended down to {@code q = 0}
 *       (the fastest request, {@code p50 · (p50/p90)^0.43});
 *   <li>from p90, the straight line through p90 and p99, continued to p99.9 ({@code p99 ·
 *       p99/p90});
 *   <li>nothing slower than that: the tail is capped, so one unlucky draw cannot be minutes long.
 * </ul>
 *
 * <p>So the written percentiles are exact quantiles of the distribution, whatever the shape between
 * them, and the shape is the usual one: a floor under the median, a tail that stretches with every
 * nine by the same factor as from p90 to p99. Percentiles written out of order are raised to the
 * one below them; a percentile under a microsecond counts as one.
 *
 * <p>Immutable; thread-safe.
 */
final class LatencyDistribution {
  /** The least latency there is, in milliseconds: logarithms need it above zero. */
  static final double FLOOR_MS = 0.001;

  private static final double MEDIAN_NINES = Math.log10(2);

  private final double lnP50;
  private final double lnP90;
  private final double toP90PerNine;
  private final double toP99PerNine;

  private LatencyDistribution(double p50, double p90, double p99) {
    double median = Math.max(p50, FLOOR_MS);
    double ninetieth = Math.max(p90, median);
    double ninetyNinth = Math.max(p99, ninetieth);
    this.lnP50 = Math.log(median);
    this.lnP90 = Math.log(ninetieth);
    this.toP90PerNine = (lnP90 - lnP50) / (1 - MEDIAN_NINES);
    this.toP99PerNine = Math.log(ninetyNinth) - lnP90;
  }

  /** The distribution of {@code flow}'s latencies. */
  static LatencyDistribution of(TrafficFlow flow) {
    return new LatencyDistribution(flow.p50Ms(), flow.p90Ms(), flow.p99Ms());
  }

  /** The latency in milliseconds at quantile {@code q}, from 0 (inclusive) to 1 (exclusive). */
  double quantileMs(double q) {
    if (!(q >= 0 && q < 1)) {
      throw new IllegalArgumentException("a quantile is at least 0 and below 1, not " + q);
    }
    double nines = -Math.log10(1 - q);
    double ln =
        nines <= 1
            ? lnP50 + toP90PerNine * (nines - MEDIAN_NINES)
            : lnP90 + toP99PerNine * (Math.min(nines, 3) - 1);
    return Math.exp(ln);
  }

  /** The slowest latency drawn, in milliseconds: the quantile at p99.9. */
  double capMs() {
    return Math.exp(lnP90 + 2 * toP99PerNine);
  }

  /** One latency in milliseconds, drawn with one value of {@code random}. */
  double drawMs(SplittableRandom random) {
    return quantileMs(random.nextDouble());
  }
}
