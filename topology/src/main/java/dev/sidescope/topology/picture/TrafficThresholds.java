package dev.sidescope.topology.picture;

import dev.sidescope.topology.model.EdgeMetrics;

/**
 * Where measured traffic on an arrow stops being fine: a p99 latency or an error rate at or above a
 * warning bound is {@link TrafficLevel#WARN}, at or above a bad bound {@link TrafficLevel#BAD}.
 * Immutable.
 *
 * @param p99WarnMs p99 latency, in milliseconds, from which an arrow warns
 * @param p99BadMs p99 latency, in milliseconds, from which an arrow is bad; at least {@code
 *     p99WarnMs}
 * @param errorWarn error rate, a fraction (0.01 for 1%), from which an arrow warns
 * @param errorBad error rate, a fraction, from which an arrow is bad; at least {@code errorWarn}
 */
public record TrafficThresholds(
    double p99WarnMs, double p99BadMs, double errorWarn, double errorBad) {

  /** p99 warns from 250 ms and is bad from 1 s; errors warn from 1% and are bad from 5%. */
  public static final TrafficThresholds DEFAULTS = new TrafficThresholds(250, 1000, 0.01, 0.05);

  public TrafficThresholds {
    if (!(p99WarnMs > 0) || !(p99BadMs >= p99WarnMs) || Double.isInfinite(p99BadMs)) {
      throw new IllegalArgumentException(
          "the p99 bounds must be positive, the bad one at least the warning one");
    }
    if (!(errorWarn > 0) || !(errorBad >= errorWarn) || errorBad > 1) {
      throw new IllegalArgumentException(
          "the error-rate bounds must be between 0 and 100%, the bad one at least the warning one");
    }
  }

  /** How an arrow with these figures is drawn: the worse of what its p99 and error rate say. */
  public TrafficLevel levelOf(EdgeMetrics metrics) {
    if (metrics.isEmpty()) {
      return TrafficLevel.NO_DATA;
    }
    if (metrics.rps().isPresent() && metrics.rps().getAsDouble() <= 0) {
      return TrafficLevel.NO_TRAFFIC;
    }
    double p99 = metrics.p99Ms().orElse(0);
    double errors = metrics.errorRate().orElse(0);
    if (p99 >= p99BadMs || errors >= errorBad) {
      return TrafficLevel.BAD;
    }
    if (p99 >= p99WarnMs || errors >= errorWarn) {
      return TrafficLevel.WARN;
    }
    return TrafficLevel.OK;
  }
}
