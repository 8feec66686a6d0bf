package dev.sidescope.collectors.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.RepositoryFolders;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvoyClustersTest {
  private static final Path ENVOY = RepositoryFolders.fixtures().resolve("envoy");

  @Test
  void istiosCamelCaseJsonGivesEveryClusterWithItsHostsHealthy() throws Exception {
    Map<String, EnvoyClusters.Cluster> clusters;
    try (InputStream in = Files.newInputStream(ENVOY.resolve("clusters_istio_sidecar.json"))) {
      clusters = EnvoyClusters.json(in);
    }
    assertThat(clusters).hasSize(7);
    assertThat(
            clusters
                .get("outbound|443||istio-sidecar-injector.istio-system.svc.cluster.local")
                .hostHealth())
        .containsEntry("172.17.0.4:443", "healthy");
  }

  @Test
  void todaysSnakeCaseJsonMarksOutlierEjectionsAndFailedHealthChecks() throws Exception {
    String json =
        """
        {"cluster_statuses": [{"name": "outbound|8080||payment.shop.svc.cluster.local",
          "host_statuses": [
            {"address": {"socket_address": {"address": "10.0.0.1", "port_value": 8080}},
             "health_status": {"eds_health_status": "HEALTHY"}},
            {"address": {"socket_address": {"address": "10.0.0.2", "port_value": 8080}},
             "health_status": {"eds_health_status": "HEALTHY", "failed_outlier_check": true}},
            {"address": {"socket_address": {"address": "10.0.0.3", "port_value": 8080}},
             "health_status": {"failed_active_health_check": true}},
            {"address": {"socket_address": {"address": "10.0.0.4", "port_value": 8080}},
             "health_status": {"eds_health_status": "DRAINING"}}]}]}
        """;
    Map<String, String> hosts =
        EnvoyClusters.json(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
            .get("outbound|8080||payment.shop.svc.cluster.local")
            .hostHealth();
    assertThat(hosts)
        .containsEntry("10.0.0.1:8080", "healthy")
        .containsEntry("10.0.0.2:8080", "/failed_outlier_check")
        .containsEntry("10.0.0.3:8080", "/failed_active_hc")
        .containsEntry("10.0.0.4:8080", "DRAINING");
  }

  @Test
  void appMeshTextGivesHealthFlagsPerHost() throws Exception {
    Map<String, EnvoyClusters.Cluster> clusters;
    try (Reader in =
        Files.newBufferedReader(ENVOY.resolve("clusters_text_appmesh_health_flags.txt"))) {
      clusters = EnvoyClusters.text(in);
    }
    assertThat(clusters).hasSize(3);
    assertThat(
            clusters
                .get("cds_egress_howto-k8s-mtls-file-based_red_howto-k8s-mtls-file-based_http_8080")
                .hostHealth())
        .containsEntry("10.100.177.181:8080", "/failed_active_hc");
  }
}
