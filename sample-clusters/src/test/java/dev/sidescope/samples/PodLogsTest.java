package dev.sidescope.samples;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.kubernetes.ServedClusters;
import dev.sidescope.samples.traffic.TrafficSimulator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broken sample's pod logs through the Kubernetes API, read with fabric8's client, while its
 * traffic is driven by hand: a minute of it before the first read.
 */
class PodLogsTest {
  private static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
  private static final String ACCESS_LINE =
      "\\[\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z] \"[A-Z]+ \\S+ HTTP/1\\.1\" \\d{3} \\S+ \\d+ \\d+ \\d+ \\S+"
          + " \"-\" \".+\" \"[0-9a-f-]{36}\" \"[^\"]+\" \"[^\"]+\"";

  private static SampleClusterServer server;
  private static KubernetesClient client;
  private static TrafficSimulator traffic;

  @BeforeAll
  static void serveTheBrokenSample() throws Exception {
    server = new SampleClusterServer(Clock.fixed(NOW, ZoneOffset.UTC));
    client = ServedClusters.client(server.start(BuiltInSamples.folder("broken").orElseThrow(), 0));
    traffic = server.traffic().orElseThrow();
    traffic.advanceTo(NOW.plusSeconds(60));
  }

  @AfterAll
  static void stop() {
    client.close();
    server.stop();
  }

  @Test
  void anEnvoyLogsTheFailedCallsOfItsAppAs503WithTheFlagsOfAFailedUpstream() {
    List<String> lines = pod("refunds").inContainer("envoy").getLog().lines().toList();

    assertThat(lines).isNotEmpty().allMatch(l -> l.matches(ACCESS_LINE));
    assertThat(lines).anyMatch(l -> l.contains("\"GET /ledger HTTP/1.1\" 200 - "));
    assertThat(lines).anyMatch(l -> l.contains("\" 503 UF,URX ") && l.contains("\"ledger:8080\""));
  }

  @Test
  void aNotReadyXRayDaemonLogsThatItCannotSendItsSegments() {
    List<String> lines =
        client
            .pods()
            .inNamespace("payments")
            .withName("ledger-7c9d8f6b5-x2k4q")
            .inContainer("xray-daemon")
            .sinceSeconds(60)
            .getLog()
            .lines()
            .toList();

    // Its readiness probe fails and ledger's traces do not reach X-Ray: still a line about every
    // ten seconds, but none of them a batch sent.
    assertThat(lines)
        .hasSizeBetween(5, 7)
        .allMatch(
            l ->
                l.matches(
                    "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\[(Error] Sending segment batch"
                        + " failed with: NoCredentialProviders: .*|Warn] Delaying sending of"
                        + " additional batches by 1 seconds)"))
        .anyMatch(l -> l.contains(" [Error] "))
        .noneMatch(l -> l.contains("Successfully sent batch"));
  }

  @Test
  void anAppLogsItsFailedCallsAsErrorsThatNameTheirTrace() {
    List<String> lines =
        client
            .pods()
            .inNamespace("payments")
            .withName("invoices-5b7c8d9f6-q8w2e")
            .inContainer("invoices")
            .getLog()
            .lines()
            .toList();

    assertThat(lines)
        .anyMatch(
            l ->
                l.contains("\"level\":\"ERROR\"")
                    && l.contains("call to ledger failed")
                    && l.matches(".*\"traceId\":\"1-[0-9a-f]{8}-[0-9a-f]{24}\".*"));
  }

  @Test
  void theRestartingLogRoutersPreviousRunStartsAndEndsInItsCrash() {
    List<String> lines =
        client
            .pods()
            .inNamespace("payments")
            .withName("invoices-5b7c8d9f6-q8w2e")
            .inContainer("fluent-bit")
            .usingTimestamps()
            .terminated()
            .getLog()
            .lines()
            .toList();

    // The run the pod's lastState reports: started 02:55:01, finished 02:55:02.
    assertThat(lines.get(0))
        .startsWith("2026-11-26T02:55:01")
        .endsWith("AWS for Fluent Bit Container Image Version 2.32.2");
    assertThat(lines.get(lines.size() - 1)).startsWith("2026-11-26T02:55:02").contains("[error]");
    assertThat(lines).anyMatch(l -> l.contains("[engine] input initialization failed"));
  }

  @Test
  void aCrashLoopingLogRoutersLogIsItsLastAttemptEndingInItsCrash() {
    List<String> lines =
        client
            .pods()
            .inNamespace("payments")
            .withName("invoices-5b7c8d9f6-q8w2e")
            .inContainer("fluent-bit")
            .usingTimestamps()
            .getLog()
            .lines()
            .toList();

    // It waits in CrashLoopBackOff: its log is the attempt its lastState reports, 02:55:01 to
    // 02:55:02, and nothing after the crash.
    assertThat(lines.get(0))
        .startsWith("2026-11-26T02:55:01")
        .endsWith("AWS for Fluent Bit Container Image Version 2.32.2");
    assertThat(lines.get(lines.size() - 1))
        .startsWith("2026-11-26T02:55:02")
        .endsWith("[error] [lib] backend failed");
    assertThat(lines).noneMatch(l -> l.matches(".* Sent \\d+ events to CloudWatch"));
  }

  @Test
  void followingACrashLoopingContainerEndsAtItsCrash() throws Exception {
    try (LogWatch watch =
        client
            .pods()
            .inNamespace("payments")
            .withName("invoices-5b7c8d9f6-q8w2e")
            .inContainer("fluent-bit")
            .watchLog()) {
      CompletableFuture<List<String>> read =
          CompletableFuture.supplyAsync(
              () ->
                  new BufferedReader(
                          new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))
                      .lines()
                      .toList());
      traffic.advanceTo(traffic.now().plusSeconds(5));

      List<String> lines = read.get(10, SECONDS);
      assertThat(lines.get(lines.size() - 1)).endsWith("[error] [lib] backend failed");
    }
  }

  @Test
  void thePreviousRunOfAContainerThatNeverRestartedIsRefusedAsByAKubelet() {
    assertThatThrownBy(
            () ->
                client
                    .pods()
                    .inNamespace("payments")
                    .withName("invoices-5b7c8d9f6-q8w2e")
                    .inContainer("invoices")
                    .terminated()
                    .getLog())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(400);
              assertThat(e.getMessage())
                  .contains("previous terminated container \"invoices\" in pod");
            });
  }

  @Test
  void aFollowedLogWritesTheRequestsOfTheTrafficAsItMovesOn() throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    try (LogWatch watch = pod("refunds").inContainer("envoy").tailingLines(0).watchLog()) {
      CompletableFuture.runAsync(
          () -> {
            try (BufferedReader reader =
                new BufferedReader(
                    new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
              String line;
              while ((line = reader.readLine()) != null) {
                lines.add(line);
              }
            } catch (Exception closed) {
              // The client closed the stream: the end this test is after.
            }
          });
      Instant moved = traffic.now().plusSeconds(5);
      traffic.advanceTo(moved);
      String line = lines.poll(10, SECONDS);
      assertThat(line).isNotNull().matches(ACCESS_LINE);
      // Lines the follow writes were written after its start: none of the history came again.
      assertThat(Instant.parse(line.substring(1, line.indexOf(']'))))
          .isAfter(NOW.plusSeconds(58))
          .isBefore(moved);
    }
  }

  private static PodResource pod(String app) {
    String name =
        client
            .pods()
            .inNamespace("payments")
            .withLabel("app", app)
            .list()
            .getItems()
            .get(0)
            .getMetadata()
            .getName();
    return client.pods().inNamespace("payments").withName(name);
  }
}
