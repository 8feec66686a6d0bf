package dev.sidescope.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.sidescope.samples.kubernetes.ServedClusters;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code kubectl} against the served seed sample. */
class KubectlTest {
  @TempDir static Path dir;
  private static SampleClusterServer server;
  private static Path kubeconfig;
  private static Path kubectl;

  @BeforeAll
  static void serveTheSeed() throws Exception {
    kubectl = onPath("kubectl").orElse(null);
    assumeTrue(kubectl != null, "kubectl is not on the PATH; the kubectl tests are skipped");
    server = new SampleClusterServer();
    server.start(ServedClusters.seedFolder(), 0);
    kubeconfig = server.writeKubeconfig(dir.resolve("seed.kubeconfig"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void getPodsInAllNamespacesListsTheSeedsPods() throws Exception {
    Result result = kubectl("get", "pods", "-A");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("shop").containsPattern("order-service-\\w{9,10}-\\w{5}");
    assertThat(result.out().lines().filter(l -> l.startsWith("shop "))).hasSize(7);
  }

  @Test
  void logsPrintAContainersLog() throws Exception {
    String pod =
        kubectl("get", "pods", "-n", "shop", "-l", "app=order-service", "-o", "name")
            .out()
            .lines()
            .findFirst()
            .orElseThrow();

    Result result = kubectl("logs", "-n", "shop", pod, "-c", "xray-daemon", "--tail=2");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out().lines().toList()).hasSize(2).allMatch(l -> l.contains(" [Info] "));
  }

  @Test
  void logsOfADeploymentFindItsPodThroughAWatch() throws Exception {
    Result result =
        kubectl("logs", "-n", "shop", "deploy/order-service", "-c", "envoy", "--tail=1");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("[20").contains("HTTP/1.1\"");
  }

  @Test
  void versionNamesTheSampleServer() throws Exception {
    String served;
    try (KubernetesClient client = ServedClusters.client(server.kubernetesUrl())) {
      served = client.getKubernetesVersion().getGitVersion();
    }

    Result result = kubectl("version");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("Server Version: " + served);
    assertThat(served).startsWith("v1.");
  }

  @Test
  void portForwardCarriesRequestsToWhereThePodsPortLeads() throws Exception {
    HttpServer target = echoingServer();
    server
        .kubernetesApi()
        .forwardPortsTo(
            (namespace, pod, port) ->
                port == 9901 ? Optional.of(target.getAddress()) : Optional.empty());
    Process forward = portForward(orderServicePod(), ":9901");
    try {
      BufferedReader out = lines(forward);
      int local = localPort(out);

      for (String path : List.of("/stats", "/clusters", "/ready")) {
        // A client of its own each time: every request is a new connection, so a new stream pair.
        HttpResponse<String> response =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("answered " + path);
      }
      assertThat(forward.isAlive()).isTrue();
    } finally {
      forward.destroyForcibly();
      target.stop(0);
    }
  }

  @Test
  void portForwardCarriesLargeBodiesBothWays() throws Exception {
    HttpServer target = echoingServer();
    server
        .kubernetesApi()
        .forwardPortsTo((namespace, pod, port) -> Optional.of(target.getAddress()));
    byte[] sent = new byte[2 * 1024 * 1024];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = (byte) (i * 7 + i / 1031);
    }
    // kubectl finds one of the Deployment's pods itself.
    Process forward = portForward("deploy/order-service", ":9901");
    try {
      int local = localPort(lines(forward));

      HttpResponse<byte[]> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local + "/echo"))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(sent))
                      .timeout(Duration.ofSeconds(20))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(sent);
    } finally {
      forward.destroyForcibly();
      target.stop(0);
    }
  }

  @Test
  void portForwardToAPortNothingListensOnPrintsTheKubeletsError() throws Exception {
    server.kubernetesApi().forwardPortsTo((namespace, pod, port) -> Optional.empty());
    String pod = orderServicePod();
    Process forward = portForward(pod, ":9902");
    try {
      BufferedReader out = lines(forward);
      int local = localPort(out);

      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local + "/"))
                              .timeout(Duration.ofSeconds(10))
                              .build(),
                          HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
      String line;
      String error = null;
      while (error == null && (line = out.readLine()) != null) {
        if (line.contains("error forwarding port")) {
          error = line;
        }
      }

      assertThat(error)
          .as("kubectl printed no forwarding error")
          .contains("error forwarding port 9902 to pod " + pod.substring("pod/".length()))
          .contains("connection refused");
    } finally {
      forward.destroyForcibly();
    }
  }

  @Test
  void portForwardOverPlainSpdyIsToldToAskForAWebSocket() throws Exception {
    Result result =
        kubectlWith(
            Map.of("KUBECTL_PORT_FORWARD_WEBSOCKETS", "false"),
            "port-forward",
            "-n",
            "shop",
            "deploy/order-service",
            ":9901");

    assertThat(result.exit()).isNotZero();
    assertThat(result.err()).contains("KUBECTL_PORT_FORWARD_WEBSOCKETS=true");
  }

  private record Result(int exit, String out, String err) {}

  /** The name ({@code pod/...}) of one of order-service's pods. */
  private static String orderServicePod() throws IOException, InterruptedException {
    return kubectl("get", "pods", "-n", "shop", "-l", "app=order-service", "-o", "name")
        .out()
        .lines()
        .findFirst()
        .orElseThrow();
  }

  /**
   * {@code kubectl port-forward} over a web socket, as kubectl 1.30 does with its feature gate on
   * and later versions do by default; it is ended after 30 s whatever happens, so that a test
   * reading its output cannot wait forever.
   */
  private static Process portForward(String pod, String ports) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                kubectl.toString(),
                "--kubeconfig",
                kubeconfig.toString(),
                "port-forward",
                "-n",
                "shop",
                pod,
                ports)
            .redirectErrorStream(true);
    builder.environment().put("KUBECTL_PORT_FORWARD_WEBSOCKETS", "true");
    Process process = builder.start();
    CompletableFuture.delayedExecutor(30, TimeUnit.SECONDS).execute(process::destroyForcibly);
    return process;
  }

  private static BufferedReader lines(Process process) {
    return new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The local port from kubectl's "Forwarding from 127.0.0.1:N -> M" line. */
  private static int localPort(BufferedReader out) throws IOException {
    Pattern forwarding = Pattern.compile("^Forwarding from 127\\.0\\.0\\.1:(\\d+) -> \\d+$");
    List<String> seen = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = forwarding.matcher(line);
      if (m.matches()) {
        return Integer.parseInt(m.group(1));
      }
      seen.add(line);
    }
    throw new AssertionError("kubectl port-forward ended without forwarding: " + seen);
  }

  /**
   * A loopback HTTP server that answers a POST with its body and any other request with "answered
   * PATH".
   */
  private static HttpServer echoingServer() throws IOException {
    HttpServer target =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext(
        "/",
        exchange -> {
          byte[] body =
              exchange.getRequestMethod().equals("POST")
                  ? exchange.getRequestBody().readAllBytes()
                  : ("answered " + exchange.getRequestURI().getPath())
                      .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    target.start();
    return target;
  }

  private static Result kubectl(String... args) throws IOException, InterruptedException {
    return kubectlWith(Map.of(), args);
  }

  private static Result kubectlWith(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String entry : path.split(File.pathSeparator)) {
      Path candidate = Path.of(entry, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
