package dev.sidescope.topology.model.proxy;

import java.util.List;
import java.util.Objects;

/**
 * A stat of one proxy and its recent values, oldest first, one per poll (for a sparkline).
 *
 * @param name the full stat name, e.g. {@code cluster.outbound|8080||payment.shop.svc.cluster
 *     .local.upstream_rq_total}
 * @param values the values of the last polls, oldest first; the last is the newest
 */
public record StatSeries(String name, List<Double> values) {
  public StatSeries {
    Objects.requireNonNull(name, "name");
    values = List.copyOf(values);
  }
}
