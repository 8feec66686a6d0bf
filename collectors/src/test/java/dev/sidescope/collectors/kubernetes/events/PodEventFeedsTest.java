package dev.sidescope.collectors.kubernetes.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.sidescope.collectors.kubernetes.MockCluster;
import dev.sidescope.collectors.testing.RecordingEventSink;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.events.EventFeedState.Phase;
import dev.sidescope.topology.events.PlatformEvent;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.EventFeeds;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pod events read from fabric8's CRUD mock API server, holding pods and Events shaped as the broken
 * sample's and a kubelet's.
 */
class PodEventFeedsTest {
  private static final String LEDGER = "ledger-7c9d8f6b5-x2k4q";
  private static final String INVOICES = "invoices-5b7c8d9f6-q8w2e";
  private static final Instant NOW = Instant.parse("2026-12-08T03:00:00Z");

  private final MockCluster cluster = MockCluster.started();
  private KubernetesClient client;
  private PodEventFeeds feeds;
  private final RecordingEventSink sink = new RecordingEventSink();

  @BeforeEach
  void connect() {
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl(cluster.url())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    feeds =
        new PodEventFeeds(
            "kubernetes/kind-dev",
            client,
            new PodEventFeeds.Timing(
                Duration.ofMillis(20),
                Duration.ofMillis(100),
                Duration.ofMillis(20),
                Duration.ofMillis(300)));
    cluster.namespace("payments");
  }

  @AfterEach
  void close() {
    feeds.close();
    // The server closes the connections first: a web socket close it starts does not stall it.
    cluster.close();
    client.close();
  }

  private static Workload workload(String pod, String app, SidecarKind kind, String sidecar) {
    return WorkloadBuilder.pod(pod).namespace("payments").app(app).sidecar(kind, sidecar).build();
  }

  private static Workload ledger() {
    return workload(LEDGER, "ledger", SidecarKind.XRAY_DAEMON, "xray-daemon");
  }

  private static Workload invoices() {
    return workload(INVOICES, "invoices", SidecarKind.FLUENT_BIT, "fluent-bit");
  }

  /** The broken sample's ledger pod: xray-daemon runs but is not ready. */
  private Pod ledgerPod() {
    return create(ledgerPodSpec());
  }

  private static Pod ledgerPodSpec() {
    return new PodBuilder()
        .withNewMetadata()
        .withName(LEDGER)
        .withNamespace("payments")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("ledger")
        .withImage("ledger:7.4.2")
        .endContainer()
        .addNewContainer()
        .withName("xray-daemon")
        .withImage("aws-xray-daemon:3.3.12")
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addToContainerStatuses(
            new ContainerStatusBuilder()
                .withName("xray-daemon")
                .withReady(false)
                .withRestartCount(0)
                .withNewState()
                .withNewRunning("2026-11-26T02:41:11Z")
                .endState()
                .build())
        .endStatus()
        .build();
  }

