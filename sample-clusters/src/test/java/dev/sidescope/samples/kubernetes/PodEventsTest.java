package dev.sidescope.samples.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.folder.ContainerFault;
import dev.sidescope.samples.folder.SampleCluster;
import dev.sidescope.samples.folder.SampleClusterFolder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Events the expansion writes about unhealthy pods, as a kubelet would have. */
class PodEventsTest {
  private static final Instant NOW = Instant.parse("2026-12-08T03:00:00Z");
  private static final ClusterExpander.Options OPTIONS = ClusterExpander.Options.defaults(NOW);
  private static final String LEDGER = "ledger-7c9d8f6b5-x2k4q";
  private static final String INVOICES = "invoices-5b7c8d9f6-q8w2e";

  private static List<HasMetadata> broken() throws Exception {
    return ClusterExpander.expand(
        SampleClusterFolder.read(BuiltInSamples.folder("broken").orElseThrow()), OPTIONS);
  }

  private static List<Event> events(List<HasMetadata> objects) {
    return objects.stream().filter(Event.class::isInstance).map(Event.class::cast).toList();
  }

  private static List<Event> about(List<Event> events, String pod, String reason) {
    return events.stream()
        .filter(e -> e.getInvolvedObject().getName().equals(pod))
        .filter(e -> e.getReason().equals(reason))
        .toList();
  }

