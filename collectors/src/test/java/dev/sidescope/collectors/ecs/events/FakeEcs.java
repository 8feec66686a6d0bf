package dev.sidescope.collectors.ecs.events;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * ECS on loopback, speaking its JSON 1.1 wire format: {@code POST /} with {@code X-Amz-Target:
 * AmazonEC2ContainerServiceV20141113.<Operation>}, answered by the test. Every request is recorded.
 * Signatures are not checked.
 */
final class FakeEcs implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A request as it arrived: its operation and its JSON body. */
  record Request(String operation, JsonNode body) {}

  /** An answer: HTTP status and JSON body. */
  record Answer(int status, String body) {
    static Answer ok(String body) {
      return new Answer(200, body);
    }

    static Answer error(int status, String type, String message) {
      return new Answer(status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Answer> answers =
      r -> Answer.ok("{\"tasks\":[],\"services\":[],\"failures\":[]}");

  FakeEcs() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
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

  private void handle(HttpExchange e) throws IOException {
    String target = e.getRequestHeaders().getFirst("X-Amz-Target");
    Answer answer;
    if (target == null || !target.startsWith("AmazonEC2ContainerServiceV20141113.")) {
      answer = Answer.error(400, "UnknownOperationException", "not an ECS request");
    } else {
      Request request =
          new Request(
              target.substring(target.indexOf('.') + 1),
              JSON.readTree(e.getRequestBody().readAllBytes()));
      requests.add(request);
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
    executor.shutdownNow();
  }
}
