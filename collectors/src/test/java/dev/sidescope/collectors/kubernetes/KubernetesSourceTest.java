package dev.sidescope.collectors.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.time.SnapshotQueue;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.MeshVirtualNode;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import dev.sidescope.topology.snapshot.TopologyStore;
import dev.sidescope.topology.source.ObservationSink;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live Kubernetes source against fabric8's mock API server in CRUD mode: objects are created
 * through the API, and the test waits for the store's snapshots with {@code poll(10, SECONDS)}.
 */
class KubernetesSourceTest {
  private static final String CONTEXT = "mock";
  private static final String ID = "kubernetes/" + CONTEXT;

  @TempDir Path dir;

  private final List<MockCluster> clusters = new ArrayList<>();
  private final List<KubernetesSource> sources = new ArrayList<>();
  private final SnapshotQueue snapshots = new SnapshotQueue();
  private final Map<String, Observations> lastObservations = new ConcurrentHashMap<>();
  private TopologyStore store;
  private ObservationSink sink;

  @BeforeEach
  void startStore() {
    store =
        TopologyStore.onOwnThread(
            SnapshotBuilder.standard(Clock.systemUTC()), Grouping.POD, Clock.systemUTC());
    store.addListener(snapshots);
    sink =
        new ObservationSink() {
          @Override
          public void publish(String sourceId, Observations observations) {
            lastObservations.put(sourceId, observations);
            store.publish(sourceId, observations);
          }

          @Override
          public void publishStatus(SourceStatus status) {
            store.publishStatus(status);
          }

          @Override
          public void withdraw(String sourceId) {
            store.withdraw(sourceId);
          }
        };
  }

  @AfterEach
  void closeEverything() {
    // Cut the clusters first: fabric8's mock blocks its event loop on WebSocket closes that a
    // client starts, which closing the sources would otherwise send it.
    clusters.forEach(MockCluster::stop);
    sources.forEach(KubernetesSource::close);
    clusters.forEach(MockCluster::close);
    store.close();
  }

  @Test
  void reachesLiveAndKnowsEachPodsTopControllerFromTheCaches() throws Exception {
    MockCluster cluster = cluster();
    cluster.deployment("shop", "web", "5d4f8", 2);
    cluster.cronJob("shop", "nightly", "nightly-29001");
    cluster.pod("shop", "debug", Map.of(), null);

    start(cluster.writeKubeconfig(dir, CONTEXT), fast());

    TopologySnapshot live =
        await("live with four pods", s -> isLive(s) && s.workloads().size() == 4);
    assertThat(live.workloads())
        .extracting(w -> w.name() + " " + w.owner().orElse("-"))
        .containsExactlyInAnyOrder(
            "web-5d4f8-p0 Deployment/web",
            "web-5d4f8-p1 Deployment/web",
            "nightly-29001-run CronJob/nightly",
            "debug -");
    assertThat(live.workloads()).extracting(Workload::id).contains("kubernetes/mock/shop/debug");
    assertThat(status(live).message()).isEmpty();
  }

  @Test
  void aServiceKnowsItsPodsBySelectorAndByEndpointSlices() throws Exception {
    MockCluster cluster = cluster();
    cluster.deployment("shop", "web", "5d4f8", 2);

    start(cluster.writeKubeconfig(dir, CONTEXT), fast());
    await("live", s -> isLive(s) && s.workloads().size() == 2);

    ServiceSpec web =
        lastObservations.get(ID).services().stream()
            .filter(s -> s.name().equals("web"))
            .findFirst()
            .orElseThrow();
    assertThat(web.id()).isEqualTo("service/mock/shop/web");
    assertThat(web.selector()).containsEntry("app", "web");
    assertThat(web.endpoints())
        .containsExactlyInAnyOrder(
            "kubernetes/mock/shop/web-5d4f8-p0", "kubernetes/mock/shop/web-5d4f8-p1");
    assertThat(lastObservations.get(ID).workloads()).allMatch(web::selects);
  }

