package dev.sidescope.topology.picture;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Role;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a {@link TopologySnapshot} into a {@link TopologyPicture}: the one pure render step shared
 * by the exporters and the views. Stateless and thread-safe; it reads nothing but the snapshot.
 *
 * <p>Rules a reader would otherwise have to guess:
 *
 * <ul>
 *   <li>An edge endpoint that names a workload is drawn from (or to) its first app container; an
 *       endpoint that names nothing in the snapshot becomes an external node labelled with the id,
 *       so that no arrow is lost.
 *   <li>A finding marks the container it names, else its subject: a workload's box, an edge (by
 *       {@link Edge#key()}), an outside node or a container id. Only the worst severity shows.
 * </ul>
 */
public final class PictureRenderer {

  private PictureRenderer() {}

  /** Renders a snapshot; the same snapshot always gives an equal picture. */
  public static TopologyPicture render(TopologySnapshot snapshot) {
    Marks marks = new Marks(snapshot.findings(), snapshot.workloads());

    List<PictureBox> boxes = new ArrayList<>();
    Map<String, String> workloadAnchors = new HashMap<>();
    Map<String, PictureNode> known = new HashMap<>();
    for (Workload workload : snapshot.workloads()) {
      List<PictureNode> members =
          workload.containers().stream()
              .sorted(Comparator.comparing(c -> roleOrder(c.role())))
              .map(c -> containerNode(c, marks))
              .toList();
      members.forEach(m -> known.put(m.id(), m));
      workload
          .apps()
          .findFirst()
          .or(() -> workload.containers().stream().findFirst())
          .ifPresent(anchor -> workloadAnchors.put(workload.id(), anchor.id()));
      boxes.add(
          new PictureBox(
              workload.id(),
              title(workload, snapshot.grouping()),
              workload.platform(),
              workload.replicas(),
              members,
              marks.of(workload.id())));
    }

    // TreeMap: outside nodes by id, including the ones only an edge names.
    Map<String, PictureNode> outside = new TreeMap<>();
    for (Node node : snapshot.nodes()) {
      if (!known.containsKey(node.id())) {
        outside.put(node.id(), outsideNode(node, marks));
      }
    }

    Map<String, PictureEdge> edges = new LinkedHashMap<>();
    for (Edge edge : snapshot.edges()) {
      String from = resolve(edge.from(), workloadAnchors, known, outside, marks);
      String to = resolve(edge.to(), workloadAnchors, known, outside, marks);
      // Two edges can meet on one pair once workload ids are resolved to containers: keep the
      // first.
      edges.putIfAbsent(
          from + "\n" + to + "\n" + edge.kind(),
          new PictureEdge(
              from, to, edge.kind(), edgeLines(edge), marks.of(edge.key()), edge.metrics()));
    }
    return new TopologyPicture(boxes, List.copyOf(outside.values()), List.copyOf(edges.values()));
  }

  private static String resolve(
      String id,
      Map<String, String> workloadAnchors,
      Map<String, PictureNode> known,
      Map<String, PictureNode> outside,
      Marks marks) {
    if (known.containsKey(id) || outside.containsKey(id)) {
      return id;
    }
    if (workloadAnchors.containsKey(id)) {
      return workloadAnchors.get(id);
    }
    outside.put(id, new PictureNode(id, NodeStyle.EXTERNAL, List.of(id), marks.of(id)));
    return id;
  }

  private static int roleOrder(Role role) {
    return switch (role) {
      case APP -> 0;
      case SIDECAR -> 1;
      case INIT -> 2;
    };
  }

  private static PictureNode containerNode(Container container, Marks marks) {
    NodeStyle style =
        switch (container.role()) {
          case APP -> NodeStyle.APP;
          case SIDECAR -> NodeStyle.SIDECAR;
          case INIT -> NodeStyle.INIT;
        };
    return new PictureNode(
        container.id(),
        style,
        List.of(container.name(), roleLine(container)),
        marks.of(container.id()));
  }

  /** "app", "init container", or the sidecar's kind and variant: "X-Ray daemon sidecar". */
  static String roleLine(Container container) {
    if (container.role() == Role.APP) {
      return "app";
    }
    if (container.role() == Role.INIT) {
      return "init container";
    }
    String variant = container.variant().map(v -> v.wireName()).orElse("sidecar");
    SidecarKind kind = container.kind().orElse(SidecarKind.UNKNOWN);
    // The unknown kind's label is "Sidecar": "Sidecar sidecar" would say nothing twice.
    return kind == SidecarKind.UNKNOWN ? variant : kind.label() + " " + variant;
  }

  static String title(Workload workload, Grouping grouping) {
    Optional<String> owner = workload.owner();
    if (workload.replicas() > 1) {
      return owner.orElse(workload.name()) + " ×" + workload.replicas();
    }
    if (grouping != Grouping.POD && owner.isPresent()) {
      return owner.get();
    }
    // Read from manifests, a workload named after its owner stands for the owner's pod template.
    if (owner.isPresent() && owner.get().endsWith("/" + workload.name())) {
      return owner.get();
    }
    return (workload.platform() == Platform.ECS ? "ECS task " : "Pod ") + workload.name();
  }

  private static PictureNode outsideNode(Node node, Marks marks) {
    NodeStyle style =
        switch (node.kind()) {
          case SERVICE -> NodeStyle.SERVICE;
          case AWS -> NodeStyle.AWS;
          case VAULT -> NodeStyle.VAULT;
          case EXTERNAL -> NodeStyle.EXTERNAL;
        };
    String label = node.label() == null || node.label().isBlank() ? node.id() : node.label();
    return new PictureNode(node.id(), style, List.of(label), marks.of(node.id()));
  }

  /**
   * The detail (a log group, say) and the measured traffic. The kind itself goes unsaid: the
   * endpoints and the arrow's style tell it.
   */
  static List<String> edgeLines(Edge edge) {
    List<String> lines = new ArrayList<>();
    edge.detail().filter(d -> !d.isBlank()).ifPresent(lines::add);
    metricsLine(edge.metrics()).ifPresent(lines::add);
    return lines;
  }

  /**
   * The figures as one line a person reads at a glance: {@code 12 rps · p50 41 · p99 180 ms}, then
   * {@code · 0.4% errors} when there are any; {@code no traffic} when the source saw no request.
   */
  public static Optional<String> metricsLine(EdgeMetrics metrics) {
    if (metrics.rps().isPresent() && metrics.rps().getAsDouble() <= 0) {
      return Optional.of("no traffic");
    }
    List<String> parts = new ArrayList<>();
    metrics.rps().ifPresent(v -> parts.add(number(v) + " rps"));
    if (metrics.p50Ms().isPresent() && metrics.p99Ms().isPresent()) {
      parts.add("p50 " + millis(metrics.p50Ms().getAsDouble()));
      parts.add("p99 " + millis(metrics.p99Ms().getAsDouble()) + " ms");
    } else {
      metrics.p50Ms().ifPresent(v -> parts.add("p50 " + millis(v) + " ms"));
      metrics.p99Ms().ifPresent(v -> parts.add("p99 " + millis(v) + " ms"));
    }
    if (metrics.errorRate().isPresent() && metrics.errorRate().getAsDouble() > 0) {
      parts.add(number(metrics.errorRate().getAsDouble() * 100) + "% errors");
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" · ", parts));
  }

  /** Whole milliseconds from 10 ms up, where a fraction is noise; one decimal below. */
  private static String millis(double value) {
    return value >= 10 ? Long.toString(Math.round(value)) : number(Math.round(value * 10) / 10.0);
  }

  private static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    String text = String.format(Locale.ROOT, "%.2f", value);
    return text.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** The worst severity per finding target. */
  private static final class Marks {
    private final Map<String, Severity> worst = new HashMap<>();

    Marks(List<Finding> findings, List<Workload> workloads) {
      Map<String, Workload> byId = new HashMap<>();
      workloads.forEach(w -> byId.put(w.id(), w));
      for (Finding finding : findings) {
        String target = finding.subject();
        Workload workload = byId.get(target);
        if (workload != null && finding.container().isPresent()) {
          Optional<Container> container = workload.container(finding.container().get());
          if (container.isPresent()) {
            target = container.get().id();
          }
        }
        worst.merge(target, finding.severity(), (a, b) -> a.atLeast(b) ? a : b);
      }
    }

    Optional<Severity> of(String id) {
      return Optional.ofNullable(worst.get(id));
    }
  }
}
