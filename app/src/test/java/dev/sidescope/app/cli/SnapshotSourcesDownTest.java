package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sidescope snapshot} when its sources cannot be reached: it still prints what it read, says
 * so in one sentence and exits 2; a source that is reached and holds nothing is not down.
 */
class SnapshotSourcesDownTest {
  private static final String NONE_REACHED =
      "sidescope: no source could be reached; the snapshot holds only their statuses.";

  @TempDir Path config;
  @TempDir Path work;
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void aKubeconfigWhoseServerRefusesExitsTwoAndStillPrintsTheStatus() throws Exception {
    String refused = "http://127.0.0.1:" + closedPort();
    Path kubeconfig = ServedDeployment.writeKubeconfig(work.resolve("kc"), "gone", refused);

    CommandLineRun run =
        CommandLineRun.of(config, "snapshot", "--kubeconfig", kubeconfig.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(statuses(run)).containsExactly("kubernetes/gone:down");
    assertThat(run.err().strip().lines())
        .containsOnlyOnce(NONE_REACHED)
        .last()
        .isEqualTo(NONE_REACHED);
  }

  @Test
  void theCurrentContextDownAndNoAwsExitsTwo() throws Exception {
    String refused = "http://127.0.0.1:" + closedPort();
    Path kubeconfig = ServedDeployment.writeKubeconfig(work.resolve("kc"), "gone", refused);

    CommandLineRun run =
        CommandLineRun.withEnvironment(
            config,
            Map.of(
                "HOME",
                config.toString(),
                "KUBECONFIG",
                kubeconfig.toString(),
                "AWS_EC2_METADATA_DISABLED",
                "true"),
            "snapshot");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(statuses(run)).containsExactly("kubernetes/gone:down");
    assertThat(run.err().strip().lines()).last().isEqualTo(NONE_REACHED);
  }

  @Test
  void aSourceThatIsDownIsNotSaidToBeRetriedByACommandThatExits() throws Exception {
    String refused = "http://127.0.0.1:" + closedPort();
    Path kubeconfig = ServedDeployment.writeKubeconfig(work.resolve("kc"), "gone", refused);

    CommandLineRun run =
        CommandLineRun.withEnvironment(
            config,
            Map.of(
                "HOME",
                config.toString(),
                "AWS_ACCESS_KEY_ID",
                "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY",
                "secret",
                "AWS_EC2_METADATA_DISABLED",
                "true"),
            "snapshot",
            "--kubeconfig",
            kubeconfig.toString(),
            "--region",
            "us-east-1",
            "--endpoint-url",
            refused);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(statuses(run)).contains("kubernetes/gone:down").anyMatch(s -> s.startsWith("ecs/"));
    assertThat(run.err().lines())
        .anyMatch(l -> l.startsWith("sidescope: ecs/") && l.contains("is down: Cannot reach ECS"))
        .noneMatch(l -> l.toLowerCase(Locale.ROOT).contains("retrying"))
        .noneMatch(l -> l.contains("try again") || l.contains("next try"));
  }

  @Test
  void aClusterReachedWithAnEmptyNamespaceIsNotDown() throws Exception {
    try (ServedDeployment cluster = new ServedDeployment("shop", "web")) {
      Path kubeconfig = ServedDeployment.writeKubeconfig(work.resolve("kc"), "mock", cluster.url());

      CommandLineRun run =
          CommandLineRun.of(
              config, "snapshot", "--kubeconfig", kubeconfig.toString(), "--namespace", "nosuchns");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(statuses(run)).containsExactly("kubernetes/mock:live");
      assertThat(mapper.readTree(run.out()).get("workloads")).isEmpty();
      assertThat(run.err()).doesNotContain("no source could be reached");
    }
  }

  private List<String> statuses(CommandLineRun run) throws IOException {
    List<String> statuses = new ArrayList<>();
    for (JsonNode source : mapper.readTree(run.out()).get("sources")) {
      statuses.add(source.get("id").asText() + ":" + source.get("status").asText());
    }
    return statuses;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
