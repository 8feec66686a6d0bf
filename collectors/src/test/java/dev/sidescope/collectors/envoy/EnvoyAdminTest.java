package dev.sidescope.collectors.envoy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sidescope.testing.RepositoryFolders;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin client against an HTTP server on loopback that answers with the real payloads of
 * fixtures/envoy and records every request: only GETs of read-only paths ever arrive.
 */
class EnvoyAdminTest {
  private static final Path ENVOY = RepositoryFolders.fixtures().resolve("envoy");

  private HttpServer server;
  private volatile boolean oldEnvoy; // prints /clusters as text whatever the format asked
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private EnvoyAdmin admin;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
    admin =
        new EnvoyAdmin(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange e) throws IOException {
    requests.add(e.getRequestMethod() + " " + e.getRequestURI());
    String path = e.getRequestURI().getPath();
    String query = e.getRequestURI().getQuery() == null ? "" : e.getRequestURI().getQuery();
    byte[] body;
    int status = 200;
    switch (path) {
      case "/stats" ->
          body =
              Files.readAllBytes(
                  ENVOY.resolve(
                      query.contains("format=json")
                          ? "stats_json_ingress_http_rq_jq_stats.json"
                          : "stats_text_front_proxy_service2.txt"));
      case "/clusters" ->
          body =
              Files.readAllBytes(
                  ENVOY.resolve(
                      oldEnvoy
                          ? "clusters_text_appmesh_health_flags.txt"
                          : "clusters_istio_sidecar.json"));
      case "/config_dump" ->
          body = Files.readAllBytes(ENVOY.resolve("config_dump_istio_waypoint_1.21.json"));
      case "/server_info" ->
          body = Files.readAllBytes(ENVOY.resolve("server_info_front_proxy_1.15.json"));
      case "/ready" -> {
        body = "DRAINING\n".getBytes(StandardCharsets.UTF_8);
        status = 503;
      }
      default -> {
        body = "no".getBytes(StandardCharsets.UTF_8);
        status = 404;
      }
    }
    e.sendResponseHeaders(status, body.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  void everyReadIsAGetOfAReadOnlyPathAndReadsTheRealPayloads() throws Exception {
    EnvoyStats text = admin.stats(false, "cluster\\.service2\\..*");
    EnvoyStats json = admin.stats(true, null);
    var clusters = admin.clusters();
    String info = admin.serverInfo();
    boolean ready = admin.ready();

    assertThat(text.values()).containsEntry("cluster.service2.upstream_rq_total", 500L);
    assertThat(json.values()).containsEntry("http.ingress_http.rq_total", 3L);
    assertThat(clusters).hasSize(7);
    assertThat(info).contains("\"state\"");
    assertThat(ready).as("503 DRAINING is not ready").isFalse();
    assertThat(requests)
        .allSatisfy(r -> assertThat(r).startsWith("GET "))
        .extracting(r -> URI.create(r.substring(4)).getPath())
        .allMatch(EnvoyAdmin.READ_ONLY_PATHS::contains);
    assertThat(requests.get(0)).contains("usedonly").contains("filter=");
    assertThat(requests.get(1)).contains("format=json");
  }

  @Test
  void anEnvoyThatPrintsClustersAsTextWhenAskedForJsonIsReadAsText() throws Exception {
    oldEnvoy = true;
    var clusters = admin.clusters();

    assertThat(clusters).hasSize(3);
    assertThat(requests).containsExactly("GET /clusters?format=json");
  }

  @Test
  void theConfigDumpIsAGetAndComesRedacted() throws Exception {
    var tree = admin.configDump();

    assertThat(tree.children()).isNotEmpty();
    assertThat(requests).containsExactly("GET /config_dump");
    assertThat(tree.toString()).doesNotContain("LS0tLS1CRUdJTi");
  }

  @Test
  void aPathThatChangesEnvoyCannotBeAskedFor() {
    assertThat(EnvoyAdmin.READ_ONLY_PATHS)
        .doesNotContain("/quitquitquit", "/healthcheck/fail", "/logging", "/reset_counters");
  }

  @Test
  void anEnvoyThatIsNotThereIsOneSentence() throws Exception {
    int port;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    EnvoyAdmin gone = new EnvoyAdmin(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2));
    assertThatThrownBy(() -> gone.stats(false, null))
        .isInstanceOf(IOException.class)
        .hasMessage("Envoy's admin API at http://127.0.0.1:" + port + " could not be reached.");
  }
}
