package dev.sidescope.topology.model;

import java.util.OptionalDouble;

/**
 * Traffic over an edge. Every figure is optional; {@code errorRate} is a fraction (0.004, not
 * 0.4%).
 */
public record EdgeMetrics(
    OptionalDouble rps,
    OptionalDouble p50Ms,
    OptionalDouble p90Ms,
    OptionalDouble p99Ms,
    OptionalDouble errorRate) {
  public static final EdgeMetrics NONE =
      new EdgeMetrics(
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty(),
          OptionalDouble.empty());

  public boolean isEmpty() {
    return rps.isEmpty()
        && p50Ms.isEmpty()
        && p90Ms.isEmpty()
        && p99Ms.isEmpty()
        && errorRate.isEmpty();
  }
}
