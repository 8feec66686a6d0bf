package dev.sidescope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.kubernetes.ServedClusters;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed sample's sidecars, all ready, through the Kubernetes API: what they log is their work
 * done, whatever the broken sample's unhealthy ones log.
 */
class HealthySidecarLogsTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  private static SampleClusterServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void serveAMinuteOfTheSeed() throws Exception {
    server = new SampleClusterServer(Clock.fixed(NOW, ZoneOffset.UTC));
    client = ServedClusters.client(server.start(BuiltInSamples.folder("seed").orElseThrow(), 0));
    server.traffic().orElseThrow().advanceTo(NOW.plusSeconds(60));
  }

  @AfterAll
  static void stop() {
    client.close();
    server.stop();
  }

  @Test
  void aReadyXRayDaemonLogsTheBatchesItSent() {
    String pod =
        client
            .pods()
            .inNamespace("shop")
            .withLabel("app", "order-service")
            .list()
            .getItems()
            .get(0)
            .getMetadata()
            .getName();

    List<String> lines =
        client
            .pods()
            .inNamespace("shop")
            .withName(pod)
            .inContainer("xray-daemon")
            .sinceSeconds(60)
            .getLog()
            .lines()
            .toList();

    assertThat(lines)
        .isNotEmpty()
        .allMatch(l -> l.contains(" [Info] Successfully sent batch of "))
        .noneMatch(l -> l.contains("[Error]") || l.contains("[Warn]"));
  }
}
