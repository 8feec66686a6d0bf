package dev.sidescope.topology.overlay;

import static dev.sidescope.testing.ServiceBuilder.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.NodeKind;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.proxy.ProxyReading;
import dev.sidescope.topology.model.proxy.ProxyServer;
import dev.sidescope.topology.model.proxy.UpstreamHealth;
import dev.sidescope.topology.model.proxy.UpstreamReading;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProxyUpstreamAppenderTest {
  private final Workload web =
      WorkloadBuilder.pod("web-1")
          .app("web", "shop/web:1")
          .sidecar(SidecarKind.ISTIO_PROXY, "istio-proxy", "istio/proxyv2:1.22.0")
          .build();
  private final String envoy = web.id() + "/istio-proxy";
  private final ServiceSpec paymentSpec = service("payment").build();
  private final Node payment = new Node(paymentSpec.id(), NodeKind.SERVICE, "payment");
  private final Edge toPayment = Edge.fromManifest(envoy, payment.id(), EdgeKind.UPSTREAM);
  private final TopologyBase base =
      new TopologyBase(
          List.of(web),
          List.of(paymentSpec),
          List.of(payment),
          List.of(toPayment),
          List.of(),
          List.of(),
          null);

  private static final UpstreamHealth HEALTHY = new UpstreamHealth(3, 3, 0, 4, 0.2, 0);

  private static EdgeMetrics figures(double rps, double p99, double errorRate) {
    return new EdgeMetrics(
        OptionalDouble.of(rps),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.of(p99),
        OptionalDouble.of(errorRate));
  }

  private static UpstreamReading upstream(String cluster, double rps, UpstreamHealth health) {
    return new UpstreamReading(cluster, figures(rps, 180, 0.004), 0, 0.1, health);
  }

  private static ProxyReading reading(
      String subject, String serverName, String state, UpstreamReading... upstreams) {
    return new ProxyReading(
        subject,
        "http://127.0.0.1:15000",
        "envoy",
        new ProxyServer(serverName, state, Optional.of("1.31.2"), OptionalLong.of(3600)),
        List.of(upstreams),
        false,
        Instant.EPOCH);
  }

  private static TopologyBase append(TopologyBase topology, ProxyReading... readings) {
    OverlayData.Builder b = OverlayData.builder();
    for (ProxyReading r : readings) {
      b.put(r.subject(), OverlayKeys.PROXY_READINGS, r);
    }
    return new ProxyUpstreamAppender().append(topology, b.build());
  }

  private static Edge edge(TopologyBase t, String key) {
    return t.edges().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void anIstioOutboundClusterPutsItsFiguresOnTheSidecarsEdgeToTheService() {
    TopologyBase after =
        append(
            base,
            reading(
                envoy,
                "sidecar~10.0.0.7~web-1.shop~shop.svc.cluster.local",
                "LIVE",
                upstream("outbound|8080||payment.shop.svc.cluster.local", 24.8, HEALTHY),
                upstream("inbound|8080||", 40, HEALTHY),
                upstream("PassthroughCluster", 1, HEALTHY)));

    Edge measured = edge(after, toPayment.key());
    assertThat(measured.metrics().rps()).hasValue(24.8);
    assertThat(measured.evidence()).containsExactlyInAnyOrder(Evidence.MANIFEST, Evidence.ENVOY);
    assertThat(measured.measuredBy()).containsOnlyKeys(Evidence.ENVOY);
    assertThat(measured.upstream()).contains(HEALTHY);
    assertThat(after.edges()).hasSize(1); // inbound and passthrough stand for no call
    assertThat(after.findings()).isEmpty();
    assertThat(after.overlays().get(envoy, OverlayKeys.PROXY_READINGS)).isPresent();
  }

  @Test
  void whereTracingAlsoMeasuredTheEdgeBothAreKeptAndTheProxysFiguresAreOnTop() {
    Edge traced =
        new Edge(
                envoy,
                payment.id(),
                EdgeKind.UPSTREAM,
                Set.of(Evidence.MANIFEST),
                Optional.empty(),
                null)
            .measured(Evidence.XRAY, figures(25.1, 176, 0.005), Optional.empty());
    TopologyBase tracedBase = base.withEdges(List.of(traced));

    TopologyBase after =
        append(
            tracedBase,
            reading(
                envoy,
                "web",
                "LIVE",
                upstream("outbound|8080||payment.shop.svc.cluster.local", 24.8, HEALTHY)));

    Edge both = edge(after, toPayment.key());
    assertThat(both.metrics().rps()).hasValue(24.8);
    assertThat(both.measuredBy()).containsOnlyKeys(Evidence.ENVOY, Evidence.XRAY);
    assertThat(both.measuredBy().get(Evidence.XRAY).rps()).hasValue(25.1);
    assertThat(both.evidence())
        .containsExactlyInAnyOrder(Evidence.MANIFEST, Evidence.XRAY, Evidence.ENVOY);
  }

  @Test
  void anAppMeshEgressClusterStandsForTheVirtualNodesService() {
    TopologyBase after =
        append(
            base,
            reading(
                envoy,
                "mesh/my-mesh/virtualNode/web_shop",
                "LIVE",
                upstream("cds_egress_my-mesh_payment_shop_http_8080", 5, HEALTHY)));

    assertThat(edge(after, toPayment.key()).metrics().rps()).hasValue(5.0);
  }

  @Test
  void aClusterOfNoKnownServiceDrawsAMeasuredEdgeToTheHostItNames() {
    TopologyBase after =
        append(
            base,
            reading(
                envoy,
                "web",
                "LIVE",
                upstream("outbound|443||api.stripe.com", 2, HEALTHY),
                upstream("outbound|9090||ledger.finance.svc.cluster.local", 1, HEALTHY)));

    assertThat(after.nodes())
        .extracting(Node::id)
        .contains("external/api.stripe.com")
        .anyMatch(id -> id.startsWith("service/") && id.endsWith("/finance/ledger"));
    assertThat(after.edges()).hasSize(3).isSortedAccordingTo(Edge.ORDER);
    assertThat(after.nodes()).isSortedAccordingTo(Node.ORDER);
  }

  @Test
  void ejectedHostsAndAnUpstreamWithNoHealthyHostAreFindingsNamingTheUpstream() {
    TopologyBase after =
        append(
            base,
            reading(
                envoy,
                "web",
                "LIVE",
                upstream(
                    "outbound|8080||payment.shop.svc.cluster.local",
                    5,
                    new UpstreamHealth(2, 3, 1, 2, 0, 0)),
                upstream(
                    "outbound|9090||ledger.shop.svc.cluster.local",
                    1,
                    new UpstreamHealth(0, 2, 0, 0, 0, 1))));

    assertThat(after.findings())
        .extracting(Finding::code)
        .containsOnly(ProxyUpstreamAppender.UPSTREAM_UNHEALTHY)
        .hasSize(2);
    Finding ejected =
        after.findings().stream()
            .filter(f -> f.message().contains("payment"))
            .findFirst()
            .orElseThrow();
    assertThat(ejected.severity()).isEqualTo(Severity.WARNING);
    assertThat(ejected.message()).contains("ejected 1 of 3 hosts of payment");
    assertThat(ejected.subject()).isEqualTo(web.id());
    assertThat(ejected.container()).contains("istio-proxy");
    Finding none =
        after.findings().stream()
            .filter(f -> f.message().contains("ledger"))
            .findFirst()
            .orElseThrow();
    assertThat(none.severity()).isEqualTo(Severity.ERROR);
    assertThat(none.message()).contains("no healthy host of ledger (0 of 2)");
    assertThat(after.findings()).isSortedAccordingTo(Finding.ORDER);
  }

  @Test
  void aProxyThatIsNotLiveIsAFinding() {
    TopologyBase after = append(base, reading(envoy, "web", "DRAINING", new UpstreamReading[0]));

    assertThat(after.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo(ProxyUpstreamAppender.PROXY_NOT_LIVE);
              assertThat(f.message()).contains("DRAINING, not LIVE");
            });
  }

  @Test
  void aProxyReadByUrlAloneIsItsOwnNodeNamedAsItNamesItselfWithItsUpstreams() {
    TopologyBase empty =
        new TopologyBase(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null);
    String subject = ProxyReading.unmatchedSubject("http://127.0.0.1:19000");

    TopologyBase after =
        append(
            empty,
            reading(
                subject,
                "front-proxy",
                "LIVE",
                upstream("service1", 3, HEALTHY),
                upstream("service2:8080", 4, HEALTHY),
                upstream("appconfigdata.us-east-1.amazonaws.com", 0.5, HEALTHY)));

    assertThat(after.nodes())
        .extracting(Node::id, Node::kind, Node::label)
        .contains(
            org.assertj.core.groups.Tuple.tuple(subject, NodeKind.EXTERNAL, "front-proxy"),
            org.assertj.core.groups.Tuple.tuple(
                "service/envoy/service1", NodeKind.SERVICE, "service1"),
            org.assertj.core.groups.Tuple.tuple(
                "service/envoy/service2", NodeKind.SERVICE, "service2"));
    assertThat(after.edges())
        .extracting(Edge::from, Edge::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(subject, "aws/appconfig"),
            org.assertj.core.groups.Tuple.tuple(subject, "service/envoy/service1"),
            org.assertj.core.groups.Tuple.tuple(subject, "service/envoy/service2"));
  }

  @Test
  void aProxyReadByUrlWhoseIstioNodeIdNamesAPodGoesOnThatPodsSidecar() {
    String subject = ProxyReading.unmatchedSubject("http://127.0.0.1:15000");
    TopologyBase after =
        append(
            base,
            reading(
                subject,
                "sidecar~10.0.0.7~web-1.shop~shop.svc.cluster.local",
                "LIVE",
                upstream("outbound|8080||payment.shop.svc.cluster.local", 7, HEALTHY)));

    assertThat(edge(after, toPayment.key()).metrics().rps()).hasValue(7.0);
    assertThat(after.overlays().all(OverlayKeys.PROXY_READINGS)).containsOnlyKeys(envoy);
  }

  @Test
  void aProxysOwnNameIsShortenedToWhatAPersonReads() {
    assertThat(ProxyUpstreamAppender.shortName("mesh/my-mesh/virtualNode/order-service_shop"))
        .isEqualTo("order-service_shop");
    assertThat(
            ProxyUpstreamAppender.shortName(
                "sidecar~10.0.0.7~productpage-v1-6b7f.bookinfo~bookinfo.svc.cluster.local"))
        .isEqualTo("productpage-v1-6b7f.bookinfo");
    assertThat(ProxyUpstreamAppender.shortName("front-proxy")).isEqualTo("front-proxy");
  }

  @Test
  void withNoReadingsTheTopologyIsReturnedAsItIs() {
    assertThat(new ProxyUpstreamAppender().append(base, OverlayData.EMPTY)).isSameAs(base);
    assertThat(Map.of()).isEmpty();
  }
}
