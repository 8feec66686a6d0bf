package dev.sidescope.samples;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.samples.folder.MalformedSampleException;
import dev.sidescope.samples.folder.TrafficFlow;
import dev.sidescope.samples.generate.ClusterGenerator;
import dev.sidescope.samples.kubernetes.ServedClusters;
import dev.sidescope.samples.traffic.RealTimeTraffic;
import dev.sidescope.samples.traffic.SimulatedRequest;
import dev.sidescope.samples.traffic.TrafficSimulator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleClusterServerTest {
  private static final Pattern KUBECONFIG = Pattern.compile("export KUBECONFIG='([^']+)'");

  @TempDir Path dir;

  @Test
  void theEnvFileAppearsWholeWithAbsolutePathsOnceThePortAcceptsConnections() throws Exception {
    Path envDir = Files.createDirectories(dir.resolve("env"));
    try (SampleClusterServer server = new SampleClusterServer();
        WatchService watcher = FileSystems.getDefault().newWatchService()) {
      URI url = server.start(ServedClusters.seedFolder(), 0);
      envDir.register(
          watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      CompletableFuture<Path> written =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return server.writeEnv(envDir.resolve("seed.env"));
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });

      String seen = null;
      while (seen == null) {
        WatchKey key = watcher.poll(10, SECONDS);
        assertThat(key).as("a change in the env folder").isNotNull();
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.context().toString().equals("seed.env")) {
            // Whenever the name is visible, the whole file is there and the port answers.
            seen = Files.readString(envDir.resolve("seed.env"));
            try (Socket socket = new Socket()) {
              socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 1_000);
            }
          }
        }
        key.reset();
      }

      assertThat(written.get(10, SECONDS)).isEqualTo(envDir.resolve("seed.env").toAbsolutePath());
      assertThat(seen).endsWith("\n").contains("export KUBECONFIG='");
      Matcher m = KUBECONFIG.matcher(seen);
      assertThat(m.find()).isTrue();
      Path kubeconfig = Path.of(m.group(1));
      assertThat(kubeconfig)
          .isAbsolute()
          .isEqualTo(envDir.resolve("seed.kubeconfig").toAbsolutePath());
      assertThat(Files.readString(kubeconfig)).contains("server: " + url);
      try (var files = Files.list(envDir)) {
        assertThat(files.map(p -> p.getFileName().toString()).toList())
            .containsExactlyInAnyOrder("seed.env", "seed.kubeconfig");
      }
    }
  }

  @Test
  void theEnvFilePointsTheAwsSdkAtTheSamplesEcsEndpointAndAwayFromRealAccounts() throws Exception {
    try (SampleClusterServer server = new SampleClusterServer()) {
      server.start(ServedClusters.seedFolder(), 0);
      String env = Files.readString(server.writeEnv(dir.resolve("seed.env")));
      URI aws = server.awsEndpoint().orElseThrow().url();

      assertThat(env)
          .contains("export AWS_ENDPOINT_URL='" + aws + "'")
          .contains("export AWS_REGION='us-east-1'")
          .contains("export AWS_ACCESS_KEY_ID='")
          .contains("export AWS_SECRET_ACCESS_KEY='")
          .containsPattern("unset .*AWS_PROFILE")
          .containsPattern("unset .*AWS_SESSION_TOKEN");
      java.net.http.HttpResponse<String> clusters =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(aws)
                      .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters")
                      .header("Content-Type", "application/x-amz-json-1.1")
                      .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(clusters.statusCode()).isEqualTo(200);
      assertThat(clusters.body()).contains("shop-prod");
    }
  }

  @Test
  void theKubeconfigHasOneClusterUserAndContextNamedAfterTheSample() throws Exception {
    try (SampleClusterServer server = new SampleClusterServer()) {
      URI url = server.start(ServedClusters.seedFolder(), 0);

      String kubeconfig = Files.readString(server.writeKubeconfig(dir.resolve("k/config")));

      assertThat(kubeconfig)
          .contains("current-context: seed")
          .contains("- name: seed\n  cluster:\n    server: " + url)
          .contains("- name: seed\n  user:\n    token: " + KubeconfigWriter.TOKEN)
          .contains("- name: seed\n  context:\n    cluster: seed\n    user: seed");
      assertThat(url.getHost()).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void stoppingRemovesTheKubeconfigItWroteForTheEnvFileAndNothingElse() throws Exception {
    Path asked = dir.resolve("asked.kubeconfig");
    Path env = dir.resolve("a.env");
    Path other = dir.resolve("b.env");
    SampleClusterServer server = new SampleClusterServer();
    server.start(ServedClusters.seedFolder(), 0);
    server.writeEnv(env);
    Path temporary = dir.resolve("seed.kubeconfig");
    assertThat(temporary).exists();

    server.stop();

    assertThat(temporary).doesNotExist();
    assertThat(env).exists();
    SampleClusterServer second = new SampleClusterServer();
    second.start(ServedClusters.seedFolder(), 0);
    second.writeKubeconfig(asked);
    second.writeEnv(other);
    second.stop();
    assertThat(asked).exists();
    assertThat(Files.readString(other)).contains(asked.toAbsolutePath().toString());
  }

  @Test
  void aBarePodWithItsOwnStatusIsServedWithIt() throws Exception {
    Path sample = Files.createDirectories(dir.resolve("broken/kubernetes"));
    try (var in =
        getClass()
            .getClassLoader()
            .getResourceAsStream("fixtures/kubernetes/pod_crashloopbackoff_status.yaml")) {
      Files.write(sample.resolve("pod.yaml"), in.readAllBytes());
    }
    try (SampleClusterServer server = new SampleClusterServer();
        var client = ServedClusters.client(server.start(dir.resolve("broken"), 0))) {
      var pod = client.pods().inNamespace("argocd").withName("my-pod").get();

      var main = pod.getStatus().getContainerStatuses().get(0);
      assertThat(main.getReady()).isFalse();
      assertThat(main.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
      assertThat(pod.getMetadata().getUid()).isEqualTo("63674389-f613-11e8-a057-fe5f49266390");
      assertThat(server.cluster().orElseThrow().name()).isEqualTo("broken");
    }
  }

  @Test
  void theServedSampleRunsItsTrafficFromStartUntilItStops() throws Exception {
    SampleClusterServer server = new SampleClusterServer();
    RealTimeTraffic running;
    try {
      server.start(ServedClusters.seedFolder(), 0);
      TrafficSimulator traffic = server.traffic().orElseThrow();
      BlockingQueue<SimulatedRequest> heard = new LinkedBlockingQueue<>();
      traffic.addListener(heard::add);
      running = server.runningTraffic().orElseThrow();

      SimulatedRequest first = heard.poll(10, SECONDS);
      assertThat(first).as("a request of the seed's traffic").isNotNull();
      assertThat(traffic.flows()).extracting(TrafficFlow::from).contains(first.from());
      assertThat(running.isRunning()).isTrue();
      // The AWS endpoint's X-Ray listens to the same traffic, and before this test's listener.
      assertThat(server.awsEndpoint().orElseThrow().xrayRecorder().orElseThrow().requests())
          .isPositive();
    } finally {
      server.stop();
    }

    assertThat(running.isRunning()).as("the traffic thread after stop").isFalse();
  }

  @Test
  void aGeneratedClusterHasNoTraffic() throws Exception {
    try (SampleClusterServer server = new SampleClusterServer()) {
      server.start(ClusterGenerator.Spec.parse("pods=10"), 0);

      assertThat(server.traffic()).isEmpty();
      assertThat(server.runningTraffic()).isEmpty();
    }
  }

  @Test
  void aPortInUseIsAnErrorThatNamesIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
        SampleClusterServer server = new SampleClusterServer()) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> server.start(ServedClusters.seedFolder(), port))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    }
  }

  @Test
  void aFolderThatIsNotASampleIsAMalformedSample() {
    try (SampleClusterServer server = new SampleClusterServer()) {
      assertThatThrownBy(() -> server.start(dir.resolve("missing"), 0))
          .isInstanceOf(MalformedSampleException.class)
          .hasMessageEndingWith("is not a folder.");
    }
  }

  @Test
  void anEcsFileThatIsNotUtf8IsAMalformedSampleInOneSentence() throws Exception {
    Files.createDirectories(dir.resolve("s/ecs"));
    Files.write(dir.resolve("s/ecs/orders.json"), new byte[] {'{', (byte) 0xFF, '}'});

    try (SampleClusterServer server = new SampleClusterServer()) {
      assertThatThrownBy(() -> server.start(dir.resolve("s"), 0))
          .isInstanceOf(MalformedSampleException.class)
          .hasMessage("ecs/orders.json is not UTF-8 text (byte 0xFF at offset 1).");
    }
  }

  @Test
  void envValuesAreSingleQuotedForTheShell() {
    EnvFile file =
        EnvFile.of(
            "header",
            List.of(
                EnvFile.Contribution.exports(java.util.Map.of("KUBECONFIG", "/tmp/it's here")),
                new EnvFile.Contribution(
                    java.util.Map.of(), List.of("AWS_PROFILE", "AWS_SESSION_TOKEN"))));

    assertThat(file.render())
        .isEqualTo(
            "# header\nexport KUBECONFIG='/tmp/it'\\''s here'\nunset AWS_PROFILE AWS_SESSION_TOKEN\n");
  }
}
