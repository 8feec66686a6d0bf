package dev.sidescope.samples.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.samples.folder.ContainerFault;
import dev.sidescope.samples.folder.SampleCluster;
import dev.sidescope.samples.folder.SampleClusterFolder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterExpanderTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final ClusterExpander.Options OPTIONS = ClusterExpander.Options.defaults(NOW);
  private static final String SUFFIX = "[" + ObjectNames.ALPHANUMS + "]";

  @TempDir Path dir;

  @Test
  void aDeploymentBecomesAReplicaSetAndPodsNamedAsKubernetesNamesThem() throws Exception {
    List<HasMetadata> objects = expand(ServedClusters.seedFolder());

    Deployment deployment = one(objects, Deployment.class, "order-service");
    List<ReplicaSet> replicaSets = all(objects, ReplicaSet.class);
    ReplicaSet rs =
        replicaSets.stream()
            .filter(r -> r.getMetadata().getName().startsWith("order-service-"))
            .findFirst()
            .orElseThrow();
    String hash = rs.getMetadata().getLabels().get("pod-template-hash");
    assertThat(hash).matches(SUFFIX + "{9,10}");
    assertThat(rs.getMetadata().getName()).isEqualTo("order-service-" + hash);
    assertThat(rs.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(owner -> ownedBy(owner, deployment));
    List<Pod> pods = podsOwnedBy(objects, rs);
    assertThat(pods).hasSize(3);
    for (Pod pod : pods) {
      assertThat(pod.getMetadata().getName())
          .matches("order-service-" + hash + "-" + SUFFIX + "{5}");
      assertThat(pod.getMetadata().getLabels())
          .containsEntry("app", "order-service")
          .containsEntry("pod-template-hash", hash);
      assertThat(pod.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(o -> ownedBy(o, rs));
    }
    assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(3);
    assertThat(rs.getStatus().getReadyReplicas()).isEqualTo(3);
  }

  @Test
  void everyPodRunsOnANodeWithEveryContainerRunningAndReady() throws Exception {
    List<HasMetadata> objects = expand(ServedClusters.seedFolder());
    List<String> nodes =
        all(objects, Node.class).stream().map(n -> n.getMetadata().getName()).toList();

    assertThat(nodes).hasSize(3).allMatch(n -> n.matches("ip-10-0-[1-3]-\\d+\\.ec2\\.internal"));
    for (Pod pod : all(objects, Pod.class)) {
      assertThat(pod.getSpec().getNodeName()).isIn(nodes);
      assertThat(pod.getMetadata().getUid()).isNotBlank();
      assertThat(pod.getMetadata().getCreationTimestamp()).isNotBlank();
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
      assertThat(pod.getStatus().getPodIP()).startsWith("10.");
      assertThat(pod.getStatus().getHostIP()).startsWith("10.0.");
      assertThat(pod.getStatus().getStartTime()).isNotBlank();
      assertThat(pod.getStatus().getConditions())
          .extracting(PodCondition::getType, PodCondition::getStatus)
          .contains(
              org.assertj.core.groups.Tuple.tuple("Ready", "True"),
              org.assertj.core.groups.Tuple.tuple("ContainersReady", "True"),
              org.assertj.core.groups.Tuple.tuple("PodScheduled", "True"));
      assertThat(pod.getStatus().getContainerStatuses())
          .hasSameSizeAs(pod.getSpec().getContainers())
          .allSatisfy(ClusterExpanderTest::runningAndReady);
    }
  }

  @Test
  void nativeSidecarsRunReadyAmongInitContainersAndClassicInitContainersHaveCompleted()
      throws Exception {
    write(
        "meshed.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: meshed, namespace: mesh}
        spec:
          replicas: 1
          selector: {matchLabels: {app: meshed}}
          template:
            metadata: {labels: {app: meshed}}
            spec:
              initContainers:
                - {name: istio-init, image: "docker.io/istio/proxyv2:1.22.3"}
                - {name: istio-proxy, image: "docker.io/istio/proxyv2:1.22.3", restartPolicy: Always}
              containers:
                - {name: app, image: "meshed:1.0"}
        """);
    Pod pod = all(expand(dir), Pod.class).get(0);

    assertThat(pod.getStatus().getInitContainerStatuses()).hasSize(2);
    ContainerStatus init = pod.getStatus().getInitContainerStatuses().get(0);
    assertThat(init.getState().getTerminated().getReason()).isEqualTo("Completed");
    assertThat(init.getState().getTerminated().getExitCode()).isZero();
    assertThat(init.getStarted()).isFalse();
    runningAndReady(pod.getStatus().getInitContainerStatuses().get(1));
    runningAndReady(pod.getStatus().getContainerStatuses().get(0));
  }

  @Test
  void statefulSetsDaemonSetsAndCronJobsMakeThePodsTheirControllersWould() throws Exception {
    write(
        "controllers.yaml",
        """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: ledger-db}
        spec:
          replicas: 2
          serviceName: ledger-db
          selector: {matchLabels: {app: ledger-db}}
          template:
            metadata: {labels: {app: ledger-db}}
            spec: {containers: [{name: postgres, image: "postgres:16"}]}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: fluent-bit, namespace: logging}
        spec:
          selector: {matchLabels: {app: fluent-bit}}
          template:
            metadata: {labels: {app: fluent-bit}}
            spec: {containers: [{name: fluent-bit, image: "fluent/fluent-bit:3.1"}]}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly-report, namespace: reports}
        spec:
          schedule: "0 2 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{name: report, image: "report:2.0"}]
        """);
    List<HasMetadata> objects = expand(dir);

    assertThat(podNames(objects, "default")).containsExactly("ledger-db-0", "ledger-db-1");
    List<Pod> daemons =
        all(objects, Pod.class).stream()
            .filter(p -> p.getMetadata().getNamespace().equals("logging"))
            .toList();
    assertThat(daemons)
        .hasSize(3)
        .extracting(p -> p.getSpec().getNodeName())
        .doesNotHaveDuplicates();
    assertThat(daemons)
        .allMatch(p -> p.getMetadata().getName().matches("fluent-bit-" + SUFFIX + "{5}"));
    Job job = all(objects, Job.class).get(0);
    assertThat(job.getMetadata().getName()).matches("nightly-report-\\d{8}");
    assertThat(job.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("CronJob");
    Pod jobPod =
        all(objects, Pod.class).stream()
            .filter(p -> p.getMetadata().getNamespace().equals("reports"))
            .findFirst()
            .orElseThrow();
    assertThat(jobPod.getMetadata().getName()).startsWith(job.getMetadata().getName() + "-");
    assertThat(jobPod.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> ownedBy(o, job));
    assertThat(jobPod.getMetadata().getLabels())
        .containsEntry("job-name", job.getMetadata().getName());
  }

  @Test
  void aBarePodWithItsOwnStatusKeepsItAndItsOwnerReferences() throws Exception {
    String crashing = fixture("fixtures/kubernetes/pod_crashloopbackoff_status.yaml");
    write(
        "broken.yaml",
        crashing.replace(
            "  uid: 63674389-f613-11e8-a057-fe5f49266390\n",
            "  uid: 63674389-f613-11e8-a057-fe5f49266390\n  ownerReferences:\n"
                + "  - {apiVersion: apps/v1, kind: ReplicaSet, name: my-rs, uid: 1234, controller: true}\n"));
    Pod pod = all(expand(dir), Pod.class).get(0);

    ContainerStatus main = pod.getStatus().getContainerStatuses().get(0);
    assertThat(main.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(main.getRestartCount()).isEqualTo(3);
    assertThat(pod.getMetadata().getUid()).isEqualTo("63674389-f613-11e8-a057-fe5f49266390");
    assertThat(pod.getMetadata().getOwnerReferences())
        .singleElement()
        .extracting(OwnerReference::getName)
        .isEqualTo("my-rs");
  }

  @Test
  void servicesGetEndpointsAndEndpointSlicesListingThePodsTheySelect() throws Exception {
    List<HasMetadata> objects = expand(ServedClusters.seedFolder());
    List<String> orderPods =
        all(objects, Pod.class).stream()
            .map(p -> p.getMetadata().getName())
            .filter(n -> n.startsWith("order-service-"))
            .toList();

    EndpointSlice slice =
        all(objects, EndpointSlice.class).stream()
            .filter(
                s ->
                    "order-service"
                        .equals(s.getMetadata().getLabels().get("kubernetes.io/service-name")))
            .findFirst()
            .orElseThrow();
    assertThat(slice.getMetadata().getName()).matches("order-service-" + SUFFIX + "{5}");
    assertThat(slice.getEndpoints())
        .extracting(e -> e.getTargetRef().getName())
        .containsExactlyInAnyOrderElementsOf(orderPods);
    assertThat(slice.getEndpoints()).allMatch(e -> e.getConditions().getReady());
    assertThat(slice.getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
    Endpoints endpoints = one(objects, Endpoints.class, "order-service");
    assertThat(endpoints.getSubsets().get(0).getAddresses()).hasSize(3);
  }

  @Test
  void everyNamespaceInUseHasANamespaceObject() throws Exception {
    List<HasMetadata> objects = expand(ServedClusters.seedFolder());

    assertThat(all(objects, Namespace.class))
        .extracting(n -> n.getMetadata().getName())
        .contains("default", "kube-system", "shop");
    assertThat(objects.get(0)).isInstanceOf(Namespace.class);
  }

  @Test
  void theSameFolderGivesTheSameObjects() throws Exception {
    KubernetesSerialization json = new KubernetesSerialization();
    List<String> first = expand(ServedClusters.seedFolder()).stream().map(json::asJson).toList();
    List<String> second = expand(ServedClusters.seedFolder()).stream().map(json::asJson).toList();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void aContainerFaultShowsAsAnUnreadySidecarAndANotReadyEndpoint() throws Exception {
    SampleCluster seed = SampleClusterFolder.read(ServedClusters.seedFolder());
    SampleCluster broken =
        new SampleCluster(
            seed.name(),
            seed.description(),
            seed.traffic(),
            seed.manifests(),
            Map.of(
                new ContainerFault.Where("shop", "payment-service", 1, "envoy"),
                new ContainerFault(ContainerFault.Kind.CRASH_LOOP, 7, 1)),
            List.of());
    List<HasMetadata> objects = ClusterExpander.expand(broken, OPTIONS);

    Pod second =
        all(objects, Pod.class).stream()
            .filter(p -> p.getMetadata().getName().startsWith("payment-service-"))
            .skip(1)
            .findFirst()
            .orElseThrow();
    ContainerStatus envoy =
        second.getStatus().getContainerStatuses().stream()
            .filter(s -> s.getName().equals("envoy"))
            .findFirst()
            .orElseThrow();
    assertThat(envoy.getReady()).isFalse();
    assertThat(envoy.getRestartCount()).isEqualTo(7);
    assertThat(envoy.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(envoy.getLastState().getTerminated().getExitCode()).isEqualTo(1);
    assertThat(PodFactory.isReady(second)).isFalse();
    assertThat(one(objects, Deployment.class, "payment-service").getStatus().getReadyReplicas())
        .isEqualTo(1);
    assertThat(
            one(objects, Endpoints.class, "payment-service")
                .getSubsets()
                .get(0)
                .getNotReadyAddresses())
        .singleElement()
        .satisfies(
            a -> assertThat(a.getTargetRef().getName()).isEqualTo(second.getMetadata().getName()));
  }

  @Test
  void theInputIsNotChanged() throws Exception {
    SampleCluster seed = SampleClusterFolder.read(ServedClusters.seedFolder());
    KubernetesSerialization json = new KubernetesSerialization();
    List<String> before = seed.manifests().stream().map(json::asJson).toList();

    ClusterExpander.expand(seed, OPTIONS);

    assertThat(seed.manifests().stream().map(json::asJson).toList()).isEqualTo(before);
  }

  private static void runningAndReady(ContainerStatus status) {
    assertThat(status.getReady()).as(status.getName() + " ready").isTrue();
    assertThat(status.getStarted()).isTrue();
    assertThat(status.getRestartCount()).isZero();
    assertThat(status.getState().getRunning().getStartedAt()).isNotBlank();
    assertThat(status.getContainerID()).matches("containerd://[0-9a-f]{64}");
    assertThat(status.getImageID()).matches(".+@sha256:[0-9a-f]{64}");
  }

  private static void ownedBy(OwnerReference reference, HasMetadata owner) {
    assertThat(reference.getKind()).isEqualTo(owner.getKind());
    assertThat(reference.getName()).isEqualTo(owner.getMetadata().getName());
    assertThat(reference.getUid()).isEqualTo(owner.getMetadata().getUid());
    assertThat(reference.getController()).isTrue();
  }

  private List<HasMetadata> expand(Path folder) throws IOException {
    return ClusterExpander.expand(SampleClusterFolder.read(folder), OPTIONS);
  }

  private void write(String name, String yaml) throws IOException {
    Files.createDirectories(dir.resolve("kubernetes"));
    Files.writeString(dir.resolve("kubernetes").resolve(name), yaml);
  }

  private static String fixture(String path) throws IOException {
    try (InputStream in = ClusterExpanderTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(
          Objects.requireNonNull(in, path).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static <T extends HasMetadata> T one(
      List<HasMetadata> objects, Class<T> type, String name) {
    Optional<T> found =
        all(objects, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    return found.orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  private static List<Pod> podsOwnedBy(List<HasMetadata> objects, HasMetadata owner) {
    return all(objects, Pod.class).stream()
        .filter(p -> p.getMetadata().getOwnerReferences() != null)
        .filter(
            p ->
                p.getMetadata().getOwnerReferences().stream()
                    .anyMatch(o -> owner.getMetadata().getUid().equals(o.getUid())))
        .toList();
  }

  private static List<String> podNames(List<HasMetadata> objects, String namespace) {
    return all(objects, Pod.class).stream()
        .filter(p -> p.getMetadata().getNamespace().equals(namespace))
        .map(p -> p.getMetadata().getName())
        .toList();
  }
}
