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

  /**
   * The traffic of two edges that became one, or of two measurements of one edge's calls taken
   * apart: rates added, the slower of each percentile kept (percentiles do not add), error rates
   * weighted by rate where both have one.
   */
  public EdgeMetrics together(EdgeMetrics other) {
    double rpsA = rps.orElse(0);
    double rpsB = other.rps.orElse(0);
    OptionalDouble errors;
    if (errorRate.isPresent() && other.errorRate.isPresent() && rpsA + rpsB > 0) {
      errors =
          OptionalDouble.of(
              (errorRate.getAsDouble() * rpsA + other.errorRate.getAsDouble() * rpsB)
                  / (rpsA + rpsB));
    } else {
      errors = max(errorRate, other.errorRate);
    }
    return new EdgeMetrics(
        rps.isPresent() || other.rps.isPresent()
            ? OptionalDouble.of(rpsA + rpsB)
            : OptionalDouble.empty(),
        max(p50Ms, other.p50Ms),
        max(p90Ms, other.p90Ms),
        max(p99Ms, other.p99Ms),
        errors);
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

  public boolean isEmpty() {
    return rps.isEmpty()
        && p50Ms.isEmpty()
        && p90Ms.isEmpty()
        && p99Ms.isEmpty()
        && errorRate.isEmpty();
  }
}
