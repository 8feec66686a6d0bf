package dev.sidescope.views.testing;

import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.TopologySnapshot;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/** Measured traffic put on a snapshot's arrows, as the X-Ray and Envoy overlays would. */
public final class Traffic {
  private Traffic() {}

  /** Figures: {@code rps} requests a second, p50 a quarter of p99, an error rate. */
  public static EdgeMetrics of(double rps, double p99Ms, double errorRate) {
    return new EdgeMetrics(
        OptionalDouble.of(rps),
        OptionalDouble.of(Math.round(p99Ms / 4.0)),
        OptionalDouble.of(Math.round(p99Ms / 2.0)),
        OptionalDouble.of(p99Ms),
        OptionalDouble.of(errorRate));
  }

  /** The snapshot with these figures on every upstream arrow; the rest as they were. */
  public static TopologySnapshot onUpstream(TopologySnapshot s, EdgeMetrics metrics) {
    return on(s, e -> e.kind() == EdgeKind.UPSTREAM ? metrics : e.metrics());
  }

  /** The snapshot with each arrow's figures replaced by what {@code metrics} says of it. */
  public static TopologySnapshot on(TopologySnapshot s, Function<Edge, EdgeMetrics> metrics) {
    List<Edge> edges =
        s.edges().stream()
            .map(
                e ->
                    new Edge(
                        e.from(), e.to(), e.kind(), e.evidence(), e.detail(), metrics.apply(e)))
            .toList();
    return new TopologySnapshot(
        s.takenAt(),
        s.grouping(),
        s.sources(),
        s.workloads(),
        s.nodes(),
        edges,
        s.findings(),
        s.overlays());
  }
}
