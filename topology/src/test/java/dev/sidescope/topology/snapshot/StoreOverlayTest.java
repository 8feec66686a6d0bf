package dev.sidescope.topology.snapshot;

import static dev.sidescope.testing.Containers.container;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.IdScheme;
import dev.sidescope.testing.ServiceBuilder;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.testing.time.ManualClock;
import dev.sidescope.testing.time.ManualScheduler;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.EdgeTraffic;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.overlay.Appender;
import dev.sidescope.topology.overlay.EdgeTrafficAppender;
import dev.sidescope.topology.overlay.OverlayPipeline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Measurements reach a running store's snapshots through the overlay stage alone: the base of
 * classified workloads, edges and findings is not built again for them.
 */
class StoreOverlayTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final String SOURCE = IdScheme.DEFAULT.kubernetesSource();

  private final ManualClock clock = new ManualClock(T0);
  private final ManualScheduler writer = new ManualScheduler();
  private final TopologyStore store =
      new TopologyStore(SnapshotBuilder.standard(clock), Grouping.POD, writer, clock);

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void measuredTrafficOnOneEdgeReachesTheSnapshotWithoutANewBase() {
    store.publish(SOURCE, shop());
    runBuild();
    Edge call = upstreamOf("order-service-1", store.latest().orElseThrow());
    long basesBefore = store.baseBuilds();

    store.publish("xray/us-east-1", traffic(call, 12.5, 41, 180, 0.004));
    runBuild();

    TopologySnapshot snapshot = store.latest().orElseThrow();
    Edge measured = edge(snapshot, call.from(), call.to(), EdgeKind.UPSTREAM);
    assertThat(measured.metrics().rps()).hasValue(12.5);
    assertThat(measured.metrics().p99Ms()).hasValue(180);
    assertThat(measured.metrics().errorRate()).hasValue(0.004);
    assertThat(measured.evidence()).contains(Evidence.MANIFEST, Evidence.XRAY);
    assertThat(upstreamOf("order-service-2", snapshot).metrics().isEmpty()).isTrue();
    assertThat(store.baseBuilds()).isEqualTo(basesBefore);
    assertThat(store.builds()).isEqualTo(2);
  }

  @Test
  void measuredTrafficIsGroupedWithItsEdgeByWorkloadAndByService() {
    store.publish(SOURCE, shop());
    runBuild();
    TopologySnapshot byPod = store.latest().orElseThrow();
    Edge one = upstreamOf("order-service-1", byPod);
    Edge two = upstreamOf("order-service-2", byPod);
    store.publish(
        "xray/us-east-1",
        OverlayData.builder()
            .putAll(traffic(one, 10, 40, 150, 0.01))
            .putAll(traffic(two, 30, 45, 200, 0.0))
            .build());
    long basesBefore = store.baseBuilds();

    store.setGrouping(Grouping.WORKLOAD);
    runBuild();
    TopologySnapshot byWorkload = store.latest().orElseThrow();
    store.setGrouping(Grouping.SERVICE);
    runBuild();
    TopologySnapshot byService = store.latest().orElseThrow();

    // A box is named after its source, namespace and owner, or after its Service.
    String deployment = SOURCE + "/shop/Deployment/order-service";
    String orderService = ServiceBuilder.service("order-service").id();
    for (var expected :
        List.of(Map.entry(byWorkload, deployment), Map.entry(byService, orderService))) {
      Edge box =
          edge(
              expected.getKey(),
              expected.getValue() + "/order-service",
              one.to(),
              EdgeKind.UPSTREAM);
      // Two replicas' calls: rates add up, the slower latencies stand, errors weigh by rate.
      assertThat(box.metrics().rps()).hasValue(40);
      assertThat(box.metrics().p50Ms()).hasValue(45);
      assertThat(box.metrics().p99Ms()).hasValue(200);
      assertThat(box.metrics().errorRate().getAsDouble()).isCloseTo(0.0025, within());
      assertThat(box.evidence()).contains(Evidence.XRAY);
    }
    assertThat(store.baseBuilds()).isEqualTo(basesBefore);
  }

  @Test
  void newObservationsBuildANewBaseAndKeepTheMeasurements() {
    store.publish(SOURCE, shop());
    runBuild();
    Edge call = upstreamOf("order-service-1", store.latest().orElseThrow());
    store.publish("xray/us-east-1", traffic(call, 5, 30, 90, 0));
    runBuild();
    long basesBefore = store.baseBuilds();

    Observations grown = shop();
    store.publish(
        SOURCE,
        new Observations(
            append(grown.workloads(), orderPod("order-service-3").spec()),
            grown.services(),
            List.of(),
            List.of()));
    runBuild();

    TopologySnapshot snapshot = store.latest().orElseThrow();
    assertThat(store.baseBuilds()).isEqualTo(basesBefore + 1);
    assertThat(snapshot.workloads()).hasSize(3);
    assertThat(edge(snapshot, call.from(), call.to(), EdgeKind.UPSTREAM).metrics().rps())
        .hasValue(5);
  }

  @Test
  void aStatusOrAWithdrawnOverlaySourceOnlyFinishesAgain() {
    store.publish(SOURCE, shop());
    runBuild();
    Edge call = upstreamOf("order-service-1", store.latest().orElseThrow());
    store.publish("xray/us-east-1", traffic(call, 5, 30, 90, 0));
    runBuild();
    long basesBefore = store.baseBuilds();

    store.publishStatus(SourceStatus.of(SOURCE, SourceState.STALE, "watch lost", T0));
    runBuild();
    assertThat(store.latest().orElseThrow().sources())
        .extracting(SourceStatus::status)
        .containsExactly(SourceState.STALE);
    store.withdraw("xray/us-east-1");
    runBuild();

    TopologySnapshot snapshot = store.latest().orElseThrow();
    assertThat(edge(snapshot, call.from(), call.to(), EdgeKind.UPSTREAM).metrics().isEmpty())
        .isTrue();
    assertThat(store.baseBuilds()).isEqualTo(basesBefore);
  }

  @Test
  void anAppenderThatThrowsIsDegradedAndThePictureIsStillBuilt() {
    Appender broken =
        new Appender() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public TopologyBase append(TopologyBase topology, OverlayData measurements) {
            throw new IllegalStateException("secret-token-123 could not be read");
          }
        };
    SnapshotBuilder builder =
        SnapshotBuilder.standard(
            OverlayPipeline.of(List.of(broken, new EdgeTrafficAppender())), clock);
    try (TopologyStore failing = new TopologyStore(builder, Grouping.POD, writer, clock)) {
      failing.publish(SOURCE, shop());
      writer.runAll();
      Edge call = upstreamOf("order-service-1", failing.latest().orElseThrow());
      failing.publish("xray/us-east-1", traffic(call, 7, 30, 90, 0));
      clock.advance(Duration.ofSeconds(1));
      writer.runAll();

      TopologySnapshot snapshot = failing.latest().orElseThrow();
      assertThat(snapshot.workloads()).hasSize(2);
      SourceStatus overlay =
          snapshot.sources().stream()
              .filter(s -> s.id().equals("overlay/broken"))
              .findFirst()
              .orElseThrow();
      assertThat(overlay.status()).isEqualTo(SourceState.DEGRADED);
      assertThat(overlay.message().orElseThrow())
          .contains("broken", "IllegalStateException")
          .doesNotContain("secret-token-123");
      // The appender after the broken one still ran.
      assertThat(edge(snapshot, call.from(), call.to(), EdgeKind.UPSTREAM).metrics().rps())
          .hasValue(7);
    }
  }

  private void runBuild() {
    clock.advance(Duration.ofSeconds(1));
    writer.runAll();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  private static OverlayData traffic(Edge edge, double rps, double p50, double p99, double errors) {
    return OverlayData.builder()
        .put(
            edge.key(),
            OverlayKeys.EDGE_TRAFFIC,
            new EdgeTraffic(
                new EdgeMetrics(
                    OptionalDouble.of(rps),
                    OptionalDouble.of(p50),
                    OptionalDouble.empty(),
                    OptionalDouble.of(p99),
                    OptionalDouble.of(errors)),
                Evidence.XRAY))
        .build();
  }

  private static Edge upstreamOf(String pod, TopologySnapshot snapshot) {
    String from = orderPod(pod).id() + "/order-service";
    return snapshot.edges().stream()
        .filter(e -> e.from().equals(from) && e.kind() == EdgeKind.UPSTREAM)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no upstream edge from " + from));
  }

  private static Edge edge(TopologySnapshot snapshot, String from, String to, EdgeKind kind) {
    return snapshot.edges().stream()
        .filter(e -> e.from().equals(from) && e.to().equals(to) && e.kind() == kind)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no edge " + Edge.key(from, to, kind) + " in " + snapshot.edges()));
  }

  /** Two replicas of order-service calling payment-service, each behind a Service. */
  private static Observations shop() {
    return new Observations(
        List.of(orderPod("order-service-1").spec(), orderPod("order-service-2").spec()),
        List.of(service("order-service", "order"), service("payment-service", "payment")),
        List.of(),
        List.of(SourceStatus.live(SOURCE, T0)));
  }

  private static WorkloadBuilder orderPod(String name) {
    return WorkloadBuilder.pod(name)
        .owner("Deployment/order-service")
        .label("app", "order")
        .phase("Running")
        .app(
            container("order-service", "shop/order-service:1")
                .env("PAYMENT_URL", "http://payment-service:8080"));
  }

  private static ServiceSpec service(String name, String app) {
    return ServiceBuilder.service(name)
        .selector("app", app)
        .port(new Port(8080, "TCP", Optional.of("http")))
        .build();
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> all = new java.util.ArrayList<>(list);
    all.add(item);
    return all;
  }
}
