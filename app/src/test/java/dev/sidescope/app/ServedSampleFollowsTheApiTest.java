package dev.sidescope.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.collectors.kubernetes.Kubeconfig;
import dev.sidescope.collectors.kubernetes.KubernetesSource;
import dev.sidescope.samples.SampleClusterServer;
import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.kubernetes.SampleKubernetesApi;
import dev.sidescope.testing.time.SnapshotQueue;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import dev.sidescope.topology.snapshot.TopologyStore;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in seed sample served on loopback, read by the production Kubernetes source into the
 * store the console draws from, while the test changes the cluster through the Kubernetes API (its
 * own client, as {@code kubectl} would) and restarts the API server under the running informers.
 */
class ServedSampleFollowsTheApiTest {
  private static final String ID = "kubernetes/seed";

  @TempDir Path dir;

  private final SnapshotQueue snapshots = new SnapshotQueue();
  private SampleClusterServer server;
  private TopologyStore store;
  private KubernetesSource source;
  private KubernetesClient kubectl;

  @BeforeEach
  void serveTheSeedAndWatchIt() throws Exception {
    server = new SampleClusterServer();
    server.start(BuiltInSamples.folder("seed").orElseThrow(), 0);
    Kubeconfig kubeconfig = Kubeconfig.load(List.of(server.writeKubeconfig(dir.resolve("kc"))));
    store =
        TopologyStore.onOwnThread(
            SnapshotBuilder.standard(Clock.systemUTC()), Grouping.POD, Clock.systemUTC());
    store.addListener(snapshots);
    source =
        new KubernetesSource(
            kubeconfig,
            kubeconfig.select(List.of()).get(0),
            KubernetesSource.Settings.defaults("sidescope/test")
                .withTimings(
                    Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(100)),
            store,
            Clock.systemUTC());
    source.start();
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(server.kubernetesUrl().toString())
            .withUserAgent("kubectl-in-a-test")
            .build();
    kubectl =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientFactory(new JdkHttpClientFactory())
            .build();
  }

  @AfterEach
  void stopEverything() {
    // The server first: closing watches from the client side can stall the mock's event loop.
    server.stop();
    source.close();
    kubectl.close();
    store.close();
  }

  @Test
  void podsAddedAndDeletedThroughTheApiAppearAndVanishInTheStore() throws Exception {
    TopologySnapshot live = await("the seed live", s -> isLive(s) && names(s).size() >= 7);
    String replica =
        names(live).stream()
            .filter(n -> n.startsWith("order-service-"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no order-service replica in " + names(live)));

    kubectl.pods().inNamespace(namespaceOf(live, replica)).resource(debugPod("debug")).create();
    TopologySnapshot added = await("the added pod", s -> names(s).contains("debug"));
    assertThat(added.workloads())
        .filteredOn(w -> w.name().equals("debug"))
        .singleElement()
        .satisfies(w -> assertThat(w.owner()).isEmpty());

    kubectl.pods().inNamespace(namespaceOf(live, replica)).withName(replica).delete();
    kubectl.pods().inNamespace(namespaceOf(live, replica)).withName("debug").delete();
    TopologySnapshot after =
        await(
            "both pods gone",
            s -> !names(s).contains("debug") && !names(s).contains(replica) && isLive(s));
    assertThat(after.workloads())
        .filteredOn(w -> w.owner().orElse("").equals("Deployment/order-service"))
        .hasSize(2);
  }

  @Test
  void theApiServerRestartingUnderTheInformersGoesStaleThenThePictureRecovers() throws Exception {
    TopologySnapshot live = await("the seed live", s -> isLive(s) && names(s).size() >= 7);
    List<String> before = names(live);
    SampleKubernetesApi api = server.kubernetesApi();
    int port = api.port();

    api.stop();
    TopologySnapshot stale = await("stale", s -> state(s) == SourceState.STALE);
    assertThat(names(stale))
        .as("the last picture stays")
        .containsExactlyInAnyOrderElementsOf(before);

    api.start(port);
    String namespace = namespaceOf(live, before.get(0));
    kubectl.pods().inNamespace(namespace).resource(debugPod("after-restart")).create();

    TopologySnapshot recovered =
        await("live with the new pod", s -> isLive(s) && names(s).contains("after-restart"));
    assertThat(names(recovered)).containsAll(before).hasSize(before.size() + 1);
  }

  // ---------------------------------------------------------------------------------------------

  private static io.fabric8.kubernetes.api.model.Pod debugPod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("sh")
        .withImage("busybox:1.36")
        .endContainer()
        .endSpec()
        .build();
  }

  private TopologySnapshot await(String what, Predicate<TopologySnapshot> wanted)
      throws InterruptedException {
    return snapshots.await(what, wanted);
  }

  private static String namespaceOf(TopologySnapshot s, String name) {
    return s.workloads().stream()
        .filter(w -> w.name().equals(name))
        .map(Workload::namespace)
        .findFirst()
        .orElseThrow();
  }

  private static boolean isLive(TopologySnapshot s) {
    return state(s) == SourceState.LIVE;
  }

  private static SourceState state(TopologySnapshot s) {
    return s.sources().stream()
        .filter(x -> x.id().equals(ID))
        .map(SourceStatus::status)
        .findFirst()
        .orElse(null);
  }

  private static List<String> names(TopologySnapshot s) {
    return s.workloads().stream()
        .filter(w -> w.id().startsWith(ID + "/"))
        .map(Workload::name)
        .toList();
  }
}
