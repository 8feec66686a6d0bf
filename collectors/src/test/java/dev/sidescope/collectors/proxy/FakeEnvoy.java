package dev.sidescope.collectors.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sidescope.testing.RepositoryFolders;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * An Envoy admin API on loopback that prints what a real Envoy prints (the formats of
 * fixtures/envoy: {@code /server_info} of the front proxy, {@code /clusters?format=json} in today's
 * snake case, {@code /stats} text with histogram lines, applying {@code filter} as Envoy does — a
 * partial match), with one upstream cluster whose counters the test advances between polls. It
 * records the method and path of every request. It can hang (answer nothing until closed) or print
 * garbage.
 */
final class FakeEnvoy implements AutoCloseable {
  static final Path ENVOY = RepositoryFolders.fixtures().resolve("envoy");
  static final String PAYMENT = "outbound|8080||payment.shop.svc.cluster.local";

  enum Mode {
    ANSWER,
    HANG,
    /** Answers {@code /stats} with its headers and the start of a body, then nothing more. */
    STALL_STATS,
    GARBAGE
  }

  /** A request as it arrived: {@code GET /stats?usedonly&filter=...}. */
  record Request(String method, String path, String query) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  final List<Request> requests = new CopyOnWriteArrayList<>();

  volatile Mode mode = Mode.ANSWER;

  // The payment cluster's counters and gauges, by stat name after the cluster's name.
  final Map<String, Long> payment = new LinkedHashMap<>();
  volatile String p50Interval = "12";
  volatile String p99Interval = "nan";
  volatile int healthyHosts = 2;
  volatile int ejectedHosts = 1;
  volatile int totalHosts = 3;

  FakeEnvoy() throws IOException {
    synchronized (payment) {
      payment.put("upstream_rq_total", 100L);
      payment.put("upstream_rq_completed", 100L);
      payment.put("upstream_rq_2xx", 90L);
      payment.put("upstream_rq_4xx", 4L);
      payment.put("upstream_rq_5xx", 6L);
      payment.put("upstream_rq_retry", 3L);
      payment.put("upstream_cx_active", 2L);
      payment.put("membership_healthy", 2L);
      payment.put("membership_total", 3L);
      payment.put("outlier_detection.ejections_active", 1L);
      payment.put("circuit_breakers.default.cx_open", 0L);
      payment.put("circuit_breakers.default.rq_pending_open", 1L);
      payment.put("circuit_breakers.high.rq_open", 0L);
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::answer);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Adds {@code by} to each named counter of the payment cluster. */
  void advance(Map<String, Long> by) {
    synchronized (payment) {
      by.forEach((stat, n) -> payment.merge(stat, n, Long::sum));
    }
  }

  /** Sets counters of the payment cluster, as after a restart. */
  void set(Map<String, Long> values) {
    synchronized (payment) {
      payment.putAll(values);
    }
  }

  long count(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).count();
  }

  private void answer(HttpExchange e) throws IOException {
    URI uri = e.getRequestURI();
    requests.add(new Request(e.getRequestMethod(), uri.getPath(), uri.getRawQuery()));
    if (mode == Mode.HANG) {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      e.close();
      return;
    }
    if (mode == Mode.STALL_STATS && uri.getPath().equals("/stats")) {
      e.sendResponseHeaders(200, 0);
      OutputStream out = e.getResponseBody();
      out.write("cluster.xds-grpc.upstream_cx_active: 1\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      e.close();
      return;
    }
    if (mode == Mode.GARBAGE) {
      send(e, 200, "\u0000\u0001 <html>?? not an admin API ]]}{");
      return;
    }
    if (!e.getRequestMethod().equals("GET")) {
      send(e, 405, "method not allowed");
      return;
    }
    switch (uri.getPath()) {
      case "/server_info" ->
          send(e, 200, Files.readString(ENVOY.resolve("server_info_front_proxy_1.15.json")));
      case "/clusters" -> send(e, 200, clustersJson());
      case "/stats" -> send(e, 200, stats(uri.getRawQuery()));
      case "/config_dump" ->
          send(e, 200, Files.readString(ENVOY.resolve("config_dump_kuma_sidecar.json")));
      case "/ready" -> send(e, 200, "LIVE\n");
      default -> send(e, 404, "invalid path. admin commands are:");
    }
  }

  private String clustersJson() {
    StringBuilder hosts = new StringBuilder();
    for (int i = 0; i < totalHosts; i++) {
      String health =
          i < healthyHosts
              ? "{\"eds_health_status\": \"HEALTHY\"}"
              : i < healthyHosts + ejectedHosts
                  ? "{\"eds_health_status\": \"HEALTHY\", \"failed_outlier_check\": true}"
                  : "{\"failed_active_health_check\": true}";
      hosts
          .append(i == 0 ? "" : ",")
          .append("{\"address\": {\"socket_address\": {\"address\": \"10.0.0.")
          .append(i + 1)
          .append("\", \"port_value\": 8080}}, \"health_status\": ")
          .append(health)
          .append('}');
    }
    return "{\"cluster_statuses\": [{\"name\": \""
        + PAYMENT
        + "\", \"added_via_api\": true, \"host_statuses\": ["
        + hosts
        + "]}, {\"name\": \"xds-grpc\", \"host_statuses\": []}]}";
  }

  private String stats(String rawQuery) {
    String filter = null;
    if (rawQuery != null) {
      for (String part : rawQuery.split("&")) {
        if (part.startsWith("filter=")) {
          filter = URLDecoder.decode(part.substring(7), StandardCharsets.UTF_8);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    synchronized (payment) {
      payment.forEach(
          (stat, value) ->
              out.append("cluster.")
                  .append(PAYMENT)
                  .append('.')
                  .append(stat)
                  .append(": ")
                  .append(value)
                  .append('\n'));
    }
    out.append("cluster.xds-grpc.upstream_cx_active: 1\n");
    out.append("cluster.")
        .append(PAYMENT)
        .append(".upstream_rq_time: P0(nan,1) P25(nan,4) P50(")
        .append(p50Interval)
        .append(",10) P75(nan,25) P90(nan,90) P95(nan,120) P99(")
        .append(p99Interval)
        .append(",180) P99.5(nan,190) P99.9(nan,200) P100(nan,210)\n");
    out.append("http.ingress_http.downstream_rq_total: 41\n");
    out.append("server.uptime: 188\n");
    out.append("listener.0.0.0.0_15006.downstream_cx_total: 12\n");
    if (filter == null) {
      return out.toString();
    }
    Pattern p = Pattern.compile(filter);
    StringBuilder filtered = new StringBuilder();
    for (String line : out.toString().split("\n")) {
      String name = line.substring(0, line.lastIndexOf(": "));
      if (p.matcher(name).find()) { // Envoy matches partially
        filtered.append(line).append('\n');
      }
    }
    return filtered.toString();
  }

  private static void send(HttpExchange e, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
