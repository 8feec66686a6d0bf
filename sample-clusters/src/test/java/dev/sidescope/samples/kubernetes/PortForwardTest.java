package dev.sidescope.samples.kubernetes;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port-forwards to the seed sample's pods with fabric8's {@code portForward}, relayed to small
 * loopback servers standing in for what runs in the pods.
 */
class PortForwardTest {
  /** A port whose target answers HTTP, echoing the path it was asked for. */
  private static final int HTTP_PORT = 9901;

  /** A port whose target is a closed loopback port. */
  private static final int REFUSING_PORT = 9902;

  /** A port whose target accepts and hands each connection to the test. */
  private static final int RAW_PORT = 9903;

  /** A port nothing is mapped to. */
  private static final int UNMAPPED_PORT = 9904;

  private static SampleKubernetesApi api;
  private static KubernetesClient client;
  private static HttpServer target;
  private static ServerSocket rawTarget;
  private static final BlockingQueue<Socket> rawConnections = new LinkedBlockingQueue<>();
  private static final AtomicInteger answered = new AtomicInteger();
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static List<String> pods;

  @BeforeAll
  static void serveTheSeedWithTargets() throws Exception {
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext(
        "/",
        exchange -> {
          byte[] body =
              ("answered " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
          if (exchange.getRequestURI().getPath().startsWith("/close")) {
            exchange.getResponseHeaders().set("Connection", "close");
          }
          answered.incrementAndGet();
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    target.start();
    rawTarget = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accepting =
        new Thread(
            () -> {
              while (!rawTarget.isClosed()) {
                try {
                  rawConnections.add(rawTarget.accept());
                } catch (IOException e) {
                  return;
                }
              }
            },
            "raw-target");
    accepting.setDaemon(true);
    accepting.start();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Map<Integer, InetSocketAddress> byPort =
        Map.of(
            HTTP_PORT,
            target.getAddress(),
            REFUSING_PORT,
            new InetSocketAddress("127.0.0.1", closedPort),
            RAW_PORT,
            (InetSocketAddress) rawTarget.getLocalSocketAddress());

    api = ServedClusters.seedApi();
    api.forwardPortsTo(
        (namespace, pod, port) ->
            namespace.equals("shop") ? Optional.ofNullable(byPort.get(port)) : Optional.empty());
    client = ServedClusters.client(api.start(0));
    pods =
        client.pods().inNamespace("shop").list().getItems().stream()
            .map(p -> p.getMetadata().getName())
            .sorted()
            .toList();
  }

  @AfterAll
  static void stop() throws IOException {
    client.close();
    api.stop();
    target.stop(0);
    rawTarget.close();
  }

  @Test
  void severalRequestsTravelOverOneForward() throws Exception {
    try (LocalPortForward forward = forward(pods.get(0), HTTP_PORT)) {
      for (String path : List.of("/stats", "/clusters", "/server_info")) {
        HttpResponse<String> response = get(forward, path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("answered " + path);
      }
      assertThat(forward.errorOccurred()).isFalse();
    }
  }

  @Test
  void twoForwardsAtOnceEachReachTheTarget() throws Exception {
    int before = answered.get();
    try (LocalPortForward first = forward(pods.get(0), HTTP_PORT);
        LocalPortForward second = forward(pods.get(1), HTTP_PORT)) {
      List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        responses.add(getAsync(first, "/first/" + i));
        responses.add(getAsync(second, "/second/" + i));
      }

      for (int i = 0; i < responses.size(); i++) {
        String path = (i % 2 == 0 ? "/first/" : "/second/") + i / 2;
        assertThat(responses.get(i).get(10, SECONDS).body()).isEqualTo("answered " + path);
      }
      assertThat(first.getLocalPort()).isNotEqualTo(second.getLocalPort());
    }
    assertThat(answered.get() - before).isEqualTo(8);
  }

  @Test
  void aLargeAnswerArrivesWhole() throws Exception {
    byte[] sent = new byte[3 * 1024 * 1024];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = (byte) (i * 31 + i / 977);
    }
    try (LocalPortForward forward = forward(pods.get(0), RAW_PORT);
        Socket local = new Socket(InetAddress.getLoopbackAddress(), forward.getLocalPort())) {
      local.setSoTimeout(10_000);
      Socket remote = rawConnections.poll(10, SECONDS);
      assertThat(remote).as("the target was not connected to").isNotNull();
      CompletableFuture<Void> writing =
          CompletableFuture.runAsync(
              () -> {
                try (remote) {
                  remote.getOutputStream().write(sent);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });

      byte[] received = local.getInputStream().readAllBytes();

      writing.get(10, SECONDS);
      assertThat(received).isEqualTo(sent);
    }
  }

  @Test
  void aTargetThatClosesEndsTheForwardedConnection() throws Exception {
    try (LocalPortForward forward = forward(pods.get(0), HTTP_PORT);
        Socket local = new Socket(InetAddress.getLoopbackAddress(), forward.getLocalPort())) {
      local.setSoTimeout(10_000);
      local
          .getOutputStream()
          .write(
              "GET /close-after HTTP/1.1\r\nHost: pod\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

      String answer = new String(local.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 200").endsWith("answered /close-after");
    }
  }

  @Test
  void closingTheForwardClosesTheConnectionToTheTarget() throws Exception {
    Socket remote;
    try (LocalPortForward forward = forward(pods.get(0), RAW_PORT);
        Socket local = new Socket(InetAddress.getLoopbackAddress(), forward.getLocalPort())) {
      local.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
      remote = rawConnections.poll(10, SECONDS);
      assertThat(remote).as("the target was not connected to").isNotNull();
      remote.setSoTimeout(10_000);
      assertThat(new String(remote.getInputStream().readNBytes(4), StandardCharsets.US_ASCII))
          .isEqualTo("ping");
    }

    try (remote) {
      assertThat(remote.getInputStream().read()).isEqualTo(-1);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {REFUSING_PORT, UNMAPPED_PORT})
  void aPortNothingListensOnFailsTheForwardWithTheKubeletsMessage(int port) throws Exception {
    try (LocalPortForward forward = forward(pods.get(0), port)) {
      assertThatThrownBy(() -> get(forward, "/stats")).isInstanceOf(IOException.class);
      waitFor(forward::errorOccurred, "the forward reported no error");

      assertThat(forward.getServerThrowables())
          .anySatisfy(
              t ->
                  assertThat(t.getMessage())
                      .contains("error forwarding port " + port + " to pod " + pods.get(0))
                      .contains("connection refused"));
    }
    try (LocalPortForward forward = forward(pods.get(0), HTTP_PORT)) {
      assertThat(get(forward, "/after").body()).isEqualTo("answered /after");
    }
  }

  @Test
  void anUnknownPodFailsTheForwardAndTheApiKeepsServing() throws Exception {
    try (LocalPortForward forward = forward("no-such-pod", HTTP_PORT)) {
      assertThatThrownBy(() -> get(forward, "/stats")).isInstanceOf(IOException.class);
      waitFor(forward::errorOccurred, "the forward reported no error");
    }

    Pod pod = client.pods().inNamespace("shop").withName(pods.get(0)).get();
    assertThat(pod).isNotNull();
  }

  @Test
  void anUnknownPodIsANotFoundStatus() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    api.url()
                        .resolve("/api/v1/namespaces/shop/pods/no-such-pod/portforward?ports=80"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .contains("\"kind\":\"Status\"")
        .contains("\"reason\":\"NotFound\"")
        .contains("pods \\\"no-such-pod\\\" not found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"?ports=80", "?ports=0", "?ports=http", ""})
  void aRequestThatIsNoWebSocketPortForwardIsABadRequest(String query) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    api.url()
                        .resolve(
                            "/api/v1/namespaces/shop/pods/" + pods.get(0) + "/portforward" + query))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"reason\":\"BadRequest\"").contains("\"message\":\"");
  }

  private static LocalPortForward forward(String pod, int port) {
    return client.pods().inNamespace("shop").withName(pod).portForward(port);
  }

  private static HttpResponse<String> get(LocalPortForward forward, String path)
      throws IOException, InterruptedException {
    return http.send(request(forward, path), HttpResponse.BodyHandlers.ofString());
  }

  private static CompletableFuture<HttpResponse<String>> getAsync(
      LocalPortForward forward, String path) {
    return http.sendAsync(request(forward, path), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(LocalPortForward forward, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + forward.getLocalPort() + path))
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  private static void waitFor(BooleanSupplier condition, String failure) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(failure + " within 10 s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }
}
