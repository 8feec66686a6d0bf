package dev.sidescope.topology.snapshot;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.ServiceBuilder.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.WorkloadSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A plan made for a base groups whatever the appenders made of that base exactly as grouping it
 * from scratch would: edges changed in place, added, removed; findings and nodes changed.
 */
class GroupingPlanTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  private static final TopologyBase BASE = SnapshotBuilder.standard(CLOCK).base(cluster(12, 3));

  @ParameterizedTest(name = "{0}, seed {1}")
  @CsvSource({
    "WORKLOAD, 1",
    "WORKLOAD, 2",
    "WORKLOAD, 3",
    "SERVICE, 1",
    "SERVICE, 2",
    "SERVICE, 3",
    "POD, 1"
  })
  void aPlanGroupsWhatTheAppendersChangedAsGroupingFromScratchWould(Grouping grouping, long seed) {
    Random random = new Random(seed);
    TopologyBase changed = changed(BASE, random);
    Grouper.Plan plan = Grouper.plan(grouping, BASE);

    Grouper.Grouped reused = Grouper.group(plan, changed);
    Grouper.Grouped fresh = Grouper.group(grouping, changed);

    assertThat(reused.workloads()).isEqualTo(fresh.workloads());
    assertThat(sorted(reused.edges(), Edge.ORDER)).isEqualTo(sorted(fresh.edges(), Edge.ORDER));
    assertThat(sorted(reused.findings(), Finding.ORDER))
        .isEqualTo(sorted(fresh.findings(), Finding.ORDER));
    assertThat(reused.nodes()).isEqualTo(fresh.nodes());
    // The changes did change the picture: the test would see a plan that ignored them.
    assertThat(sorted(fresh.edges(), Edge.ORDER))
        .isNotEqualTo(sorted(Grouper.group(grouping, BASE).edges(), Edge.ORDER));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"WORKLOAD", "SERVICE"})
  void aPlanOfTheBaseItselfGivesTheBasesGroupingAsIs(Grouping grouping) {
    Grouper.Plan plan = Grouper.plan(grouping, BASE);

    Grouper.Grouped reused = Grouper.group(plan, BASE.withSources(List.of()));

    assertThat(reused.edges()).isSameAs(plan.merged);
    assertThat(reused.findings()).isSameAs(plan.movedFindings);
    assertThat(sorted(reused.edges(), Edge.ORDER))
        .isEqualTo(sorted(Grouper.group(grouping, BASE).edges(), Edge.ORDER));
  }

  /** Some edges measured in place, some removed, some added, a finding and a node added. */
  private static TopologyBase changed(TopologyBase base, Random random) {
    List<Edge> edges = new ArrayList<>(base.edges());
    for (int i = 0; i < edges.size(); i++) {
      int roll = random.nextInt(10);
      if (roll < 2) {
        edges.set(i, measured(edges.get(i), random));
      } else if (roll == 2) {
        edges.set(i, null);
      }
    }
    edges.removeIf(e -> e == null);
    // Calls measured between containers that no manifest shows, and one to a new node.
    List<String> containers =
        base.workloads().stream().flatMap(w -> w.containers().stream()).map(c -> c.id()).toList();
    for (int k = 0; k < 8; k++) {
      String from = containers.get(random.nextInt(containers.size()));
      String to = containers.get(random.nextInt(containers.size()));
      edges.add(
          measured(
              new Edge(from, to, EdgeKind.UPSTREAM, Set.of(Evidence.XRAY), Optional.empty(), null),
              random));
    }
    edges.add(
        measured(
            Edge.fromManifest(containers.get(0), "external/ledger.internal", EdgeKind.UPSTREAM),
            random));
    List<Node> nodes = new ArrayList<>(base.nodes());
    nodes.add(
        new Node(
            "external/ledger.internal",
            dev.sidescope.topology.model.NodeKind.EXTERNAL,
            "ledger.internal"));
    nodes.sort((a, b) -> a.id().compareTo(b.id()));
    List<Finding> findings = new ArrayList<>(base.findings());
    findings.add(
        new Finding(
            Severity.WARNING,
            "SLOW_UPSTREAM",
            base.workloads().get(1).id(),
            Optional.empty(),
            "Calls to payment-service take 900 ms at p99."));
    return new TopologyBase(
        base.workloads(),
        base.services(),
        nodes,
        sorted(dedupe(edges), Edge.ORDER),
        sorted(findings, Finding.ORDER),
        base.sources(),
        base.overlays());
  }

  private static List<Edge> dedupe(List<Edge> edges) {
    Map<String, Edge> byKey = new java.util.LinkedHashMap<>();
    edges.forEach(e -> byKey.putIfAbsent(e.key(), e));
    return new ArrayList<>(byKey.values());
  }

  private static Edge measured(Edge e, Random random) {
    return e.withMetrics(
        new EdgeMetrics(
            OptionalDouble.of(1 + random.nextInt(50)),
            OptionalDouble.of(10 + random.nextInt(40)),
            OptionalDouble.empty(),
            OptionalDouble.of(100 + random.nextInt(400)),
            OptionalDouble.of(random.nextInt(10) / 1000.0)));
  }

  private static <T> List<T> sorted(List<T> items, java.util.Comparator<? super T> order) {
    List<T> copy = new ArrayList<>(items);
    Collections.sort(copy, order);
    return copy;
  }

  /** Deployments of a few replicas each, calling the next one's Service, with X-Ray daemons. */
  private static Observations cluster(int deployments, int replicas) {
    List<WorkloadSpec> pods = new ArrayList<>();
    List<ServiceSpec> services = new ArrayList<>();
    for (int d = 0; d < deployments; d++) {
      String name = "svc-" + d;
      services.add(service(name).port(new Port(8080, "TCP", Optional.of("http"))).build());
      for (int r = 0; r < replicas; r++) {
        pods.add(
            WorkloadBuilder.pod(name + "-5f7c9-" + r)
                .owner("Deployment/" + name)
                .label("app", name)
                .phase("Running")
                .containers(
                    container(name, "shop/" + name + ":1")
                        .env("NEXT_URL", "http://svc-" + ((d + 1) % deployments) + ":8080")
                        .env("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000"),
                    container("xray-daemon", "amazon/aws-xray-daemon:3.3.7"))
                .spec());
      }
    }
    return new Observations(pods, services, List.of(), List.of());
  }
}
