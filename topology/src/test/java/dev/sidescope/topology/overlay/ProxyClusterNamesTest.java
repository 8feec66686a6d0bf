package dev.sidescope.topology.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyClusterNamesTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "outbound|8080||payment.shop.svc.cluster.local; payment.shop.svc.cluster.local",
        "outbound|9080|v2|reviews.bookinfo.svc.cluster.local; reviews.bookinfo.svc.cluster.local",
        "cds_egress_howto-k8s-mtls-file-based_blue_howto-k8s-mtls-file-based_http_8080;"
            + " blue.howto-k8s-mtls-file-based.svc.cluster.local",
        "cds_egress_mymesh_colorteller-white_http_8080; colorteller-white",
        "service1; service1",
        "payment.shop:8080; payment.shop",
        "appconfigdata.us-east-1.amazonaws.com; appconfigdata.us-east-1.amazonaws.com",
      })
  void aClusterCallingAServiceStandsForItsHost(String cluster, String host) {
    assertThat(ProxyClusterNames.host(cluster)).contains(host);
  }

  @ParameterizedTest
  @CsvSource({
    "inbound|8080||",
    "PassthroughCluster",
    "BlackHoleCluster",
    "InboundPassthroughClusterIpv4",
    "xds-grpc",
    "prometheus_stats",
    "cds_ingress_howto-k8s-mtls-file-based_blue_howto-k8s-mtls-file-based_http_8080",
    "local_service",
    "outbound|8080||",
    "weird name with spaces",
  })
  void aClusterThatIsNoCallToAServiceStandsForNone(String cluster) {
    assertThat(ProxyClusterNames.host(cluster)).isEmpty();
  }
}
