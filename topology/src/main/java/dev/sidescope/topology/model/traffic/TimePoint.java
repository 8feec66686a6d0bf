package dev.sidescope.topology.model.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One period of a time series: the calls that started in {@code [start, start + period)}.
 *
 * @param stats the calls, whose {@link CallStats#covered()} is the period
 */
public record TimePoint(Instant start, Duration period, CallStats stats) {
  public TimePoint {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(stats, "stats");
  }
}
