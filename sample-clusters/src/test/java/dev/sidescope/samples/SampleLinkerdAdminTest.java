package dev.sidescope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.kubernetes.ServedClusters;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broken sample's checkout pods with a Linkerd proxy, read as Sidescope reads them: through a
 * port-forward to port 4191 with fabric8's client.
 */
class SampleLinkerdAdminTest {
  private static final int LINKERD_ADMIN_PORT = 4191;
  private static final String LEDGER = "ledger.payments.svc.cluster.local:8080";
  private static final Pattern LEDGER_RESPONSES =
      Pattern.compile(
          "(?m)^response_total\\{direction=\"outbound\",authority=\""
              + Pattern.quote(LEDGER)
              + "\",[^}]*\\} (\\d+)$");

  private static SampleClusterServer server;
  private static KubernetesClient client;
  private static List<String> proxied;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  @BeforeAll
  static void serveTheBrokenSample() throws Exception {
    server = new SampleClusterServer();
    client = ServedClusters.client(server.start(BuiltInSamples.folder("broken").orElseThrow(), 0));
    proxied =
        client.pods().inNamespace("payments").list().getItems().stream()
            .filter(p -> p.getMetadata().getName().startsWith("checkout-"))
            .filter(SampleLinkerdAdminTest::hasLinkerdProxy)
            .map(p -> p.getMetadata().getName())
            .toList();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.stop();
  }

  @Test
  void everyCheckoutProxyAnswersItsMetricsThroughAPortForward() throws Exception {
    assertThat(proxied).hasSize(2);
    for (String pod : proxied) {
      try (LocalPortForward forward = forward(pod)) {
        // Real time: the pod's first call to ledger may not have started yet on a busy machine.
        HttpResponse<String> metrics = send(forward, "GET", "/metrics");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (ledgerResponses(metrics.body()) == 0 && System.nanoTime() < deadline) {
          Thread.sleep(100);
          metrics = send(forward, "GET", "/metrics");
        }

        assertThat(metrics.statusCode()).as(pod).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(metrics.body())
            .contains("# TYPE request_total counter\n")
            .contains("# TYPE response_total counter\n")
            .contains("# TYPE response_latency_ms histogram\n")
            .containsPattern(
                "(?m)^request_total\\{direction=\"outbound\",authority=\""
                    + Pattern.quote(LEDGER)
                    + "\",target_addr=\"[0-9.]+:8080\",")
            .containsPattern(
                "(?m)^response_total\\{direction=\"outbound\",authority=\""
                    + Pattern.quote(LEDGER)
                    + "\",.*status_code=\"\\d{3}\",classification=\"(success|failure)\"")
            .containsPattern(
                "(?m)^response_latency_ms_bucket\\{direction=\"outbound\",authority=\""
                    + Pattern.quote(LEDGER)
                    + "\",.*le=\"\\+Inf\"\\} \\d+$")
            .containsPattern("(?m)^process_start_time_seconds \\d+$")
            .contains("proxy_build_info{version=\"stable-2.14.10\"");
        assertThat(send(forward, "GET", "/ready").body()).isEqualTo("ready\n");
        assertThat(forward.errorOccurred()).isFalse();
      }
    }
  }

  @Test
  void theServedTrafficMovesTheProxysCounters() throws Exception {
    try (LocalPortForward forward = forward(proxied.get(0))) {
      // Real time: poll until the counter moves (checkout calls ledger 30 times a second).
      long first = ledgerResponses(send(forward, "GET", "/metrics").body());
      long later = first;
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (later <= first && System.nanoTime() < deadline) {
        Thread.sleep(100);
        later = ledgerResponses(send(forward, "GET", "/metrics").body());
      }
      assertThat(later).isGreaterThan(first);
    }
  }

  @Test
  void anythingButGetIsRefused() throws Exception {
    try (LocalPortForward forward = forward(proxied.get(0))) {
      for (String path : List.of("/metrics", "/shutdown")) {
        HttpResponse<String> response = send(forward, "POST", path);

        assertThat(response.statusCode()).as(path).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
      }
    }
    assertThat(
            server.linkerdAdminEndpoint().orElseThrow().proxies().stream()
                .filter(p -> p.proxy().pod().equals(proxied.get(0)))
                .findFirst()
                .orElseThrow()
                .requests())
        .contains("POST /metrics", "POST /shutdown");
  }

  @Test
  void thePodWithoutAProxyHasNothingOnItsAdminPort() {
    String bare =
        client.pods().inNamespace("payments").list().getItems().stream()
            .filter(p -> p.getMetadata().getName().startsWith("checkout-"))
            .filter(p -> !hasLinkerdProxy(p))
            .map(p -> p.getMetadata().getName())
            .findFirst()
            .orElseThrow();

    assertThat(server.linkerdAdmin("payments", bare, LINKERD_ADMIN_PORT)).isEmpty();
    assertThat(server.linkerdAdmin("payments", proxied.get(0), 8080)).isEmpty();
    assertThat(server.linkerdAdmin("payments", proxied.get(0), LINKERD_ADMIN_PORT)).isPresent();
  }

  @Test
  void theEnvFileListsTheProxiesAdminUrls() throws Exception {
    String env = Files.readString(server.writeEnv(dir.resolve("broken.env")));

    Matcher m =
        Pattern.compile("export " + LinkerdAdminEndpoints.VARIABLE + "='([^']*)'").matcher(env);
    assertThat(m.find()).as("%s in %s", LinkerdAdminEndpoints.VARIABLE, env).isTrue();
    assertThat(List.of(m.group(1).split(" ")).stream().map(URI::create).toList())
        .hasSize(2)
        .isEqualTo(server.linkerdAdminUrls());
  }

  private static boolean hasLinkerdProxy(Pod pod) {
    return pod.getSpec().getContainers().stream()
        .anyMatch(c -> c.getName().equals("linkerd-proxy"));
  }

  private static LocalPortForward forward(String pod) {
    return client.pods().inNamespace("payments").withName(pod).portForward(LINKERD_ADMIN_PORT);
  }

  private static long ledgerResponses(String metrics) {
    Matcher m = LEDGER_RESPONSES.matcher(metrics);
    long total = 0;
    while (m.find()) {
      total += Long.parseLong(m.group(1));
    }
    return total;
  }

  private static HttpResponse<String> send(LocalPortForward forward, String method, String path)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + forward.getLocalPort() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