  /** The broken sample's invoices pod: fluent-bit crash-loops, 7 restarts. */
  private Pod invoicesPod() {
    return create(
        new PodBuilder()
            .withNewMetadata()
            .withName(INVOICES)
            .withNamespace("payments")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("invoices")
            .withImage("invoices:2.0.9")
            .endContainer()
            .addNewContainer()
            .withName("fluent-bit")
            .withImage("aws-for-fluent-bit:2.32.2")
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Running")
            .addToContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("fluent-bit")
                    .withReady(false)
                    .withRestartCount(7)
                    .withNewState()
                    .withNewWaiting("back-off 5m0s restarting failed container", "CrashLoopBackOff")
                    .endState()
                    .withNewLastState()
                    .withNewTerminated()
                    .withExitCode(1)
                    .withReason("Error")
                    .withStartedAt("2026-11-26T02:55:01Z")
                    .withFinishedAt("2026-11-26T02:55:02Z")
                    .endTerminated()
                    .endLastState()
                    .build())
            .endStatus()
            .build());
  }

  private Pod create(Pod pod) {
    return cluster.client().pods().inNamespace("payments").resource(pod).create();
  }

  /** An Event as the kubelet writes one about a container of {@code pod}. */
  private Event kubeletEvent(
      Pod pod, String container, String type, String reason, String message, int count) {
    return kubeletEvent(
        pod, container, type, reason, message, count, Duration.ofSeconds(count * 10L));
  }

  private Event kubeletEvent(
      Pod pod,
      String container,
      String type,
      String reason,
      String message,
      int count,
      Duration lastAgo) {
    return cluster
        .client()
        .v1()
        .events()
        .inNamespace("payments")
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(pod.getMetadata().getName() + "." + reason.toLowerCase() + container)
                .withNamespace("payments")
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("v1")
                .withKind("Pod")
                .withNamespace("payments")
                .withName(pod.getMetadata().getName())
                .withUid(pod.getMetadata().getUid())
                .withFieldPath("spec.containers{" + container + "}")
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withCount(count)
                .withFirstTimestamp(NOW.minus(Duration.ofMinutes(30)).toString())
                .withLastTimestamp(NOW.minus(lastAgo).toString())
                .withNewSource()
                .withComponent("kubelet")
                .withHost("ip-10-0-1-23.ec2.internal")
                .endSource()
                .build())
        .create();
  }

  /** An Event a controller writes about {@code kind/name}. */
  private void controllerEvent(String kind, String name, String reason, String message) {
    cluster
        .client()
        .v1()
        .events()
        .inNamespace("payments")
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(name + "." + reason.toLowerCase())
                .withNamespace("payments")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind(kind)
                .withNamespace("payments")
                .withName(name)
                .endInvolvedObject()
                .withType("Normal")
                .withReason(reason)
                .withMessage(message)
                .withCount(1)
                .withLastTimestamp(NOW.minus(Duration.ofHours(1)).toString())
                .withNewSource()
                .withComponent(
                    kind.equals("Deployment") ? "deployment-controller" : "replicaset-controller")
                .endSource()
                .build())
        .create();
  }

  @Test
  void servesThePodsOfItsOwnContextOnly() {
    assertThat(feeds.serves(ledger())).isTrue();
    assertThat(feeds.serves(WorkloadBuilder.pod("x").context("prod").app("app").build())).isFalse();
    assertThat(feeds.serves(WorkloadBuilder.task("abc").app("app").build())).isFalse();
  }

  @Test
  void aSidecarThatFailsItsReadinessProbeHasItsUnhealthyEventOnItsContainer() throws Exception {
    Pod pod = ledgerPod();
    kubeletEvent(
        pod,
        "xray-daemon",
        "Warning",
        "Unhealthy",
        "Readiness probe failed: dial tcp 10.0.1.57:2000: connect: connection refused",
        283,
        Duration.ofSeconds(8));
    kubeletEvent(pod, "xray-daemon", "Normal", "Started", "Started container xray-daemon", 1);

    feeds.open(List.of(ledger()), sink);

    List<PlatformEvent> events = sink.awaitEvents(ledger().id(), "two events", l -> l.size() == 2);
    PlatformEvent unhealthy = events.get(0);
    assertThat(unhealthy.reason()).isEqualTo("Unhealthy");
    assertThat(unhealthy.type()).isEqualTo(PlatformEvent.Type.WARNING);
    assertThat(unhealthy.container()).contains("xray-daemon");
    assertThat(unhealthy.count()).isEqualTo(283);
    assertThat(unhealthy.message()).startsWith("Readiness probe failed: dial tcp 10.0.1.57:2000");
    assertThat(unhealthy.subjectKind()).isEqualTo("Pod");
    assertThat(unhealthy.subjectName()).isEqualTo(LEDGER);
    assertThat(unhealthy.origin()).isEqualTo("kubelet");
    assertThat(unhealthy.first()).isEqualTo(NOW.minus(Duration.ofMinutes(30)));
    assertThat(unhealthy.last()).isEqualTo(NOW.minusSeconds(8));
    assertThat(events.get(1).reason()).isEqualTo("Started");
    assertThat(sink.awaitState(ledger().id(), Phase.LIVE).sentence())
        .isEqualTo("watching the pod's and its owners' events");
    assertThat(sink.states().get(0).phase()).isEqualTo(Phase.CONNECTING);
  }

  @Test
  void aCrashLoopingSidecarHasItsBackOffAndItsLastTerminationWithTheRestartCount()
      throws Exception {
    Pod pod = invoicesPod();
    kubeletEvent(
        pod,
        "fluent-bit",
        "Warning",
        "BackOff",
        "Back-off restarting failed container fluent-bit in pod " + INVOICES + "_payments",
        28);

    feeds.open(List.of(invoices()), sink);

    List<PlatformEvent> events =
        sink.awaitEvents(invoices().id(), "back-off and last termination", l -> l.size() == 2);
    assertThat(events)
        .extracting(PlatformEvent::reason)
        .containsExactly("BackOff", "LastTermination");
    PlatformEvent last = events.get(1);
    assertThat(last.message())
        .isEqualTo(
            "fluent-bit restarted 7 times; its last run ended at 02:55:02 with exit code 1"
                + " (Error) after 1 s");
    assertThat(last.count()).isEqualTo(7);
    assertThat(last.container()).contains("fluent-bit");
    assertThat(last.type()).isEqualTo(PlatformEvent.Type.WARNING);
    assertThat(last.origin()).isEqualTo("pod status");
    assertThat(last.last()).isEqualTo(Instant.parse("2026-11-26T02:55:02Z"));
  }

  @Test
  void theEventsOfThePodsReplicaSetAndDeploymentComeWithItsOwnAndOthersDoNot() throws Exception {
    cluster.deployment("payments", "ledger", "7c9d8f6b5", 1);
    controllerEvent(
        "Deployment", "ledger", "ScalingReplicaSet", "Scaled up replica set ledger-7c9d8f6b5 to 1");
    controllerEvent(
        "ReplicaSet", "ledger-7c9d8f6b5", "SuccessfulCreate", "Created pod: ledger-7c9d8f6b5-p0");
    controllerEvent("Deployment", "statements", "ScalingReplicaSet", "someone else's");
    Workload pod = workload("ledger-7c9d8f6b5-p0", "app", SidecarKind.ENVOY, "envoy");

    feeds.open(List.of(pod), sink);

    List<PlatformEvent> events = sink.awaitEvents(pod.id(), "two events", l -> l.size() == 2);
    assertThat(events)
        .extracting(PlatformEvent::subjectKind, PlatformEvent::reason)
        .containsExactlyInAnyOrder(
            tuple("Deployment", "ScalingReplicaSet"), tuple("ReplicaSet", "SuccessfulCreate"));
    assertThat(events.get(0).origin()).endsWith("-controller");
  }

  @Test
  void aNewEventComesAsTheWholeListNewestFirst() throws Exception {
    Pod pod = ledgerPod();
    kubeletEvent(pod, "xray-daemon", "Normal", "Started", "Started container xray-daemon", 1);
    feeds.open(List.of(ledger()), sink);
    sink.awaitState(ledger().id(), Phase.LIVE);

    kubeletEvent(
        pod,
        "xray-daemon",
        "Warning",
        "Unhealthy",
        "Readiness probe failed: dial tcp 10.0.1.57:2000: connect: connection refused",
        1,
        Duration.ofSeconds(1));

    List<PlatformEvent> events = sink.awaitEvents(ledger().id(), "both", l -> l.size() == 2);
    assertThat(events).extracting(PlatformEvent::reason).containsExactly("Unhealthy", "Started");
  }

  @Test
  void aDeletedPodIsGoneAndKeepsWhatWasRead() throws Exception {
    Pod pod = ledgerPod();
    kubeletEvent(pod, "xray-daemon", "Normal", "Started", "Started container xray-daemon", 1);
    feeds.open(List.of(ledger()), sink);
    sink.awaitState(ledger().id(), Phase.LIVE);

    cluster.deletePod("payments", LEDGER);

    assertThat(sink.awaitState(ledger().id(), Phase.GONE).sentence())
        .isEqualTo("pod " + LEDGER + " was deleted from namespace payments");
  }

  @Test
  void aPodThatNoLongerExistsIsGoneAtOnce() throws Exception {
    feeds.open(List.of(ledger()), sink);

    assertThat(sink.awaitState(ledger().id(), Phase.GONE).sentence())
        .isEqualTo("pod " + LEDGER + " was deleted from namespace payments");
  }

  @Test
  void aForbiddenListIsFailedInOneSentenceAndIsLiveOnceAllowed() throws Exception {
    Pod pod = ledgerPod();
    kubeletEvent(pod, "xray-daemon", "Normal", "Started", "Started container xray-daemon", 1);
    AtomicBoolean forbidden = new AtomicBoolean(true);
    cluster.setPolicy(
        request ->
            forbidden.get()
                    && request.getPath().startsWith("/api/v1/namespaces/payments/events")
                    && !MockCluster.SETUP_AGENT.equals(request.getHeader("User-Agent"))
                ? new MockResponse()
                    .setResponseCode(403)
                    .setBody(
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                            + "\"message\":\"events is forbidden\",\"reason\":\"Forbidden\","
                            + "\"code\":403}")
                : null);

    feeds.open(List.of(ledger()), sink);

    assertThat(sink.awaitState(ledger().id(), Phase.FAILED).sentence())
        .startsWith("not allowed to list events in namespace payments; trying again in ");
    forbidden.set(false);
    sink.awaitState(ledger().id(), Phase.LIVE);
    assertThat(sink.awaitEvents(ledger().id(), "the event", l -> l.size() == 1))
        .extracting(PlatformEvent::reason)
        .containsExactly("Started");
  }

  @Test
  void anApiServerThatGoesAwayIsFailedInOneSentenceAndLiveAgainOnceItIsBack() throws Exception {
    Pod pod = ledgerPod();
    kubeletEvent(pod, "xray-daemon", "Normal", "Started", "Started container xray-daemon", 1);
    feeds.open(List.of(ledger()), sink);
    sink.awaitState(ledger().id(), Phase.LIVE);

    cluster.stop();

    assertThat(sink.awaitState(ledger().id(), Phase.FAILED).sentence())
        .startsWith("cannot reach the API server at " + cluster.url())
        .contains("; trying again in ");
    cluster.start();
    sink.awaitState(ledger().id(), Phase.LIVE);
  }

  @Test
  void anApiServerNotYetUpIsTriedAgainUntilItAnswers() throws Exception {
    try (MockCluster later = MockCluster.notStarted();
        KubernetesClient laterClient =
            new KubernetesClientBuilder()
                .withConfig(
                    new ConfigBuilder()
                        .withMasterUrl(later.url())
                        .withRequestRetryBackoffLimit(0)
                        .build())
                .build();
        PodEventFeeds laterFeeds =
            new PodEventFeeds(
                "kubernetes/kind-dev",
                laterClient,
                new PodEventFeeds.Timing(
                    Duration.ofMillis(20),
                    Duration.ofMillis(100),
                    Duration.ofMillis(20),
                    Duration.ofMillis(300)))) {
      later.namespace("payments");
      later.client().pods().inNamespace("payments").resource(ledgerPodSpec()).create();

      laterFeeds.open(List.of(ledger()), sink);

      assertThat(sink.awaitState(ledger().id(), Phase.FAILED).sentence())
          .isEqualTo(
              "cannot reach the API server at "
                  + later.url()
                  + ": connection refused; trying again in 0.02 s");
      later.start();
      sink.awaitState(ledger().id(), Phase.LIVE);
    }
  }

  @Test
  void itOnlyReads() throws Exception {
    Pod pod = ledgerPod();
    kubeletEvent(pod, "xray-daemon", "Normal", "Started", "Started container xray-daemon", 1);
    try (EventFeeds.Feed feed = feeds.open(List.of(ledger(), invoices()), sink)) {
      sink.awaitState(ledger().id(), Phase.LIVE);
    }

    assertThat(cluster.requests())
        .filteredOn(r -> !MockCluster.SETUP_AGENT.equals(r.userAgent()))
        .extracting(MockCluster.Request::method)
        .containsOnly("GET");
  }

  @Test
  void closingTheSourceTellsEachOpenPodAndThenNothingMore() throws Exception {
    ledgerPod();
    feeds.open(List.of(ledger()), sink);
    sink.awaitState(ledger().id(), Phase.LIVE);

    feeds.close();
    sink.seal();

    assertThat(sink.states().get(sink.states().size() - 1).sentence())
        .isEqualTo("the event source was stopped");
    assertThat(sink.overlappingCalls()).isZero();
    assertThat(sink.lateCalls()).isZero();
  }
}