  private static Pod pod(List<HasMetadata> objects, String name) {
    return objects.stream()
        .filter(Pod.class::isInstance)
        .map(Pod.class::cast)
        .filter(p -> p.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aSidecarThatRunsButIsNotReadyFailsItsReadinessProbeAsItsProbeWould() throws Exception {
    List<HasMetadata> objects = broken();

    List<Event> unhealthy = about(events(objects), LEDGER, "Unhealthy");

    assertThat(unhealthy).hasSize(1);
    Event e = unhealthy.get(0);
    assertThat(e.getType()).isEqualTo("Warning");
    // Its probe is a TCP one on 2000, the pod's IP is 10.0.1.57.
    assertThat(e.getMessage())
        .isEqualTo("Readiness probe failed: dial tcp 10.0.1.57:2000: connect: connection refused");
    assertThat(e.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{xray-daemon}");
    assertThat(e.getInvolvedObject().getUid())
        .isEqualTo(pod(objects, LEDGER).getMetadata().getUid());
    assertThat(e.getInvolvedObject().getNamespace()).isEqualTo("payments");
    assertThat(e.getInvolvedObject().getKind()).isEqualTo("Pod");
    assertThat(e.getSource().getComponent()).isEqualTo("kubelet");
    assertThat(e.getSource().getHost()).isEqualTo("ip-10-0-1-23.ec2.internal");
    assertThat(e.getMetadata().getNamespace()).isEqualTo("payments");
    assertThat(e.getMetadata().getName()).startsWith(LEDGER + ".");
    // Every 10 s since it started on 26 November, seen last a few seconds ago.
    assertThat(e.getFirstTimestamp()).isEqualTo("2026-11-26T02:41:21Z");
    assertThat(Instant.parse(e.getLastTimestamp())).isBetween(NOW.minusSeconds(10), NOW);
    assertThat(e.getCount()).isBetween(100_000, 110_000);
    // It never restarted: it started once, when its status says.
    assertThat(about(events(objects), LEDGER, "Started"))
        .singleElement()
        .satisfies(s -> assertThat(s.getCount()).isEqualTo(1))
        .satisfies(s -> assertThat(s.getFirstTimestamp()).isEqualTo("2026-11-26T02:41:11Z"))
        .satisfies(s -> assertThat(s.getLastTimestamp()).isEqualTo("2026-11-26T02:41:11Z"));
  }

  @Test
  void aCrashLoopingSidecarBacksOffAboutFourTimesPerRestartAndRanOncePerRestart() throws Exception {
    List<HasMetadata> objects = broken();
    List<Event> events = events(objects);
    String uid = pod(objects, INVOICES).getMetadata().getUid();

    List<Event> backOff = about(events, INVOICES, "BackOff");

    assertThat(backOff).hasSize(1);
    assertThat(backOff.get(0).getMessage())
        .isEqualTo(
            "Back-off restarting failed container fluent-bit in pod "
                + INVOICES
                + "_payments("
                + uid
                + ")");
    assertThat(backOff.get(0).getType()).isEqualTo("Warning");
    assertThat(backOff.get(0).getCount()).isBetween(28, 30);
    assertThat(backOff.get(0).getInvolvedObject().getFieldPath())
        .isEqualTo("spec.containers{fluent-bit}");
    for (String reason : List.of("Pulled", "Created", "Started")) {
      assertThat(about(events, INVOICES, reason))
          .singleElement()
          .satisfies(e -> assertThat(e.getCount()).isEqualTo(8))
          .satisfies(e -> assertThat(e.getType()).isEqualTo("Normal"))
          .satisfies(e -> assertThat(e.getLastTimestamp()).isEqualTo("2026-11-26T02:55:01Z"));
    }
    assertThat(about(events, INVOICES, "Started").get(0).getMessage())
        .isEqualTo("Started container fluent-bit");
    assertThat(about(events, INVOICES, "Scheduled").get(0).getMessage())
        .isEqualTo("Successfully assigned payments/" + INVOICES + " to ip-10-0-2-41.ec2.internal");
  }

  @Test
  void healthyPodsHaveNoEvents() throws Exception {
    List<HasMetadata> objects = broken();

    assertThat(events(objects))
        .extracting(e -> e.getInvolvedObject().getName())
        .containsOnly(LEDGER, INVOICES);
    assertThat(
            events(
                ClusterExpander.expand(
                    SampleClusterFolder.read(ServedClusters.seedFolder()), OPTIONS)))
        .isEmpty();
  }

  @Test
  void generatedFaultsGetTheirEventsToo() throws Exception {
    SampleCluster seed = SampleClusterFolder.read(ServedClusters.seedFolder());
    SampleCluster broken =
        new SampleCluster(
            seed.name(),
            seed.description(),
            seed.traffic(),
            seed.manifests(),
            Map.of(
                new ContainerFault.Where("shop", "payment-service", 1, "envoy"),
                new ContainerFault(ContainerFault.Kind.CRASH_LOOP, 3, 1),
                new ContainerFault.Where("shop", "payment-service", 0, "envoy"),
                new ContainerFault(ContainerFault.Kind.NOT_READY, 0, 0)),
            List.of());

    List<Event> events = events(ClusterExpander.expand(broken, OPTIONS));

    assertThat(events)
        .filteredOn(e -> e.getReason().equals("BackOff"))
        .singleElement()
        .satisfies(e -> assertThat(e.getCount()).isBetween(12, 14));
    assertThat(events)
        .filteredOn(e -> e.getReason().equals("Unhealthy"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .startsWith("Readiness probe failed: ")
                    .endsWith(": connect: connection refused"));
  }

  /** A running pod on one node whose container {@code name} has {@code status}. */
  private static Pod podWith(Container spec, ContainerStatus status) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("api-0")
        .withNamespace("shop")
        .withUid("8d1c6f0e-2b1a-4c55-9d7e-0a1b2c3d4e5f")
        .withCreationTimestamp("2026-12-08T01:00:00Z")
        .endMetadata()
        .withNewSpec()
        .withNodeName("ip-10-0-3-7.ec2.internal")
        .withContainers(spec)
        .endSpec()
        .withNewStatus()
        .withPodIP("10.0.32.9")
        .withStartTime("2026-12-08T01:00:00Z")
        .withContainerStatuses(status)
        .endStatus()
        .build();
  }

  private static ContainerStatus notReady(String name) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withReady(false)
        .withRestartCount(0)
        .withNewState()
        .withNewRunning("2026-12-08T01:00:05Z")
        .endState()
        .build();
  }

  @Test
  void anHttpProbeFailsAsAGetOfItsPathAndPort() {
    var spec =
        new ContainerBuilder()
            .withName("envoy")
            .withImage("envoyproxy/envoy:v1.31.0")
            .addNewPort()
            .withName("admin")
            .withContainerPort(9901)
            .endPort()
            .withNewReadinessProbe()
            .withNewHttpGet()
            .withPath("/ready")
            .withPort(new IntOrString("admin"))
            .endHttpGet()
            .endReadinessProbe()
            .build();

    List<Event> events = PodEvents.of(podWith(spec, notReady("envoy")), NOW, new ObjectNames(1));

    assertThat(about(events, "api-0", "Unhealthy").get(0).getMessage())
        .isEqualTo(
            "Readiness probe failed: Get \"http://10.0.32.9:9901/ready\": dial tcp 10.0.32.9:9901:"
                + " connect: connection refused");
  }

  @Test
  void withoutAProbeTheFirstPortIsAskedForItsRoot() {
    var spec =
        new ContainerBuilder()
            .withName("xray-daemon")
            .withImage("public.ecr.aws/xray/aws-xray-daemon:3.3.12")
            .addNewPort()
            .withContainerPort(2000)
            .withProtocol("UDP")
            .endPort()
            .build();

    List<Event> events =
        PodEvents.of(podWith(spec, notReady("xray-daemon")), NOW, new ObjectNames(1));

    assertThat(about(events, "api-0", "Unhealthy").get(0).getMessage())
        .isEqualTo(
            "Readiness probe failed: Get \"http://10.0.32.9:2000/\": dial tcp 10.0.32.9:2000:"
                + " connect: connection refused");
  }

  @Test
  void aRunKilledForMemoryIsTheKernelsOomKilling() {
    var spec =
        new ContainerBuilder()
            .withName("log-router")
            .withImage("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2")
            .build();
    ContainerStatus status =
        new ContainerStatusBuilder()
            .withName("log-router")
            .withReady(true)
            .withRestartCount(2)
            .withNewState()
            .withNewRunning("2026-12-08T02:40:00Z")
            .endState()
            .withNewLastState()
            .withNewTerminated()
            .withExitCode(137)
            .withReason("OOMKilled")
            .withStartedAt("2026-12-08T02:10:00Z")
            .withFinishedAt("2026-12-08T02:39:58Z")
            .endTerminated()
            .endLastState()
            .build();

    List<Event> events = PodEvents.of(podWith(spec, status), NOW, new ObjectNames(1));

    assertThat(about(events, "api-0", "OOMKilling"))
        .singleElement()
        .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"))
        .satisfies(e -> assertThat(e.getCount()).isEqualTo(2))
        .satisfies(e -> assertThat(e.getLastTimestamp()).isEqualTo("2026-12-08T02:39:58Z"))
        .satisfies(e -> assertThat(e.getSource().getComponent()).isEqualTo("kernel-monitor"))
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .matches(
                        "Memory cgroup out of memory: Killed process \\d+ \\(fluent-bit\\) .*"));
    assertThat(about(events, "api-0", "Started").get(0).getCount()).isEqualTo(3);
  }

  @Test
  void theServedBrokenSampleListsItsEvents() throws Exception {
    SampleKubernetesApi api =
        SampleKubernetesApi.of(
            SampleClusterFolder.read(BuiltInSamples.folder("broken").orElseThrow()),
            ClusterExpander.Options.defaults(Instant.now()));
    try (KubernetesClient client = ServedClusters.client(api.start(0))) {
      List<Event> events = client.v1().events().inNamespace("payments").list().getItems();

      assertThat(events)
          .extracting(
              e -> e.getInvolvedObject().getName(),
              Event::getReason,
              e -> e.getInvolvedObject().getFieldPath())
          .contains(
              org.assertj.core.groups.Tuple.tuple(
                  LEDGER, "Unhealthy", "spec.containers{xray-daemon}"),
              org.assertj.core.groups.Tuple.tuple(
                  INVOICES, "BackOff", "spec.containers{fluent-bit}"));
      assertThat(
              client
                  .v1()
                  .events()
                  .inNamespace("payments")
                  .withName(about(events, INVOICES, "BackOff").get(0).getMetadata().getName())
                  .get()
                  .getCount())
          .isBetween(28, 30);
    } finally {
      api.stop();
    }
  }
}
