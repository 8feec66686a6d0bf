package dev.sidescope.topology.overlay;

import static dev.sidescope.topology.overlay.TracedTrafficAppenderTest.STATS;
import static dev.sidescope.topology.overlay.TracedTrafficAppenderTest.call;
import static dev.sidescope.topology.overlay.TracedTrafficAppenderTest.calls;
import static dev.sidescope.topology.overlay.TracedTrafficAppenderTest.services;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.testing.SeedSample;
import dev.sidescope.testing.ServiceBuilder;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.testing.export.SnapshotSchema;
import dev.sidescope.topology.edges.Sinks;
import dev.sidescope.topology.export.JsonExporter;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.EdgeTraffic;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tracing's figures through the whole finish: the standard overlay stage, then grouping. */
class TracedTrafficSnapshotTest {
  private static final String PAYMENT = ServiceBuilder.service("payment-service").id();

  private final SnapshotBuilder builder = SeedSample.builder();
  private final EdgeMetrics xray = STATS.metrics();

  /** Three order-service replicas, each with its App Mesh Envoy, and payment-service. */
  private final List<WorkloadBuilder> pods =
      List.of(
          SeedSample.orderServicePod("order-service-5f7c9-aaaaa"),
          SeedSample.orderServicePod("order-service-5f7c9-bbbbb"),
          SeedSample.orderServicePod("order-service-5f7c9-ccccc"),
          SeedSample.paymentServicePod());

  private final TopologyBase base =
      builder.base(
          new Observations(
              pods.stream().map(WorkloadBuilder::spec).toList(),
              SeedSample.services(),
              SeedSample.meshNodes(),
              List.of()));

  private final OverlayData measured = calls(call("order-service", "payment-service"));

  @Test
  void byPodEachReplicasProxyEdgeCarriesAnEvenShareOfTheRate() {
    TopologySnapshot snapshot = finish(measured, Grouping.POD);

    List<Edge> fromReplicas =
        snapshot.edges().stream().filter(e -> e.evidence().contains(Evidence.XRAY)).toList();
    assertThat(fromReplicas)
        .extracting(Edge::from)
        .containsExactly(
            pods.get(0).id() + "/envoy", pods.get(1).id() + "/envoy", pods.get(2).id() + "/envoy");
    for (Edge e : fromReplicas) {
      assertThat(e.to()).isEqualTo(PAYMENT);
      assertThat(e.metrics().rps().getAsDouble())
          .isCloseTo(xray.rps().getAsDouble() / 3, within(1e-9));
      assertThat(e.metrics().p99Ms()).isEqualTo(xray.p99Ms());
      assertThat(e.metrics().errorRate()).isEqualTo(xray.errorRate());
    }
  }

  @ParameterizedTest(name = "grouped by {0}")
  @EnumSource(
      value = Grouping.class,
      names = {"WORKLOAD", "SERVICE"})
  void groupedTheSharesSumBackToTracingsFigure(Grouping grouping) {
    TopologySnapshot snapshot = finish(measured, grouping);

    List<Edge> traced =
        snapshot.edges().stream().filter(e -> e.evidence().contains(Evidence.XRAY)).toList();
    assertThat(traced).hasSize(1);
    Edge box = traced.get(0);
    assertThat(box.from()).isEqualTo(boxOf(snapshot, "order-service") + "/envoy");
    assertThat(box.evidence()).contains(Evidence.MANIFEST);
    assertThat(box.metrics().rps().getAsDouble()).isCloseTo(xray.rps().getAsDouble(), within(1e-9));
    assertThat(box.metrics().p50Ms()).isEqualTo(xray.p50Ms());
    assertThat(box.metrics().p90Ms()).isEqualTo(xray.p90Ms());
    assertThat(box.metrics().p99Ms()).isEqualTo(xray.p99Ms());
    assertThat(box.metrics().errorRate().getAsDouble())
        .isCloseTo(xray.errorRate().getAsDouble(), within(1e-12));
  }