  @Test
  void aPodCreatedOrDeletedThroughTheApiReachesANewSnapshotWithinASecond() throws Exception {
    MockCluster cluster = cluster();
    cluster.deployment("shop", "web", "5d4f8", 1);
    start(cluster.writeKubeconfig(dir, CONTEXT), fast());
    await("live", s -> isLive(s) && s.workloads().size() == 1);

    long before = System.nanoTime();
    cluster.pod("shop", "added", Map.of("app", "extra"), null);
    await("the added pod", s -> names(s).contains("added"));
    Duration toAppear = Duration.ofNanos(System.nanoTime() - before);

    before = System.nanoTime();
    cluster.deletePod("shop", "added");
    await("the pod gone", s -> !names(s).contains("added"));
    Duration toDisappear = Duration.ofNanos(System.nanoTime() - before);

    assertThat(toAppear).isLessThan(Duration.ofSeconds(1));
    assertThat(toDisappear).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aPodChangedThroughTheApiAndAReplicaSetArrivingAfterItsPodReachNewSnapshots()
      throws Exception {
    MockCluster cluster = cluster();
    cluster.pod(
        "shop",
        "late-7f9c-x1",
        Map.of("app", "late"),
        MockCluster.owner("apps/v1", "ReplicaSet", "late-7f9c", "uid-late-rs"));
    start(cluster.writeKubeconfig(dir, CONTEXT), fast());
    await("live with the pod", s -> isLive(s) && names(s).contains("late-7f9c-x1"));

    // Objects the latest snapshot already read change nothing; these are new ones.
    cluster
        .client()
        .apps()
        .replicaSets()
        .inNamespace("shop")
        .resource(
            new ReplicaSetBuilder()
                .withNewMetadata()
                .withName("late-7f9c")
                .withNamespace("shop")
                .withUid("uid-late-rs")
                .withOwnerReferences(MockCluster.owner("apps/v1", "Deployment", "late", "uid-late"))
                .endMetadata()
                .build())
        .create();
    await(
        "the pod owned by the Deployment",
        s ->
            s.workloads().stream().anyMatch(w -> w.owner().equals(Optional.of("Deployment/late"))));

    cluster
        .client()
        .pods()
        .inNamespace("shop")
        .withName("late-7f9c-x1")
        .edit(
            pod ->
                new PodBuilder(pod)
                    .editMetadata()
                    .addToLabels("tier", "gold")
                    .endMetadata()
                    .build());
    await(
        "the pod's new label",
        s -> s.workloads().stream().anyMatch(w -> "gold".equals(w.spec().labels().get("tier"))));
  }

  @Test
  void sidescopesOwnClientOnlyReadsAndSaysWhoItIs() throws Exception {
    MockCluster cluster = cluster();
    cluster.deployment("shop", "web", "5d4f8", 1);
    cluster.cronJob("shop", "nightly", "nightly-1");
    start(cluster.writeKubeconfig(dir, CONTEXT), fast());
    await("live", s -> isLive(s) && s.workloads().size() == 2);
    cluster.pod("shop", "added", Map.of(), null);
    await("the added pod", s -> names(s).contains("added"));

    List<MockCluster.Request> ours =
        cluster.requests().stream()
            .filter(r -> !MockCluster.SETUP_AGENT.equals(r.userAgent()))
            .toList();

    assertThat(ours).isNotEmpty();
    assertThat(ours)
        .allSatisfy(
            r -> {
              assertThat(r.userAgent()).startsWith("sidescope/");
              assertThat(r.method()).as(r.method() + " " + r.path()).isEqualTo("GET");
            });
    assertThat(ours)
        .anyMatch(r -> r.path().startsWith("/api/v1/pods") && r.path().contains("watch=true"));
    assertThat(cluster.requests())
        .filteredOn(r -> MockCluster.SETUP_AGENT.equals(r.userAgent()))
        .anyMatch(r -> r.method().equals("POST"));
  }

  @Test
  void saysDownWhileTheApiServerIsUnreachableThenLiveOnceItAnswers() throws Exception {
    MockCluster cluster = MockCluster.notStarted();
    clusters.add(cluster);
    start(cluster.writeKubeconfig(dir, CONTEXT), fast());

    TopologySnapshot down = await("down", s -> state(s) == SourceState.DOWN);
    assertThat(status(down).message())
        .hasValueSatisfying(
            m -> assertThat(m).startsWith("connection refused to " + cluster.url()));

    cluster.start();
    cluster.deployment("shop", "web", "5d4f8", 1);

    TopologySnapshot live = await("live", s -> isLive(s) && s.workloads().size() == 1);
    assertThat(live.workloads().get(0).owner()).contains("Deployment/web");
  }

  @Test
  void theApiServerRestartingUnderARunningSourceMakesItStaleThenTheyRecover() throws Exception {
    MockCluster cluster = cluster();
    cluster.deployment("shop", "web", "5d4f8", 1);
    start(cluster.writeKubeconfig(dir, CONTEXT), fast());
    await("live", s -> isLive(s) && s.workloads().size() == 1);
    Instant stopped = Instant.now();

    cluster.stop();

    TopologySnapshot stale = await("stale", s -> state(s) == SourceState.STALE);
    assertThat(status(stale).message())
        .hasValueSatisfying(m -> assertThat(m).contains("connection refused to " + cluster.url()));
    assertThat(status(stale).since())
        .hasValueSatisfying(t -> assertThat(t).isBefore(Instant.now()));
    assertThat(status(stale).since().get()).isBeforeOrEqualTo(stopped.plusSeconds(1));
    assertThat(names(stale)).as("the last picture stays").containsExactly("web-5d4f8-p0");

    cluster.start();
    await("live again", KubernetesSourceTest::isLive);
    cluster.pod("shop", "after-restart", Map.of(), null);

    TopologySnapshot recovered = await("the new pod", s -> names(s).contains("after-restart"));
    assertThat(names(recovered)).containsExactlyInAnyOrder("web-5d4f8-p0", "after-restart");
  }

  @Test
  void aForbiddenClusterWideListFallsBackToTheNamespacesThatAreAllowed() throws Exception {
    MockCluster cluster = cluster();
    cluster.namespace("shop");
    cluster.namespace("payments");
    cluster.namespace("admin");
    cluster.deployment("shop", "web", "5d4f8", 1);
    cluster.deployment("payments", "ledger", "7c9d2", 1);
    cluster.deployment("admin", "vault", "1a2b3", 1);
    // Like a Role in shop and payments, and nothing cluster-wide but the namespaces list.
    cluster.setPolicy(
        request ->
            forbiddenUnless(
                request,
                p -> p.startsWith("/api/v1/namespaces?") || inNamespace(p, "shop", "payments")));

    start(cluster.writeKubeconfig(dir, CONTEXT), fast());

    TopologySnapshot degraded =
        await("degraded", s -> state(s) == SourceState.DEGRADED && s.workloads().size() == 2);
    assertThat(message(degraded))
        .isEqualTo(
            "cannot list pods and 8 other kinds cluster-wide; watching namespaces payments, shop");
    assertThat(degraded.workloads())
        .extracting(w -> w.name() + " " + w.owner().orElse("-"))
        .containsExactlyInAnyOrder(
            "web-5d4f8-p0 Deployment/web", "ledger-7c9d2-p0 Deployment/ledger");
  }

  @Test
  void aNamespaceThatForbidsListingPodsIsDownWithTheReason() throws Exception {
    MockCluster cluster = cluster();
    cluster.deployment("shop", "web", "5d4f8", 1);
    cluster.setPolicy(request -> forbiddenUnless(request, p -> false));

    start(cluster.writeKubeconfig(dir, CONTEXT), fast().withNamespace(Optional.of("shop")));

    TopologySnapshot down =
        await("down for pods", s -> state(s) == SourceState.DOWN && message(s).contains("pods"));
    assertThat(message(down)).isEqualTo("forbidden: list pods in namespace shop");
  }

  @Test
  void aRejectedTokenSaysUnauthorized() throws Exception {
    MockCluster cluster = cluster();
    cluster.setPolicy(
        request ->
            new MockResponse()
                .setResponseCode(401)
                .setBody(
                    "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                        + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}"));

    start(cluster.writeKubeconfig(dir, CONTEXT), fast());

    TopologySnapshot down = await("down", s -> state(s) == SourceState.DOWN);
    assertThat(message(down)).startsWith("unauthorized: the token was rejected");
  }

  @Test
  void watchesOnlyTheNamespaceItIsGiven() throws Exception {
    MockCluster cluster = cluster();
    cluster.deployment("shop", "web", "5d4f8", 1);
    cluster.deployment("payments", "ledger", "7c9d2", 1);

    start(cluster.writeKubeconfig(dir, CONTEXT), fast().withNamespace(Optional.of("shop")));

    TopologySnapshot live = await("live", s -> isLive(s) && !s.workloads().isEmpty());
    assertThat(names(live)).containsExactly("web-5d4f8-p0");
    assertThat(cluster.requests())
        .filteredOn(r -> !MockCluster.SETUP_AGENT.equals(r.userAgent()))
        .filteredOn(r -> r.path().startsWith("/api/v1/pods"))
        .as("no cluster-wide pod list")
        .isEmpty();
  }

  @Test
  void aMissingExecPluginIsNamedInTheStatus() throws Exception {
    MockCluster cluster = cluster();
    Path kubeconfig =
        cluster.writeKubeconfig(
            dir,
            CONTEXT,
            "  user:\n"
                + "    exec:\n"
                + "      apiVersion: client.authentication.k8s.io/v1beta1\n"
                + "      command: sidescope-test-no-such-plugin\n"
                + "      args: [token]\n");

    start(kubeconfig, fast().withEnvironment(Map.of("PATH", dir.toString())));

    TopologySnapshot down = await("down", s -> state(s) == SourceState.DOWN);
    assertThat(message(down))
        .isEqualTo("exec plugin sidescope-test-no-such-plugin not found on PATH");
    assertThat(cluster.requests())
        .filteredOn(r -> !MockCluster.SETUP_AGENT.equals(r.userAgent()))
        .isEmpty();
  }

  @Test
  void readsAppMeshVirtualNodesWhereTheApiServesThem() throws Exception {
    MockCluster cluster = cluster();
    cluster.serveAppMesh();
    cluster.deployment("shop", "orders", "5d4f8", 1);
    cluster
        .client()
        .genericKubernetesResources(WatchedKind.VIRTUAL_NODE)
        .inNamespace("shop")
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("appmesh.k8s.aws/v1beta2")
                .withKind("VirtualNode")
                .withNewMetadata()
                .withName("orders")
                .withNamespace("shop")
                .endMetadata()
                .addToAdditionalProperties(
                    "spec",
                    Map.of(
                        "podSelector",
                        Map.of("matchLabels", Map.of("app", "orders")),
                        "backends",
                        List.of(
                            Map.of(
                                "virtualService",
                                Map.of("virtualServiceRef", Map.of("name", "payments"))))))
                .build())
        .create();

    start(cluster.writeKubeconfig(dir, CONTEXT), fast());
    await("live", s -> isLive(s) && s.workloads().size() == 1);

    assertThat(lastObservations.get(ID).meshNodes())
        .extracting(MeshVirtualNode::name, MeshVirtualNode::backends)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("orders", List.of("payments")));
  }

  @Test
  void oneSourceDownDoesNotKeepAnotherFromWorking() throws Exception {
    MockCluster up = cluster();
    up.deployment("shop", "web", "5d4f8", 1);
    MockCluster gone = MockCluster.notStarted();
    clusters.add(gone);
    start(up.writeKubeconfig(dir, "up"), "up", fast());
    start(gone.writeKubeconfig(dir, "gone"), "gone", fast());

    TopologySnapshot both =
        await(
            "one live, one down",
            s ->
                state(s, "kubernetes/up") == SourceState.LIVE
                    && state(s, "kubernetes/gone") == SourceState.DOWN
                    && s.workloads().size() == 1);

    assertThat(both.workloads().get(0).id()).isEqualTo("kubernetes/up/shop/web-5d4f8-p0");
  }

  // ---------------------------------------------------------------------------------------------

  private MockCluster cluster() {
    MockCluster cluster = MockCluster.started();
    clusters.add(cluster);
    return cluster;
  }

  /** Timings for tests: quick retries, ticks and grace periods. */
  private static KubernetesSource.Settings fast() {
    return KubernetesSource.Settings.defaults("sidescope/test")
        .withTimings(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(100));
  }

  private KubernetesSource start(Path kubeconfig, KubernetesSource.Settings settings)
      throws KubeconfigException {
    return start(kubeconfig, CONTEXT, settings);
  }

  private KubernetesSource start(
      Path kubeconfig, String context, KubernetesSource.Settings settings)
      throws KubeconfigException {
    KubernetesSource source =
        new KubernetesSource(
            Kubeconfig.load(List.of(kubeconfig)), context, settings, sink, Clock.systemUTC());
    sources.add(source);
    source.start();
    return source;
  }

  private TopologySnapshot await(String what, Predicate<TopologySnapshot> wanted)
      throws InterruptedException {
    return snapshots.await(what, wanted);
  }

  private static boolean isLive(TopologySnapshot s) {
    return state(s) == SourceState.LIVE;
  }

  private static SourceState state(TopologySnapshot s) {
    return state(s, ID);
  }

  private static SourceState state(TopologySnapshot s, String id) {
    return s.sources().stream()
        .filter(x -> x.id().equals(id))
        .map(SourceStatus::status)
        .findFirst()
        .orElse(null);
  }

  private static SourceStatus status(TopologySnapshot s) {
    return s.sources().stream().filter(x -> x.id().equals(ID)).findFirst().orElseThrow();
  }

  private static String message(TopologySnapshot s) {
    return status(s).message().orElse(null);
  }

  private static List<String> names(TopologySnapshot s) {
    return s.workloads().stream().map(Workload::name).toList();
  }

  private static final Pattern NAMESPACED =
      Pattern.compile("^/apis?/(?:[^/]+/)*namespaces/([^/?]+)/");

  /** True when the request path is inside one of these namespaces. */
  private static boolean inNamespace(String path, String... namespaces) {
    var m = NAMESPACED.matcher(path);
    if (!m.find()) {
      return false;
    }
    return List.of(namespaces).contains(m.group(1));
  }

  /** A 403 like RBAC's, unless {@code allowed} accepts the path; discovery is always allowed. */
  private static MockResponse forbiddenUnless(RecordedRequest request, Predicate<String> allowed) {
    String path = request.getPath();
    if (allowed.test(path) || !path.contains("?") && !path.contains("/namespaces/")) {
      return null;
    }
    String resource = path.replaceAll("\\?.*", "").replaceAll(".*/", "");
    return new MockResponse()
        .setResponseCode(403)
        .setBody(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\""
                + resource
                + " is forbidden: User \\\"tester\\\" cannot list resource \\\""
                + resource
                + "\\\"\",\"reason\":\"Forbidden\",\"code\":403}");
  }
}
