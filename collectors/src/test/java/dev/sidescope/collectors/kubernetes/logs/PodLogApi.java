package dev.sidescope.collectors.kubernetes.logs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Kubernetes API on loopback that answers what pod logs need: {@code GET
 * /api/v1/namespaces/NS/pods/POD/log} as the test's {@link LogAnswer} says, and {@code GET
 * /api/v1/namespaces/NS/pods/POD} from the pods the test put in (404 {@code Status} otherwise).
 * Every log request's query is queued for the test to read.
 */
final class PodLogApi implements AutoCloseable {
  /** How the test answers one log request; may write slowly, hold it open, or fail it. */
  interface LogAnswer {
    void answer(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final KubernetesClient client;
  private final Map<String, String> pods = new ConcurrentHashMap<>();
  private final BlockingQueue<String> logQueries = new LinkedBlockingQueue<>();
  private volatile LogAnswer logs = e -> send(e, 200, "");

  PodLogApi() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
  }

  KubernetesClient client() {
    return client;
  }

  /** Answers log requests from now on with {@code answer}. */
  void onLog(LogAnswer answer) {
    logs = answer;
  }

  /** A running pod in namespace shop with these containers, readable with a GET. */
  void runningPod(String name, String... containers) {
    StringBuilder list = new StringBuilder();
    for (String c : containers) {
      list.append(list.length() == 0 ? "" : ",").append("{\"name\":\"").append(c).append("\"}");
    }
    pods.put(
        "/api/v1/namespaces/shop/pods/" + name,
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
            + name
            + "\",\"namespace\":\"shop\"},\"spec\":{\"containers\":["
            + list
            + "]},\"status\":{\"phase\":\"Running\"}}");
  }

  /** The pod is deleted: its GET answers 404 from now on. */
  void deletePod(String name) {
    pods.remove("/api/v1/namespaces/shop/pods/" + name);
  }

  /** The next log request's query, waiting up to 10 s; null when none came. */
  String nextLogQuery() throws InterruptedException {
    return logQueries.poll(10, TimeUnit.SECONDS);
  }

  private void handle(HttpExchange e) throws IOException {
    String path = e.getRequestURI().getPath();
    if (path.endsWith("/log")) {
      logQueries.add(e.getRequestURI().getRawQuery());
      try {
        logs.answer(e);
      } finally {
        e.close();
      }
      return;
    }
    String pod = pods.get(path);
    if (pod == null) {
      send(
          e,
          404,
          status(
              404,
              "NotFound",
              "pods \"" + path.substring(path.lastIndexOf('/') + 1) + "\" not found"));
    } else {
      send(e, 200, pod);
    }
    e.close();
  }

  /** A Kubernetes {@code Status} document, as the API server sends with an error. */
  static String status(int code, String reason, String message) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\""
        + message.replace("\"", "\\\"")
        + "\",\"reason\":\""
        + reason
        + "\",\"code\":"
        + code
        + "}";
  }

  static void send(HttpExchange e, int code, String body) throws IOException {
    send(e, code, body.getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange e, int code, byte[] body) throws IOException {
    e.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = e.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    client.close();
    server.stop(0);
  }
}
