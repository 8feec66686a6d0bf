package dev.sidescope.samples.envoy;

import java.util.List;
import java.util.Objects;

/**
 * One histogram of an Envoy's {@code /stats}, as it prints it: a value per {@link #QUANTILES}
 * quantile over the last flush interval and since the start.
 *
 * <p>Immutable; thread-safe.
 *
 * @param name the histogram's full name, e.g. {@code cluster.local_app.upstream_rq_time}
 * @param interval the values over the last flush interval, one per quantile; empty when nothing was
 *     recorded in it
 * @param cumulative the values since the start, one per quantile; empty when nothing was recorded
 */
public record EnvoyHistogram(String name, List<Double> interval, List<Double> cumulative) {
  /** The quantiles Envoy computes by default, in percent. */
  public static final List<Double> QUANTILES =
      List.of(0.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.5, 99.9, 100.0);

  public EnvoyHistogram {
    Objects.requireNonNull(name, "name");
    interval = List.copyOf(interval);
    cumulative = List.copyOf(cumulative);
  }

  /** Whether it has recorded anything: what {@code usedonly} keeps. */
  public boolean used() {
    return !cumulative.isEmpty();
  }
}
