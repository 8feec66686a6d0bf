package dev.sidescope.topology.overlay;

import static dev.sidescope.testing.ServiceBuilder.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.EdgeTraffic;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.NodeKind;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.Workload;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class EdgeTrafficAppenderTest {
  private final Workload web =
      WorkloadBuilder.pod("web-1")
          .app("web", "shop/web:1")
          .sidecar(SidecarKind.ENVOY, "envoy", "envoyproxy/envoy:v1.31")
          .build();
  private final String app = web.id() + "/web";
  private final String envoy = web.id() + "/envoy";
  private final Node payment = new Node(service("payment").id(), NodeKind.SERVICE, "payment");
  private final Node orders = new Node(service("orders").id(), NodeKind.SERVICE, "orders");
  private final Edge local = Edge.fromManifest(app, envoy, EdgeKind.LOCAL);
  private final Edge toPayment = Edge.fromManifest(envoy, payment.id(), EdgeKind.UPSTREAM);
  private final TopologyBase base =
      new TopologyBase(
          List.of(web),
          List.of(),
          List.of(orders, payment),
          List.of(toPayment, local), // sorted by Edge.ORDER: envoy before web
          List.of(),
          List.of(),
          null);

  @Test
  void aMeasuredEdgeGetsTheFiguresAndTheMeasuringSourcesEvidence() {
    TopologyBase after = append(measure(toPayment.key(), 12.5, Evidence.ENVOY));

    Edge measured = after.edges().get(0);
    assertThat(measured.key()).isEqualTo(toPayment.key());
    assertThat(measured.metrics().rps()).hasValue(12.5);
    assertThat(measured.evidence()).containsExactlyInAnyOrder(Evidence.MANIFEST, Evidence.ENVOY);
    assertThat(after.edges().get(1)).isEqualTo(local);
  }

  @Test
  void aMeasuredCallNoManifestShowsIsAddedInOrderBetweenEndsInThePicture() {
    String key = Edge.key(envoy, orders.id(), EdgeKind.UPSTREAM);

    TopologyBase after = append(measure(key, 3, Evidence.XRAY));

    assertThat(after.edges()).extracting(Edge::key).contains(key).hasSize(3);
    Edge added = after.edges().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    assertThat(added.evidence()).containsExactly(Evidence.XRAY);
    assertThat(after.edges()).isSortedAccordingTo(Edge.ORDER);
  }

  @Test
  void aMeasuredCallWithAnEndOutsideThePictureIsLeftOut() {
    TopologyBase after =
        append(measure(Edge.key(envoy, service("gone").id(), EdgeKind.UPSTREAM), 3, Evidence.XRAY));

    assertThat(after.edges()).containsExactly(toPayment, local);
  }

  @Test
  void aSubjectThatIsNotAnEdgesKeyIsIgnored() {
    TopologyBase after = append(measure("not an edge", 3, Evidence.XRAY));

    assertThat(after.edges()).containsExactly(toPayment, local);
  }

  @Test
  void noMeasurementsLeaveTheTopologyAsItWas() {
    assertThat(new EdgeTrafficAppender().append(base, OverlayData.EMPTY)).isSameAs(base);
  }

  @Test
  void anEdgesKeyParsesBackIntoItsEnds() {
    Edge parsed = EdgeTrafficAppender.parse(toPayment.key()).orElseThrow();

    assertThat(parsed.from()).isEqualTo(envoy);
    assertThat(parsed.to()).isEqualTo(payment.id());
    assertThat(parsed.kind()).isEqualTo(EdgeKind.UPSTREAM);
    assertThat(EdgeTrafficAppender.parse("a -> b [sideways]")).isEmpty();
  }

  private TopologyBase append(OverlayData measurements) {
    return new EdgeTrafficAppender().append(base, measurements);
  }

  private static OverlayData measure(String subject, double rps, Evidence evidence) {
    return OverlayData.builder()
        .put(
            subject,
            OverlayKeys.EDGE_TRAFFIC,
            new EdgeTraffic(
                new EdgeMetrics(
                    OptionalDouble.of(rps),
                    OptionalDouble.empty(),
                    OptionalDouble.empty(),
                    OptionalDouble.empty(),
                    OptionalDouble.empty()),
                evidence))
        .build();
  }
}
