package dev.sidescope.samples.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnvoyClustersOutputTest {
  @Test
  void anEjectedHostIsFailedOutlierCheckInTextAndJson() throws Exception {
    BuiltInEnvoys broken = BuiltInEnvoys.of("broken");
    broken.traffic().advanceTo(BuiltInEnvoys.ORIGIN.plus(Duration.ofMinutes(5)));
    EnvoyReading ejecting =
        broken.envoys().sidecars().stream()
            .map(broken::read)
            .filter(r -> r.value("cluster.ledger.outlier_detection.ejections_active") > 0)
            .findFirst()
            .orElseThrow();

    assertThat(EnvoyClustersOutput.text(ejecting))
        .contains("ledger::10.0.1.57:8080::health_flags::/failed_outlier_check\n");
    JsonNode ledger = null;
    for (JsonNode c :
        new ObjectMapper().readTree(EnvoyClustersOutput.json(ejecting)).path("cluster_statuses")) {
      if (c.path("name").asText().equals("ledger")) {
        ledger = c;
      }
    }
    assertThat(ledger).isNotNull();
    JsonNode host = ledger.path("host_statuses").get(0);
    assertThat(host.path("address").path("socket_address").path("address").asText())
        .isEqualTo("10.0.1.57");
    assertThat(host.path("health_status").path("failed_outlier_check").asBoolean()).isTrue();
    assertThat(host.path("health_status").path("eds_health_status").asText()).isEqualTo("HEALTHY");
  }

  @Test
  void aHealthyHostIsHealthyInTextAndJson() throws Exception {
    BuiltInEnvoys seed = BuiltInEnvoys.of("seed");
    EnvoyReading reading = seed.read(seed.sidecarOf("payment-service-"));

    assertThat(EnvoyClustersOutput.text(reading))
        .containsPattern(
            "payments-db\\.internal::10\\.0\\.200\\.\\d+:5432::health_flags::healthy\n");
    assertThat(EnvoyClustersOutput.json(reading)).doesNotContain("failed_outlier_check");
  }
}
