package dev.sidescope.topology.snapshot;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.WorkloadSpec;
import dev.sidescope.topology.model.proxy.UpstreamHealth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Folds per-pod workloads into boxes: one per owner ({@link Grouping#WORKLOAD}) or one per Service
 * that selects them ({@link Grouping#SERVICE}, falling back to the owner for workloads no Service
 * selects). Edges are re-pointed at the boxes' containers and merged; findings keep their messages
 * and move to the box; overlay data moves with its subjects.
 *
 * <p>A box's containers are those of its first member by id; each container's state is the worst of
 * its members' (not ready if any is not ready, the highest restart count).
 *
 * <p>Grouping runs on every finish, so on every measurement an overlay source publishes. What it
 * makes of a base is kept as a {@link Plan}: the boxes, where each id goes, which edges merge into
 * which. While the base stays, {@link #group(Plan, TopologyBase)} reuses the plan and merges again
 * only the edges the appenders changed or added, instead of walking 90,000 edges and 30,000
 * findings through maps each time.
 */
final class Grouper {

  record Grouped(
      List<Workload> workloads,
      List<Node> nodes,
      List<Edge> edges,
      List<Finding> findings,
      OverlayData overlays) {}

  private Grouper() {}

  /**
   * How one base groups, made by {@link #plan}: valid for topologies whose workloads and Services
   * are the very lists of that base (the appenders leave them alone today); edges, findings and
   * nodes an appender changed are grouped again from it.
   */
  static final class Plan {
    final Grouping grouping;
    // The base's own lists, compared by identity.
    final List<Workload> workloads;
    final List<ServiceSpec> services;
    final List<Node> nodes;
    final List<Edge> edges;
    final List<Finding> findings;
    // What they group into.
    final Map<String, String> newIds;
    final Set<String> serviceBoxes;
    final List<Workload> boxes;
    final List<Node> keptNodes;
    final List<Edge> merged;
    final int[] target; // per base edge: the merged edge it went into, or -1 (inside one box)
    final int[][] inputs; // per merged edge: the base edges that went into it, in order
    final Map<EdgeId, Integer> mergedIndex;
    final List<Finding> movedFindings;

    private Plan(Grouping grouping, TopologyBase base) {
      this.grouping = grouping;
      this.workloads = base.workloads();
      this.services = base.services();
      this.nodes = base.nodes();
      this.edges = base.edges();
      this.findings = base.findings();
      if (grouping == Grouping.POD) {
        newIds = Map.of();
        serviceBoxes = Set.of();
        boxes = workloads;
        keptNodes = nodes;
        merged = edges;
        target = null;
        inputs = null;
        mergedIndex = null;
        movedFindings = findings;
        return;
      }
      newIds = new HashMap<>(workloads.size() * 5);
      serviceBoxes = new HashSet<>();
      boxes = boxes(grouping, base, newIds, serviceBoxes);
      keptNodes =
          serviceBoxes.isEmpty()
              ? nodes
              : nodes.stream().filter(n -> !serviceBoxes.contains(n.id())).toList();
      target = new int[edges.size()];
      List<Edge> out = new ArrayList<>();
      List<int[]> sources = new ArrayList<>();
      int[] counts = new int[16];
      mergedIndex = new HashMap<>(edges.size());
      // Edges come sorted by their start: consecutive ones mostly share it.
      String lastFrom = null;
      String lastMovedFrom = null;
      for (int i = 0; i < edges.size(); i++) {
        Edge e = edges.get(i);
        String from;
        if (e.from().equals(lastFrom)) {
          from = lastMovedFrom;
        } else {
          from = newIds.getOrDefault(e.from(), e.from());
          lastFrom = e.from();
          lastMovedFrom = from;
        }
        String to = newIds.getOrDefault(e.to(), e.to());
        if (from.equals(to)) {
          target[i] = -1;
          continue;
        }
        Edge moved = moved(e, from, to);
        Integer at = mergedIndex.putIfAbsent(new EdgeId(from, to, e.kind()), out.size());
        if (at == null) {
          target[i] = out.size();
          out.add(moved);
          sources.add(new int[] {i});
          if (counts.length < out.size()) {
            counts = java.util.Arrays.copyOf(counts, counts.length * 2);
          }
          counts[out.size() - 1] = 1;
        } else {
          target[i] = at;
          out.set(at, combine(out.get(at), moved));
          int[] before = sources.get(at);
          int n = counts[at];
          if (n == before.length) {
            before = java.util.Arrays.copyOf(before, n * 2);
            sources.set(at, before);
          }
          before[n] = i;
          counts[at] = n + 1;
        }
      }
      inputs = new int[out.size()][];
      for (int t = 0; t < inputs.length; t++) {
        inputs[t] = java.util.Arrays.copyOf(sources.get(t), counts[t]);
      }
      merged = List.copyOf(out);
      movedFindings = moveFindings(findings, newIds);
    }

    /** True when this plan was made for {@code base}'s very lists, in this grouping. */
    boolean madeFor(TopologyBase base, Grouping asked) {
      return grouping == asked
          && base.workloads() == workloads
          && base.services() == services
          && base.nodes() == nodes
          && base.edges() == edges
          && base.findings() == findings;
    }

    boolean fits(TopologyBase topology) {
      return topology.workloads() == workloads && topology.services() == services;
    }
  }

  /** How {@code base} groups, its workloads sorted by id as {@link TopologyBase} keeps them. */
  static Plan plan(Grouping grouping, TopologyBase base) {
    return new Plan(grouping, base);
  }

  /** {@code topology} grouped as asked, from scratch. */
  static Grouped group(Grouping grouping, TopologyBase topology) {
    return group(plan(grouping, topology), topology);
  }

  /**
   * {@code topology} grouped by a plan made for its base: what the appenders left as it was comes
   * from the plan, what they changed is grouped again.
   */
  static Grouped group(Plan plan, TopologyBase topology) {
    if (!plan.fits(topology)) {
      plan = plan(plan.grouping, topology);
    }
    if (plan.grouping == Grouping.POD) {
      return new Grouped(
          topology.workloads(),
          topology.nodes(),
          topology.edges(),
          topology.findings(),
          topology.overlays());
    }
    Plan p = plan;
    List<Node> nodes =
        topology.nodes() == p.nodes
            ? p.keptNodes
            : topology.nodes().stream().filter(n -> !p.serviceBoxes.contains(n.id())).toList();
    List<Edge> edges = topology.edges() == p.edges ? p.merged : remerge(p, topology.edges());
    List<Finding> findings =
        topology.findings() == p.findings
            ? p.movedFindings
            : moveFindings(topology.findings(), p.newIds);
    return new Grouped(
        p.boxes,
        nodes,
        edges,
        findings,
        topology.overlays().renamed(id -> p.newIds.getOrDefault(id, id)));
  }

  /**
   * The plan's merged edges with the appenders' changes: edges changed in place (the same key) and
   * removed ones merge their box edge again; edges added go into the box edge of their key, or make
   * one. Appenders keep the edges sorted, so one walk beside the base's edges finds the changes.
   */
  private static List<Edge> remerge(Plan p, List<Edge> edges) {
    List<Edge> base = p.edges;
    Edge[] now = base.toArray(new Edge[0]);
    Edge[] out = p.merged.toArray(new Edge[0]);
    boolean[] dirty = new boolean[out.length];
    List<Edge> added = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < base.size() || j < edges.size()) {
      if (i < base.size() && j < edges.size() && edges.get(j) == base.get(i)) {
        i++;
        j++;
        continue;
      }
      int c =
          i >= base.size()
              ? -1
              : j >= edges.size() ? 1 : Edge.ORDER.compare(edges.get(j), base.get(i));
      if (c < 0) {
        added.add(edges.get(j++));
        continue;
      }
      now[i] = c == 0 ? edges.get(j++) : null; // changed in place, or removed
      if (p.target[i] >= 0) {
        dirty[p.target[i]] = true;
      }
      i++;
    }
    for (int t = 0; t < out.length; t++) {
      if (!dirty[t]) {
        continue;
      }
      Edge folded = null;
      for (int k : p.inputs[t]) {
        if (now[k] != null) {
          Edge moved = moved(now[k], p.newIds);
          folded = folded == null ? moved : combine(folded, moved);
        }
      }
      out[t] = folded;
    }
    Map<EdgeId, Edge> extra = new LinkedHashMap<>();
    for (Edge e : added) {
      Edge moved = moved(e, p.newIds);
      if (moved.from().equals(moved.to())) {
        continue;
      }
      EdgeId id = new EdgeId(moved.from(), moved.to(), moved.kind());
      Integer t = p.mergedIndex.get(id);
      if (t != null && out[t] != null) {
        out[t] = combine(out[t], moved);
      } else {
        extra.merge(id, moved, Grouper::combine);
      }
    }
    List<Edge> result = new ArrayList<>(out.length + extra.size());
    for (Edge e : out) {
      if (e != null) {
        result.add(e);
      }
    }
    result.addAll(extra.values());
    return result;
  }

  private static Edge moved(Edge e, Map<String, String> newIds) {
    return moved(e, newIds.getOrDefault(e.from(), e.from()), newIds.getOrDefault(e.to(), e.to()));
  }

  private static Edge moved(Edge e, String from, String to) {
    return from.equals(e.from()) && to.equals(e.to())
        ? e
        : new Edge(
            from,
            to,
            e.kind(),
            e.evidence(),
            e.detail(),
            e.metrics(),
            e.measuredBy(),
            e.upstream());
  }

  /**
   * The pods or tasks of {@code base} that the box {@code boxId} stands for when grouped as asked,
   * in the order of their ids; empty when no box has that id.
   */
  static List<Workload> members(Grouping grouping, TopologyBase base, String boxId) {
    Box box = assign(grouping, base).get(boxId);
    return box == null ? List.of() : List.copyOf(box.members);
  }

  /**
   * Which box each workload of {@code base} goes to, the boxes in the order of their first member.
   */
  private static Map<String, Box> assign(Grouping grouping, TopologyBase base) {
    ServiceIndex services = grouping == Grouping.SERVICE ? new ServiceIndex(base.services()) : null;
    Map<String, Box> boxes = new LinkedHashMap<>();
    Map<String, Map<String, String>> ownerBoxIds = new HashMap<>();
    for (Workload w : base.workloads()) {
      ServiceSpec service = services == null ? null : services.firstSelecting(w.spec());
      Box box;
      if (service != null) {
        box =
            boxes.computeIfAbsent(
                service.id(), id -> new Box(id, Optional.of("Service/" + service.name()), true));
      } else if (w.owner().isPresent()) {
        // source/namespace/owner, made once per owner rather than once per pod.
        String scope = w.spec().source() + "/" + w.namespace();
        String boxId =
            ownerBoxIds
                .computeIfAbsent(scope, s -> new HashMap<>())
                .computeIfAbsent(w.owner().get(), o -> scope + "/" + o);
        box = boxes.computeIfAbsent(boxId, id -> new Box(id, w.owner(), false));
      } else {
        box = boxes.computeIfAbsent(w.id(), id -> new Box(id, Optional.empty(), false));
      }
      box.members.add(w);
    }
    return boxes;
  }

  /** The boxes of {@code base}, noting where each pod's and container's id goes. */
  private static List<Workload> boxes(
      Grouping grouping, TopologyBase base, Map<String, String> newIds, Set<String> serviceBoxes) {
    Map<String, Box> boxes = assign(grouping, base);
    // 2. The boxes, and where each pod's and container's id goes.
    List<Workload> grouped = new ArrayList<>(boxes.size());
    for (Box box : boxes.values()) {
      Workload boxed = boxOf(box);
      grouped.add(boxed);
      for (Workload w : box.members) {
        newIds.put(w.id(), box.id);
        List<Container> containers = w.containers();
        for (int i = 0; i < containers.size(); i++) {
          Container c = containers.get(i);
          newIds.put(c.id(), box.containerId(c.name()));
        }
      }
      // A Service that became a box is drawn as that box: calls to it reach its first app.
      if (box.isService) {
        serviceBoxes.add(box.id);
        for (Container c : boxed.containers()) {
          if (c.isApp()) {
            newIds.put(box.id, c.id());
            break;
          }
        }
      }
    }
    return List.copyOf(grouped);
  }

  /** One box and the workloads it stands for, in the order of their ids. */
  private static final class Box {
    final String id;
    final Optional<String> owner;
    final boolean isService;
    final List<Workload> members = new ArrayList<>(4);
    // The box's container id for each container name its members have, made once per name.
    final Map<String, String> containerIds = new HashMap<>();

    Box(String id, Optional<String> owner, boolean isService) {
      this.id = id;
      this.owner = owner;
      this.isService = isService;
    }

    String containerId(String name) {
      return containerIds.computeIfAbsent(name, n -> id + "/" + n);
    }
  }

  private static Workload boxOf(Box box) {
    Workload first = box.members.get(0);
    if (box.members.size() == 1 && box.id.equals(first.id())) {
      return first; // a bare pod is its own box
    }
    List<Container> containers = new ArrayList<>(first.containers().size());
    for (Container c : first.containers()) {
      ContainerSpec spec =
          box.members.size() == 1
              ? c.spec()
              : c.spec().withState(worstState(box.members, c.name()));
      containers.add(
          new Container(box.containerId(c.name()), spec, c.role(), c.kind(), c.variant()));
    }
    String name = box.owner.map(o -> o.substring(o.indexOf('/') + 1)).orElse(first.name());
    WorkloadSpec s = first.spec();
    WorkloadSpec boxSpec =
        new WorkloadSpec(
            box.id,
            s.platform(),
            s.source(),
            s.namespace(),
            name,
            box.owner.isPresent() ? box.owner : s.owner(),
            s.labels(),
            s.annotations(),
            s.containers(),
            s.proxy(),
            s.phase());
    int replicas = 0;
    for (Workload w : box.members) {
      replicas += w.replicas();
    }
    return new Workload(boxSpec, containers, replicas);
  }

  private static ContainerState worstState(List<Workload> group, String containerName) {
    ContainerState worst = null;
    for (Workload w : group) {
      Container c = containerNamed(w, containerName);
      if (c == null) {
        continue;
      }
      ContainerState s = c.state();
      if (worst == null) {
        worst = s;
        continue;
      }
      if (s.equals(worst)) {
        continue; // replicas in the same state: nothing to fold
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

  private static Container containerNamed(Workload w, String name) {
    List<Container> containers = w.containers();
    for (int i = 0; i < containers.size(); i++) {
      if (containers.get(i).name().equals(name)) {
        return containers.get(i);
      }
    }
    return null;
  }

  /** An edge's identity, hashed from its parts' own (cached) hashes. */
  private record EdgeId(String from, String to, EdgeKind kind) {
    @Override
    public int hashCode() {
      return (from.hashCode() * 31 + to.hashCode()) * 31 + kind.ordinal();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EdgeId other
          && kind == other.kind
          && from.equals(other.from)
          && to.equals(other.to);
    }
  }

  /** Two edges that became one: evidence joined, rates added, the slower latencies kept. */
  static Edge combine(Edge a, Edge b) {
    if (b.metrics().isEmpty()
        && a.metrics().isEmpty()
        && a.evidence().equals(b.evidence())
        && (a.detail().isPresent() || b.detail().isEmpty())) {
      return a; // the same edge of another replica: nothing to add
    }
    Set<Evidence> evidence = EnumSet.noneOf(Evidence.class);
    evidence.addAll(a.evidence());
    evidence.addAll(b.evidence());
    EdgeMetrics metrics = a.metrics().together(b.metrics());
    Map<Evidence, EdgeMetrics> measuredBy = new EnumMap<>(Evidence.class);
    measuredBy.putAll(a.measuredBy());
    b.measuredBy().forEach((by, figures) -> measuredBy.merge(by, figures, EdgeMetrics::together));
    Optional<UpstreamHealth> upstream =
        a.upstream().isEmpty()
            ? b.upstream()
            : b.upstream().isEmpty()
                ? a.upstream()
                : Optional.of(a.upstream().get().together(b.upstream().get()));
    return new Edge(
        a.from(),
        a.to(),
        a.kind(),
        evidence,
        a.detail().or(b::detail),
        metrics,
        measuredBy,
        upstream);
  }

  /** A finding's identity after the move: the same sentence about the same box is said once. */
  private record FindingId(
      String code, String subject, Optional<String> container, String message) {
    @Override
    public int hashCode() {
      return Objects.hash(code, subject, container.orElse(null), message);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FindingId other
          && code.equals(other.code)
          && subject.equals(other.subject)
          && container.equals(other.container)
          && message.equals(other.message);
    }
  }

  private static List<Finding> moveFindings(List<Finding> findings, Map<String, String> newIds) {
    Map<FindingId, Finding> moved = new LinkedHashMap<>(findings.size());
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      String subject = newIds.getOrDefault(f.subject(), f.subject());
      Finding g =
          subject.equals(f.subject())
              ? f
              : new Finding(f.severity(), f.code(), subject, f.container(), f.message());
      moved.putIfAbsent(new FindingId(g.code(), subject, g.container(), g.message()), g);
    }
    return new ArrayList<>(moved.values());
  }

  /**
   * Which Service selects a workload first, in the order the Services were given, without asking
   * every Service about every workload: a Service selects by label only in its own platform and
   * namespace, and otherwise only the workloads its EndpointSlices name.
   */
  private static final class ServiceIndex {
    private record Scope(Object platform, String namespace) {}

    private record Indexed(int order, ServiceSpec service) {}

    private final Map<Scope, List<Indexed>> bySelectorScope = new HashMap<>();
    private final Map<String, Indexed> firstByEndpoint = new HashMap<>();

    ServiceIndex(List<ServiceSpec> services) {
      for (int i = 0; i < services.size(); i++) {
        ServiceSpec s = services.get(i);
        Indexed indexed = new Indexed(i, s);
        if (!s.selector().isEmpty()) {
          bySelectorScope
              .computeIfAbsent(new Scope(s.platform(), s.namespace()), k -> new ArrayList<>())
              .add(indexed);
        }
        for (String workload : s.endpoints()) {
          firstByEndpoint.putIfAbsent(workload, indexed);
        }
      }
    }

    ServiceSpec firstSelecting(WorkloadSpec workload) {
      Indexed best = firstByEndpoint.get(workload.id());
      List<Indexed> candidates =
          bySelectorScope.getOrDefault(
              new Scope(workload.platform(), workload.namespace()), List.of());
      for (Indexed candidate : candidates) {
        if (best != null && candidate.order() > best.order()) {
          break;
        }
        if (candidate.service().selects(workload)) {
          best = candidate;
          break;
        }
      }
      return best == null ? null : best.service();
    }
  }
}
