package dev.sidescope.topology.snapshot;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.WorkloadSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Folds per-pod workloads into boxes: one per owner ({@link Grouping#WORKLOAD}) or one per Service
 * that selects them ({@link Grouping#SERVICE}, falling back to the owner for workloads no Service
 * selects). Edges are re-pointed at the boxes' containers and merged; findings keep their messages
 * and move to the box.
 *
 * <p>A box's containers are those of its first member by id; each container's state is the worst of
 * its members' (not ready if any is not ready, the highest restart count).
 */
final class Grouper {

  record Grouped(
      List<Workload> workloads, List<Node> nodes, List<Edge> edges, List<Finding> findings) {}

  private Grouper() {}

  static Grouped group(
      Grouping grouping,
      List<Workload> workloads,
      List<ServiceSpec> services,
      List<Node> nodes,
      List<Edge> edges,
      List<Finding> findings) {
    if (grouping == Grouping.POD) {
      return new Grouped(workloads, nodes, edges, findings);
    }
    // 1. Which box each workload goes to.
    Map<String, List<Workload>> members = new LinkedHashMap<>();
    Map<String, String> boxTitleOwner = new HashMap<>();
    Set<String> serviceBoxes = new HashSet<>();
    for (Workload w : workloads.stream().sorted(Comparator.comparing(Workload::id)).toList()) {
      Optional<ServiceSpec> service =
          grouping == Grouping.SERVICE
              ? services.stream().filter(s -> s.selects(w.spec())).findFirst()
              : Optional.empty();
      String boxId;
      String owner;
      if (service.isPresent()) {
        boxId = service.get().id();
        owner = "Service/" + service.get().name();
        serviceBoxes.add(boxId);
      } else if (w.owner().isPresent()) {
        boxId = w.spec().source() + "/" + w.namespace() + "/" + w.owner().get();
        owner = w.owner().get();
      } else {
        boxId = w.id();
        owner = null;
      }
      members.computeIfAbsent(boxId, k -> new ArrayList<>()).add(w);
      if (owner != null) {
        boxTitleOwner.put(boxId, owner);
      }
    }
    // 2. Build the boxes and the container id map.
    Map<String, String> newIds = new HashMap<>();
    List<Workload> boxes = new ArrayList<>();
    for (Map.Entry<String, List<Workload>> e : members.entrySet()) {
      String boxId = e.getKey();
      List<Workload> group = e.getValue();
      Workload first = group.get(0);
      Optional<String> owner = Optional.ofNullable(boxTitleOwner.get(boxId));
      String name = owner.map(o -> o.substring(o.indexOf('/') + 1)).orElse(first.name());
      List<Container> containers = new ArrayList<>();
      for (Container c : first.containers()) {
        ContainerSpec spec = c.spec().withState(worstState(group, c.name()));
        containers.add(
            new Container(boxId + "/" + c.name(), spec, c.role(), c.kind(), c.variant()));
      }
      for (Workload w : group) {
        newIds.put(w.id(), boxId);
        for (Container c : w.containers()) {
          newIds.put(c.id(), boxId + "/" + c.name());
        }
      }
      WorkloadSpec s = first.spec();
      WorkloadSpec boxSpec =
          new WorkloadSpec(
              boxId,
              s.platform(),
              s.source(),
              s.namespace(),
              name,
              owner.isPresent() ? owner : s.owner(),
              s.labels(),
              s.annotations(),
              s.containers(),
              s.proxy(),
              s.phase());
      int replicas = group.stream().mapToInt(Workload::replicas).sum();
      boxes.add(new Workload(boxSpec, containers, replicas));
      // A Service that became a box is drawn as that box: calls to it reach its first app.
      if (serviceBoxes.contains(boxId)) {
        containers.stream()
            .filter(Container::isApp)
            .findFirst()
            .ifPresent(app -> newIds.put(boxId, app.id()));
      }
    }
    List<Node> keptNodes = nodes.stream().filter(n -> !serviceBoxes.contains(n.id())).toList();
    return new Grouped(boxes, keptNodes, mergeEdges(edges, newIds), moveFindings(findings, newIds));
  }

  private static ContainerState worstState(List<Workload> group, String containerName) {
    ContainerState worst = null;
    for (Workload w : group) {
      Optional<Container> c = w.container(containerName);
      if (c.isEmpty()) {
        continue;
      }
      ContainerState s = c.get().state();
      if (worst == null) {
        worst = s;
        continue;
      }
      boolean notReady =
          s.ready().filter(r -> !r).isPresent() || worst.ready().filter(r -> !r).isPresent();
      Optional<Boolean> ready =
          notReady ? Optional.of(false) : worst.ready().isPresent() ? worst.ready() : s.ready();
      Optional<Integer> restarts =
          s.restarts().isEmpty()
              ? worst.restarts()
              : worst.restarts().map(r -> Math.max(r, s.restarts().get())).or(s::restarts);
      boolean sWorse =
          s.phase().ordinal() > worst.phase().ordinal()
              && s.phase() != ContainerState.Phase.UNKNOWN;
      ContainerState base = sWorse ? s : worst;
      worst =
          new ContainerState(
              base.phase(), ready, restarts, base.reason(), base.exitCode(), base.health());
    }
    return worst == null ? ContainerState.UNKNOWN : worst;
  }

  private static List<Edge> mergeEdges(List<Edge> edges, Map<String, String> newIds) {
    Map<String, Edge> merged = new LinkedHashMap<>();
    for (Edge e : edges) {
      String from = newIds.getOrDefault(e.from(), e.from());
      String to = newIds.getOrDefault(e.to(), e.to());
      if (from.equals(to)) {
        continue;
      }
      Edge moved = new Edge(from, to, e.kind(), e.evidence(), e.detail(), e.metrics());
      merged.merge(moved.key(), moved, Grouper::combine);
    }
    return new ArrayList<>(merged.values());
  }

  /** Two edges that became one: evidence joined, rates added, the slower latencies kept. */
  static Edge combine(Edge a, Edge b) {
    Set<Evidence> evidence = EnumSet.noneOf(Evidence.class);
    evidence.addAll(a.evidence());
    evidence.addAll(b.evidence());
    EdgeMetrics m = a.metrics();
    EdgeMetrics n = b.metrics();
    double rpsA = m.rps().orElse(0);
    double rpsB = n.rps().orElse(0);
    OptionalDouble errorRate;
    if (m.errorRate().isPresent() && n.errorRate().isPresent() && rpsA + rpsB > 0) {
      errorRate =
          OptionalDouble.of(
              (m.errorRate().getAsDouble() * rpsA + n.errorRate().getAsDouble() * rpsB)
                  / (rpsA + rpsB));
    } else {
      errorRate = max(m.errorRate(), n.errorRate());
    }
    EdgeMetrics metrics =
        new EdgeMetrics(
            m.rps().isPresent() || n.rps().isPresent()
                ? OptionalDouble.of(rpsA + rpsB)
                : OptionalDouble.empty(),
            max(m.p50Ms(), n.p50Ms()),
            max(m.p90Ms(), n.p90Ms()),
            max(m.p99Ms(), n.p99Ms()),
            errorRate);
    return new Edge(a.from(), a.to(), a.kind(), evidence, a.detail().or(b::detail), metrics);
  }

  private static OptionalDouble max(OptionalDouble a, OptionalDouble b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return OptionalDouble.of(Math.max(a.getAsDouble(), b.getAsDouble()));
  }

  private static List<Finding> moveFindings(List<Finding> findings, Map<String, String> newIds) {
    Map<String, Finding> moved = new LinkedHashMap<>();
    for (Finding f : findings) {
      String subject = newIds.getOrDefault(f.subject(), f.subject());
      Finding g = new Finding(f.severity(), f.code(), subject, f.container(), f.message());
      moved.putIfAbsent(
          g.code() + "|" + subject + "|" + g.container().orElse("") + "|" + g.message(), g);
    }
    return new ArrayList<>(moved.values());
  }
}
