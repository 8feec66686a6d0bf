package dev.sidescope.collectors.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sidescope.collectors.testing.RecordingSink;
import dev.sidescope.testing.time.ManualClock;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.proxy.ProxyReading;
import dev.sidescope.topology.model.proxy.ProxyServer;
import dev.sidescope.topology.model.proxy.UpstreamReading;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Linkerd proxy's admin port on loopback, printing {@code /metrics} as Linkerd's proxy does
 * (outbound {@code response_total} by authority, status and classification; {@code
 * response_latency_ms} buckets), read into the same upstream readings as an Envoy's.
 */
class ProxySourceLinkerdTest {
  private static final String WEB = "web-svc.emojivoto.svc.cluster.local:80";
  private static final String LABELS =
      "direction=\"outbound\",authority=\""
          + WEB
          + "\",target_addr=\"10.42.1.24:8080\",tls=\"true\",dst_namespace=\"emojivoto\","
          + "dst_service=\"web-svc\",dst_pod=\"web-7f9c-abcde\"";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private volatile long ok = 100;
  private volatile long failed = 0;
  private volatile long notFound = 0;
  private volatile long[] buckets = {50, 90, 100, 100}; // le=10, 50, 100, +Inf
  private volatile boolean ready = true;
  private ProxySource source;
  private ProxyTarget target;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
    source = new ProxySource(new RecordingSink(), ProxySettings.commandLine().withClock(clock));
    target =
        new ProxyTarget(
            "kubernetes/kind/emojivoto/vote-bot-1/linkerd-proxy",
            ProxyTarget.Kind.LINKERD,
            new ProxyTarget.Direct(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort())));
    source.targets(List.of(target));
  }

  @AfterEach
  void stop() {
    source.close();
    server.stop(0);
  }

  private void answer(HttpExchange e) throws IOException {
    requests.add(e.getRequestMethod() + " " + e.getRequestURI().getPath());
    String body;
    int status = 200;
    switch (e.getRequestURI().getPath()) {
      case "/ready" -> {
        body = ready ? "ready\n" : "not ready\n";
        status = ready ? 200 : 503;
      }
      case "/metrics" -> body = metrics();
      default -> {
        body = "not found";
        status = 404;
      }
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(bytes);
    }
  }

  private String metrics() {
    long[] b = buckets;
    return "# HELP response_total Total count of HTTP responses.\n"
        + "# TYPE response_total counter\n"
        + "response_total{"
        + LABELS
        + ",status_code=\"200\",classification=\"success\",grpc_status=\"\",error=\"\"} "
        + ok
        + "\n"
        + "response_total{"
        + LABELS
        + ",status_code=\"503\",classification=\"failure\",grpc_status=\"\",error=\"\"} "
        + failed
        + "\n"
        + "response_total{"
        + LABELS
        + ",status_code=\"404\",classification=\"success\",grpc_status=\"\",error=\"\"} "
        + notFound
        + "\n"
        + "response_total{direction=\"inbound\",authority=\"vote-bot:80\",status_code=\"200\","
        + "classification=\"success\"} 999\n"
        + "# TYPE response_latency_ms histogram\n"
        + "response_latency_ms_bucket{"
        + LABELS
        + ",status_code=\"200\",le=\"10\"} "
        + b[0]
        + "\n"
        + "response_latency_ms_bucket{"
        + LABELS
        + ",status_code=\"200\",le=\"50\"} "
        + b[1]
        + "\n"
        + "response_latency_ms_bucket{"
        + LABELS
        + ",status_code=\"200\",le=\"100\"} "
        + b[2]
        + "\n"
        + "response_latency_ms_bucket{"
        + LABELS
        + ",status_code=\"200\",le=\"+Inf\"} "
        + b[3]
        + "\n"
        + "response_latency_ms_count{"
        + LABELS
        + ",status_code=\"200\"} "
        + b[3]
        + "\n"
        + "process_start_time_seconds 1796637000\n"
        + "proxy_build_info{version=\"stable-2.14.10\",git_sha=\"abc\",profile=\"release\"} 1\n";
  }

  private ProxyReading poll() {
    return source.pollNow().get(target.subject(), OverlayKeys.PROXY_READINGS).orElseThrow();
  }

  @Test
  void twoPollsGiveTheAuthoritysRatesErrorRateAndLatencyOverTheInterval() {
    ProxyReading first = poll();
    assertThat(first.measuring()).isTrue();
    assertThat(first.kind()).isEqualTo("linkerd");
    assertThat(first.upstreams()).extracting(UpstreamReading::cluster).containsExactly(WEB);

    ok += 40;
    failed += 8;
    notFound += 2;
    buckets = new long[] {50 + 10, 90 + 10, 100 + 29, 100 + 30}; // 30 more, slower
    clock.advance(Duration.ofSeconds(5));
    UpstreamReading web = poll().upstreams().get(0);

    assertThat(web.metrics().rps()).hasValue(10.0);
    assertThat(web.metrics().errorRate().getAsDouble()).isCloseTo(0.2, within(1e-9));
    assertThat(web.serverErrorsPerSecond()).isCloseTo(1.6, within(1e-9));
    assertThat(web.clientErrorsPerSecond()).isCloseTo(0.4, within(1e-9));
    // Of the interval's 30: 10 under 10 ms, 19 in (50, 100]: the median is in (50, 100].
    assertThat(web.metrics().p50Ms().getAsDouble())
        .isCloseTo(50 + 50 * (15 - 10) / 19.0, within(1e-9));
    assertThat(web.metrics().p99Ms().getAsDouble()).isEqualTo(100.0);
  }

  @Test
  void theServerIsNamedAfterThePodAndLiveWhenReadyAnswers() {
    ProxyServer server = poll().server();
    assertThat(server.live()).isTrue();
    assertThat(server.version()).hasValue("stable-2.14.10");
    assertThat(server.uptimeSeconds()).isPresent();

    ready = false;
    assertThat(poll().server().state()).isEqualTo("NOT_READY");
    assertThat(requests).allMatch(r -> r.equals("GET /ready") || r.equals("GET /metrics"));
    assertThat(source.status().message().orElseThrow())
        .contains("Linkerd: requests and latency only");
  }

  @Test
  void aQuantileFallsInsideItsBucketByLinearInterpolation() {
    TreeMap<Double, Long> b =
        new TreeMap<>(Map.of(10.0, 50L, 50.0, 90L, Double.POSITIVE_INFINITY, 100L));
    assertThat(LinkerdMetrics.quantile(b, 50).getAsDouble()).isEqualTo(10.0);
    assertThat(LinkerdMetrics.quantile(b, 25).getAsDouble()).isEqualTo(5.0);
    assertThat(LinkerdMetrics.quantile(b, 70).getAsDouble()).isCloseTo(30.0, within(1e-9));
    assertThat(LinkerdMetrics.quantile(b, 99).getAsDouble())
        .as("past the last finite bound")
        .isEqualTo(50.0);
    assertThat(LinkerdMetrics.quantile(new TreeMap<>(), 99)).isEmpty();
  }
}
