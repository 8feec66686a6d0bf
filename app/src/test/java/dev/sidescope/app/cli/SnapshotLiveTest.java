package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.testing.RepositoryFolders;
import dev.sidescope.testing.export.SnapshotSchema;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sidescope snapshot} with live Kubernetes sources, against a Kubernetes API served on
 * loopback.
 */
class SnapshotLiveTest {
  private static ServedDeployment cluster;

  @TempDir Path config;
  @TempDir Path work;
  private final ObjectMapper mapper = new ObjectMapper();

  @BeforeAll
  static void startCluster() {
    cluster = new ServedDeployment("shop", "web");
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void aKubeconfigGivesTheClustersPodsWithTheirOwners() throws Exception {
    Path kubeconfig = ServedDeployment.writeKubeconfig(work.resolve("kc"), "mock", cluster.url());

    CommandLineRun run =
        CommandLineRun.of(config, "snapshot", "--kubeconfig", kubeconfig.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(SnapshotSchema.violations(run.out())).isEmpty();
    JsonNode root = mapper.readTree(run.out());
    assertThat(root.get("sources").get(0).get("id").asText()).isEqualTo("kubernetes/mock");
    assertThat(root.get("sources").get(0).get("status").asText()).isEqualTo("live");
    JsonNode pod = root.get("workloads").get(0);
    assertThat(pod.get("id").asText()).isEqualTo("kubernetes/mock/shop/web-6d8f7-x2k9p");
    assertThat(pod.get("owner").asText()).isEqualTo("Deployment/web");
    assertThat(roles(pod)).containsExactly("web:app:null", "envoy:sidecar:envoy");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void withoutSourceFlagsTheCurrentContextOfKubeconfigIsUsed() throws Exception {
    Path kubeconfig =
        ServedDeployment.writeKubeconfig(work.resolve("kc"), "from-env", cluster.url());

    CommandLineRun run =
        CommandLineRun.withEnvironment(
            config,
            Map.of("HOME", config.toString(), "KUBECONFIG", kubeconfig.toString()),
            "snapshot",
            "--group",
            "workload");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = mapper.readTree(run.out());
    assertThat(root.get("sources").get(0).get("id").asText()).isEqualTo("kubernetes/from-env");
    assertThat(root.get("workloads").get(0).get("owner").asText()).isEqualTo("Deployment/web");
  }

  @Test
  void manifestsAndALiveClusterMakeOnePicture() throws Exception {
    Path kubeconfig = ServedDeployment.writeKubeconfig(work.resolve("kc"), "mock", cluster.url());

    CommandLineRun run =
        CommandLineRun.of(
            config,
            "snapshot",
            "--kubeconfig",
            kubeconfig.toString(),
            "--manifests",
            RepositoryFolders.seedSample().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = mapper.readTree(run.out());
    List<String> sources = new ArrayList<>();
    root.get("sources").forEach(s -> sources.add(s.get("id").asText()));
    assertThat(sources).contains("kubernetes/mock", "manifests");
    List<String> ids = new ArrayList<>();
    root.get("workloads").forEach(w -> ids.add(w.get("id").asText()));
    assertThat(ids)
        .contains("kubernetes/mock/shop/web-6d8f7-x2k9p")
        .anyMatch(id -> id.startsWith("ecs/"));
  }

  @Test
  void aClusterThatIsDownStillPrintsWithItsStatus() throws Exception {
    String closed = "http://127.0.0.1:" + closedPort();
    Path kubeconfig = ServedDeployment.writeKubeconfig(work.resolve("kc"), "gone", closed);

    CommandLineRun run =
        CommandLineRun.of(config, "snapshot", "--kubeconfig", kubeconfig.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2); // its only source was not reached
    JsonNode source = mapper.readTree(run.out()).get("sources").get(0);
    assertThat(source.get("status").asText()).isEqualTo("down");
    assertThat(source.get("message").asText()).startsWith("connection refused to " + closed);
    assertThat(run.err().strip())
        .startsWith("sidescope: kubernetes/gone is down: connection refused to " + closed)
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void noSourceAtAllIsOneSentenceAndExitCodeTwo() {
    CommandLineRun run = CommandLineRun.of(config, "snapshot");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip().lines())
        .singleElement()
        .isEqualTo(
            "sidescope: no source to read: no kubeconfig found at "
                + config.resolve(".kube/config")
                + ", and no AWS credentials, profile or endpoint found; pass --kubeconfig FILE,"
                + " --context CONTEXT, --aws-profile P, --xray-daemon, --envoy-admin URL, or"
                + " --manifests DIR.");
  }

  @Test
  void aBrokenKubeconfigIsOneSentenceAndExitCodeTwo() throws Exception {
    Path broken = work.resolve("broken");
    Files.writeString(broken, "clusters: [oops\n");

    CommandLineRun run = CommandLineRun.of(config, "snapshot", "--kubeconfig", broken.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip().lines())
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .startsWith("sidescope: the kubeconfig " + broken + " is not valid: "));
  }

  @Test
  void anUnknownContextIsOneSentenceAndExitCodeTwo() {
    Path kubeconfig = ServedDeployment.writeKubeconfig(work.resolve("kc"), "mock", cluster.url());

    CommandLineRun run =
        CommandLineRun.of(
            config, "snapshot", "--kubeconfig", kubeconfig.toString(), "--context", "prod");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(
            "sidescope: there is no context 'prod' in the kubeconfig "
                + kubeconfig
                + " (contexts: mock).");
  }

  @Test
  void watchSecondsKeepsWatchingAndPrintsTheLastSnapshot() throws Exception {
    Path kubeconfig = ServedDeployment.writeKubeconfig(work.resolve("kc"), "mock", cluster.url());

    CommandLineRun run =
        CommandLineRun.of(
            config,
            "snapshot",
            "--kubeconfig",
            kubeconfig.toString(),
            "--namespace",
            "shop",
            "--watch-seconds",
            "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(mapper.readTree(run.out()).get("workloads")).hasSize(1);
  }

  private static List<String> roles(JsonNode workload) {
    List<String> roles = new ArrayList<>();
    for (JsonNode c : workload.get("containers")) {
      roles.add(
          c.get("name").asText() + ":" + c.get("role").asText() + ":" + c.get("sidecar").asText());
    }
    return roles;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
