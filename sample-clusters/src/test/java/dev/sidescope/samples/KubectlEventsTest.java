package dev.sidescope.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sidescope.samples.folder.BuiltInSamples;
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

/** The real {@code kubectl} reads the served broken sample's Events. */
class KubectlEventsTest {
  @TempDir static Path dir;
  private static SampleClusterServer server;
  private static Path kubeconfig;
  private static Path kubectl;

  @BeforeAll
  static void serveTheBrokenSample() throws Exception {
    kubectl = onPath("kubectl").orElse(null);
    assumeTrue(kubectl != null, "kubectl is not on the PATH; the kubectl tests are skipped");
    server = new SampleClusterServer();
    server.start(BuiltInSamples.folder("broken").orElseThrow(), 0);
    kubeconfig = server.writeKubeconfig(dir.resolve("broken.kubeconfig"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void getEventsShowsTheProbeFailureAndTheBackOff() throws Exception {
    // The sample serves no server-side tables: kubectl prints the columns it is asked for.
    Result result =
        kubectl(
            "get",
            "events",
            "-n",
            "payments",
            "-o",
            "custom-columns=TYPE:.type,REASON:.reason,OBJECT:.involvedObject.name,"
                + "COUNT:.count,MESSAGE:.message");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out())
        .containsPattern(
            "Warning +Unhealthy +ledger-7c9d8f6b5-x2k4q +\\d+ +Readiness probe failed: dial tcp"
                + " 10.0.1.57:2000: connect: connection refused")
        .containsPattern(
            "Warning +BackOff +invoices-5b7c8d9f6-q8w2e +\\d+ +Back-off restarting failed"
                + " container fluent-bit in pod invoices-5b7c8d9f6-q8w2e_payments");
  }

  @Test
  void eventsForOnePodShowOnlyThatPodsEvents() throws Exception {
    Result result = kubectl("events", "-n", "payments", "--for", "pod/invoices-5b7c8d9f6-q8w2e");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("BackOff")
        .contains("Back-off restarting failed container fluent-bit")
        .doesNotContain("Readiness probe failed");
  }

  @Test
  void describePodEndsWithThePodsEvents() throws Exception {
    Result result = kubectl("describe", "pod", "-n", "payments", "ledger-7c9d8f6b5-x2k4q");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out().substring(result.out().indexOf("Events:")))
        .contains("Unhealthy")
        .contains("Readiness probe failed: dial tcp 10.0.1.57:2000")
        .doesNotContain("BackOff");
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
