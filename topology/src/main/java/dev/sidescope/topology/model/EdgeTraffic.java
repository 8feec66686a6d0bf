package dev.sidescope.topology.model;

import java.util.Objects;

/**
 * Traffic a source measured on one edge, and which kind of source measured it.
 *
 * @param metrics the figures; any of them may be absent
 * @param evidence who measured it: {@link Evidence#XRAY} or {@link Evidence#ENVOY}, say
 */
public record EdgeTraffic(EdgeMetrics metrics, Evidence evidence) {
  public EdgeTraffic {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(evidence, "evidence");
  }
}
