package dev.sidescope.topology.snapshot;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.Containers.restartedRunning;
import static dev.sidescope.testing.Containers.running;
import static dev.sidescope.testing.ServiceBuilder.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.Containers;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.Role;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Variant;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.WorkloadSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Grouping through the whole builder, with a classifier that trusts container names. */
class GroupingTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  /** Containers named like "xray" are X-Ray daemons; everything else is an app. */
  private static List<Container> byName(WorkloadSpec spec) {
    List<Container> out = new ArrayList<>();
    for (ContainerSpec c : spec.containers()) {
      out.add(
          c.name().endsWith("xray")
              ? Container.sidecar(spec.id(), c, SidecarKind.XRAY_DAEMON, Variant.SIDECAR)
              : Container.of(spec.id(), c, Role.APP));
    }
    return out;
  }

  private static List<Finding> notReady(List<Workload> workloads, List<ServiceSpec> services) {
    List<Finding> out = new ArrayList<>();
    for (Workload w : workloads) {
      w.sidecars()
          .filter(c -> c.state().ready().filter(r -> !r).isPresent())
          .forEach(
              c ->
                  out.add(
                      new Finding(
                          Severity.ERROR,
                          "SIDECAR_NOT_READY",
                          w.id(),
                          Optional.of(c.name()),
                          c.name() + " in " + w.name() + " is not ready.")));
    }
    return out;
  }

  private final SnapshotBuilder builder =
      new SnapshotBuilder(GroupingTest::byName, GroupingTest::notReady, CLOCK);

  private static WorkloadSpec order(String pod, boolean xrayReady, int restarts) {
    ContainerState xray = xrayReady ? restartedRunning(restarts) : Containers.notReady(restarts);
    return WorkloadBuilder.pod(pod)
        .owner("Deployment/order-service")
        .label("app", "order-service")
        .app(
            container("order-service", "order:1")
                .env("PAY", "http://payment-service:8080")
                .state(running()))
        .sidecar(SidecarKind.XRAY_DAEMON, container("xray", "amazon/aws-xray-daemon").state(xray))
        .spec();
  }

  private static WorkloadSpec payment(String pod) {
    return WorkloadBuilder.pod(pod)
        .owner("Deployment/payment-service")
        .label("app", "payment-service")
        .app("payment-service", "pay:1")
        .spec();
  }

  private static final ServiceSpec PAYMENT_SERVICE = service("payment-service").port(8080).build();

  private TopologySnapshot build(Grouping grouping) {
    return builder.build(observations(), grouping);
  }

  private static Observations observations() {
    return new Observations(
        List.of(
            order("order-1", true, 0),
            order("order-2", false, 5),
            order("order-3", true, 1),
            payment("pay-1"),
            payment("pay-2")),
        List.of(PAYMENT_SERVICE),
        List.of(),
        List.of());
  }

  @Test
  void podGroupingKeepsEveryPod() {
    TopologySnapshot s = build(Grouping.POD);

    assertThat(s.workloads()).hasSize(5).allMatch(w -> w.replicas() == 1);
    assertThat(s.edges().stream().filter(e -> e.to().equals(PAYMENT_SERVICE.id()))).hasSize(3);
  }

  @Test
  void workloadGroupingMakesOneBoxPerOwnerWithItsReplicaCount() {
    TopologySnapshot s = build(Grouping.WORKLOAD);

    assertThat(s.workloads())
        .extracting(Workload::name, Workload::replicas)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("order-service", 3),
            org.assertj.core.groups.Tuple.tuple("payment-service", 2));
  }

  @Test
  void aBoxsMembersAreThePodsItStandsFor() {
    TopologySnapshot s = build(Grouping.WORKLOAD);
    Workload orders =
        s.workloads().stream().filter(w -> w.name().equals("order-service")).findFirst().get();
    TopologyBase base = builder.base(observations());

    assertThat(Grouper.members(Grouping.WORKLOAD, base, orders.id()))
        .extracting(Workload::name)
        .containsExactly("order-1", "order-2", "order-3");
    assertThat(Grouper.members(Grouping.WORKLOAD, base, "no/such/box")).isEmpty();
  }

  @Test
  void aBoxShowsTheWorstStateOfItsReplicas() {
    Workload order =
        build(Grouping.WORKLOAD).workloads().stream()
            .filter(w -> w.name().equals("order-service"))
            .findFirst()
            .orElseThrow();

    ContainerState xray = order.container("xray").orElseThrow().state();
    assertThat(xray.ready()).contains(false);
    assertThat(xray.restarts()).contains(5);
  }

  @Test
  void edgesOfReplicasMergeIntoOne() {
    TopologySnapshot s = build(Grouping.WORKLOAD);

    List<Edge> upstream =
        s.edges().stream().filter(e -> e.to().equals(PAYMENT_SERVICE.id())).toList();
    assertThat(upstream).hasSize(1);
    assertThat(s.edges())
        .allMatch(e -> s.workloads().stream().anyMatch(w -> e.from().startsWith(w.id() + "/")));
  }

  @Test
  void findingsMoveToTheBoxAndKeepNamingThePod() {
    TopologySnapshot s = build(Grouping.WORKLOAD);

    assertThat(s.findings()).hasSize(1);
    Finding f = s.findings().get(0);
    assertThat(s.workload(f.subject())).isPresent();
    assertThat(f.message()).contains("order-2");
  }

  @Test
  void serviceGroupingDrawsTheServiceAsItsBoxAndPointsCallsAtItsApp() {
    TopologySnapshot s = build(Grouping.SERVICE);

    Workload payment = s.workload(PAYMENT_SERVICE.id()).orElseThrow();
    assertThat(payment.replicas()).isEqualTo(2);
    assertThat(s.node(PAYMENT_SERVICE.id())).isEmpty();
    assertThat(s.edges()).anyMatch(e -> e.to().equals(payment.id() + "/payment-service"));
  }
}