  @Test
  void tracedNamesFollowTheirWorkloadsIntoTheirBoxes() {
    TopologySnapshot snapshot = finish(measured, Grouping.WORKLOAD);

    String box = boxOf(snapshot, "order-service");
    assertThat(snapshot.overlays().get(box, OverlayKeys.TRACED_NAME)).contains("order-service");
    assertThat(snapshot.overlays().get(box + "/order-service", OverlayKeys.TRACED_NAME))
        .contains("order-service");
  }

  @Test
  void theProxysOwnMeasurementOfAnEdgeWinsOverTracingsShare() {
    String envoy = pods.get(0).id() + "/envoy";
    EdgeMetrics proxy =
        new EdgeMetrics(
            OptionalDouble.of(7),
            OptionalDouble.of(11),
            OptionalDouble.of(13),
            OptionalDouble.of(17),
            OptionalDouble.of(0));
    OverlayData both =
        OverlayData.builder()
            .putAll(measured)
            .put(
                Edge.key(envoy, PAYMENT, EdgeKind.UPSTREAM),
                OverlayKeys.EDGE_TRAFFIC,
                new EdgeTraffic(proxy, Evidence.ENVOY))
            .build();

    TopologySnapshot snapshot = finish(both, Grouping.POD);

    Edge measuredByBoth = edge(snapshot, envoy, PAYMENT).orElseThrow();
    assertThat(measuredByBoth.metrics()).isEqualTo(proxy);
    assertThat(measuredByBoth.evidence())
        .contains(Evidence.MANIFEST, Evidence.ENVOY, Evidence.XRAY);
    assertThat(edge(snapshot, pods.get(1).id() + "/envoy", PAYMENT).orElseThrow().metrics().rps())
        .isEqualTo(OptionalDouble.of(xray.rps().getAsDouble() / 3));
  }

  @Test
  void aSnapshotFromTracingAloneHasNodesAndEdgesAndItsJsonSaysXray() throws Exception {
    TracedCall toTable =
        new TracedCall(
            "payment-service",
            "DynamoDB",
            Optional.of("AWS::DynamoDB::Table"),
            Optional.empty(),
            STATS);
    OverlayData tracingOnly =
        OverlayData.builder()
            .putAll(services("storefront", "order-service", "payment-service"))
            .putAll(
                calls(
                    call("storefront", "order-service"),
                    call("order-service", "payment-service"),
                    toTable))
            .build();

    TopologySnapshot snapshot =
        builder.finish(builder.base(Observations.EMPTY), List.of(), tracingOnly, Grouping.POD);

    String prefix = TracedTrafficAppender.SERVICE_PREFIX;
    assertThat(snapshot.workloads()).isEmpty();
    assertThat(snapshot.nodes())
        .extracting(Node::id)
        .containsExactly(
            Sinks.DYNAMODB.id(),
            prefix + "order-service",
            prefix + "payment-service",
            prefix + "storefront");
    assertThat(snapshot.edges())
        .extracting(e -> e.from() + " -> " + e.to())
        .containsExactly(
            prefix + "order-service -> " + prefix + "payment-service",
            prefix + "payment-service -> " + Sinks.DYNAMODB.id(),
            prefix + "storefront -> " + prefix + "order-service");
    String json = new JsonExporter(false).export(snapshot);
    assertThat(SnapshotSchema.violations(json)).isEmpty();
    JsonNode edges = new ObjectMapper().readTree(json).get("edges");
    assertThat(edges).hasSize(3);
    for (JsonNode e : edges) {
      assertThat(e.get("evidence").toString()).isEqualTo("[\"xray\"]");
      assertThat(e.get("metrics").get("rps").asDouble()).isEqualTo(xray.rps().getAsDouble());
    }
  }

  private TopologySnapshot finish(OverlayData measurements, Grouping grouping) {
    return builder.finish(base, List.of(), measurements, grouping);
  }

  private static String boxOf(TopologySnapshot snapshot, String name) {
    return snapshot.workloads().stream()
        .filter(w -> w.name().equals(name))
        .map(Workload::id)
        .findFirst()
        .orElseThrow();
  }

  private static Optional<Edge> edge(TopologySnapshot snapshot, String from, String to) {
    return snapshot.edges().stream()
        .filter(e -> e.from().equals(from) && e.to().equals(to))
        .findFirst();
  }
}
