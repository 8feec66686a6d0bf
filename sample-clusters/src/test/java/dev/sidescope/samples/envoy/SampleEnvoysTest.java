package dev.sidescope.samples.envoy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sidescope.samples.generate.ClusterGenerator;
import dev.sidescope.samples.kubernetes.ClusterExpander;
import dev.sidescope.topology.model.SidecarKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleEnvoysTest {
  @Test
  void theSeedsAppMeshEnvoysAreFoundInEveryReplicaWithTheirStatsPort() throws Exception {
    SampleEnvoys envoys = BuiltInEnvoys.of("seed").envoys();

    assertThat(envoys.sidecars()).hasSize(5);
    assertThat(envoys.sidecars())
        .allSatisfy(
            s -> {
              assertThat(s.kind()).isEqualTo(SidecarKind.APPMESH_ENVOY);
              assertThat(s.container()).isEqualTo("envoy");
              assertThat(s.adminPort()).isEqualTo(9901);
              assertThat(s.version()).isEqualTo("1.29.6");
            });
    assertThat(envoys.sidecars().stream().filter(s -> s.pod().startsWith("order-service-")))
        .hasSize(3);
    assertThat(envoys.podsByName().get("order-service")).hasSize(3);
    assertThat(envoys.podsByName().get("payment-service")).hasSize(2);
  }

  @Test
  void anAppMeshEnvoyNamesItsClustersAfterTheMeshAndTheVirtualNodes() throws Exception {
    EnvoySidecar order = BuiltInEnvoys.of("seed").sidecarOf("order-service-");

    assertThat(order.nodeId()).isEqualTo("mesh/my-mesh/virtualNode/order-service_shop");
    assertThat(order.localApp().name())
        .isEqualTo("cds_ingress_my-mesh_order-service_shop_http_8080");
    assertThat(order.upstreams())
        .extracting(EnvoyCluster::name)
        .containsExactly(
            "cds_egress_my-mesh_payment-service_shop_http_8080",
            "appconfigdata.us-east-1.amazonaws.com");
    EnvoyCluster payment = order.upstreams().get(0);
    assertThat(payment.targets()).containsExactly("payment-service");
    assertThat(payment.hosts()).hasSize(2).allSatisfy(h -> assertThat(h.port()).isEqualTo(8080));
    assertThat(payment.hosts()).noneSatisfy(h -> assertThat(h.ip()).startsWith("127."));
    assertThat(order.upstreams().get(1).hosts().get(0).port()).isEqualTo(443);
  }

  @Test
  void anIstioProxyHasItsAdminOn15000AndOneClusterPerService() throws Exception {
    BuiltInEnvoys mesh = BuiltInEnvoys.of("mesh");
    EnvoySidecar productpage = mesh.sidecarOf("productpage-v1-");

    assertThat(mesh.envoys().sidecars()).hasSize(7);
    assertThat(productpage.kind()).isEqualTo(SidecarKind.ISTIO_PROXY);
    assertThat(productpage.adminPort()).isEqualTo(15000);
    assertThat(productpage.nodeId())
        .isEqualTo(
            "sidecar~"
                + productpage.podIp()
                + "~"
                + productpage.pod()
                + ".bookinfo~bookinfo.svc.cluster.local");
    assertThat(productpage.localApp().name()).isEqualTo("inbound|9080||");
    assertThat(productpage.upstreams())
        .extracting(EnvoyCluster::name)
        .containsExactly(
            "outbound|9080||details.bookinfo.svc.cluster.local",
            "outbound|9080||reviews.bookinfo.svc.cluster.local");
    EnvoyCluster reviews = productpage.upstreams().get(1);
    assertThat(reviews.targets()).containsExactly("reviews-v1", "reviews-v2", "reviews-v3");
    assertThat(reviews.hosts()).hasSize(3);
  }

  @Test
  void theBrokenSamplesRefundsEnvoyCallsLedgersOnlyPod() throws Exception {
    BuiltInEnvoys broken = BuiltInEnvoys.of("broken");

    // Two plain Envoys of refunds, and payouts' App Mesh Envoy, which calls nothing.
    assertThat(broken.envoys().sidecars())
        .extracting(EnvoySidecar::pod, EnvoySidecar::kind)
        .containsExactlyInAnyOrder(
            tuple("payouts-665bd6f6c6-2rvn4", SidecarKind.APPMESH_ENVOY),
            tuple("refunds-84b9df97b6-k7jpd", SidecarKind.ENVOY),
            tuple("refunds-84b9df97b6-wcpkj", SidecarKind.ENVOY));
    EnvoySidecar refunds = broken.sidecarOf("refunds-");
    assertThat(refunds.kind()).isEqualTo(SidecarKind.ENVOY);
    assertThat(refunds.adminPort()).isEqualTo(9901);
    assertThat(refunds.upstreams()).extracting(EnvoyCluster::name).containsExactly("ledger");
    assertThat(refunds.upstreams().get(0).hosts())
        .extracting(EnvoyHost::address)
        .containsExactly("10.0.1.57:8080");
  }

  @Test
  void aGeneratedClustersEnvoysAreFoundWithTheirUpstreamService() {
    ClusterGenerator.Spec spec = new ClusterGenerator.Spec(300, 4, 3);
    SampleEnvoys envoys =
        SampleEnvoys.find(
            ClusterExpander.expand(
                ClusterGenerator.cluster(spec),
                ClusterGenerator.expansion(spec, BuiltInEnvoys.ORIGIN)),
            List.of(),
            BuiltInEnvoys.ORIGIN);

    assertThat(envoys.sidecars())
        .extracting(EnvoySidecar::kind)
        .contains(SidecarKind.ISTIO_PROXY, SidecarKind.APPMESH_ENVOY);
    assertThat(envoys.sidecars().stream().filter(s -> !s.upstreams().isEmpty()).count())
        .as("Envoys whose app names an upstream Service")
        .isGreaterThan(envoys.sidecars().size() / 2);
  }
}
