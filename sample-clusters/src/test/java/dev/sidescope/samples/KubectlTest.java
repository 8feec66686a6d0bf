package dev.sidescope.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sidescope.samples.kubernetes.ServedClusters;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

  private record Result(int exit, String out, String err) {}

  private static Result kubectl(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
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
