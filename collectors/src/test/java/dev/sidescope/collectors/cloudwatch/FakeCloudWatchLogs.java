package dev.sidescope.collectors.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * CloudWatch Logs on loopback, speaking its JSON 1.1 wire format: {@code POST /} with {@code
 * X-Amz-Target: Logs_20140328.<Operation>} and an {@code application/x-amz-json-1.1} body, answered
 * by the test. Every request is recorded with the time it arrived. Signatures are not checked.
 */
final class FakeCloudWatchLogs implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A request as it arrived: its operation, its JSON body, and when (System.nanoTime). */
  record Request(String operation, JsonNode body, long arrivedNanos) {}

  /** An answer: HTTP status and JSON body. */
  record Answer(int status, String body) {
    static Answer ok(String body) {
      return new Answer(200, body);
    }

    static Answer error(String type, String message) {
      return new Answer(400, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();
  private volatile Function<Request, Answer> answers = r -> Answer.ok("{\"events\":[]}");

  FakeCloudWatchLogs() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void answer(Function<Request, Answer> value) {
    answers = value;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The next request to arrive, waiting up to 10 s; null when none came. */
  Request next() throws InterruptedException {
    return arrivals.poll(10, TimeUnit.SECONDS);
  }

  private void handle(HttpExchange e) throws IOException {
    String target = e.getRequestHeaders().getFirst("X-Amz-Target");
    Answer answer;
    if (target == null
        || !target.startsWith("Logs_20140328.")
        || !e.getRequestHeaders()
            .getFirst("Content-Type")
            .startsWith("application/x-amz-json-1.1")) {
      answer = Answer.error("UnknownOperationException", "not a CloudWatch Logs request");
    } else {
      JsonNode body = JSON.readTree(e.getRequestBody().readAllBytes());
      Request request =
          new Request(target.substring(target.indexOf('.') + 1), body, System.nanoTime());
      requests.add(request);
      arrivals.add(request);
      answer = answers.apply(request);
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    e.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    e.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
