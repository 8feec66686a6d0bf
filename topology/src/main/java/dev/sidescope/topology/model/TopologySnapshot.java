package dev.sidescope.topology.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One complete, immutable picture of the system: what every view draws and every exporter writes
 * ({@code sidescope.snapshot/v1}). Lists are sorted by id.
 *
 * @param overlays what the overlay stage's appenders worked out for the views, about the snapshot's
 *     own subjects (its workloads, containers, nodes and edges, as grouped)
 */
public record TopologySnapshot(
    Instant takenAt,
    Grouping grouping,
    List<SourceStatus> sources,
    List<Workload> workloads,
    List<Node> nodes,
    List<Edge> edges,
    List<Finding> findings,
    OverlayData overlays) {

  public static final String SCHEMA = "sidescope.snapshot/v1";

  private static final Comparator<SourceStatus> SOURCE_ORDER = (a, b) -> a.id().compareTo(b.id());

  public TopologySnapshot {
    overlays = overlays == null ? OverlayData.EMPTY : overlays;
    sources = sorted(sources, SOURCE_ORDER);
    workloads = sorted(workloads, Workload.ORDER);
    nodes = sorted(nodes, Node.ORDER);
    edges = sorted(edges, Edge.ORDER);
    findings = sorted(findings, Finding.ORDER);
  }

  /** A snapshot with no overlay data. */
  public TopologySnapshot(
      Instant takenAt,
      Grouping grouping,
      List<SourceStatus> sources,
      List<Workload> workloads,
      List<Node> nodes,
      List<Edge> edges,
      List<Finding> findings) {
    this(takenAt, grouping, sources, workloads, nodes, edges, findings, OverlayData.EMPTY);
  }

  /** The items in order: a list already sorted so (see {@link SortedLists}) as it is. */
  private static <T> List<T> sorted(List<T> items, Comparator<? super T> order) {
    return SortedLists.isSortedBy(items, order) ? items : items.stream().sorted(order).toList();
  }

  public Optional<Workload> workload(String id) {
    return workloads.stream().filter(w -> w.id().equals(id)).findFirst();
  }

  public Optional<Node> node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
  }

  /** The findings about this subject (a workload or edge id). */
  public List<Finding> findingsFor(String subject) {
    return findings.stream().filter(f -> f.subject().equals(subject)).toList();
  }
}
