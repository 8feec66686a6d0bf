package dev.sidescope.topology.model;

import java.util.List;

/**
 * What the overlay stage works on: every workload one per pod or task, classified, with the edges
 * the manifests justify and the sidecar doctor's findings (the base), plus what the sources say of
 * themselves and what appenders have added so far. Grouping turns it into a {@link
 * TopologySnapshot}.
 *
 * <p>Lists are sorted as in a snapshot: workloads, nodes and edges by id ({@link Edge#ORDER}),
 * findings by {@link Finding#ORDER}. An appender that adds an edge or a finding keeps that order.
 *
 * @param services the Services the workloads can be called by, for grouping by Service
 * @param sources every source's status, the overlay stage's own included once it has run
 * @param overlays what appenders worked out for the views
 */
public record TopologyBase(
    List<Workload> workloads,
    List<ServiceSpec> services,
    List<Node> nodes,
    List<Edge> edges,
    List<Finding> findings,
    List<SourceStatus> sources,
    OverlayData overlays) {

  public TopologyBase {
    workloads = SortedLists.immutable(workloads);
    services = List.copyOf(services);
    nodes = SortedLists.immutable(nodes);
    edges = SortedLists.immutable(edges);
    findings = SortedLists.immutable(findings);
    sources = List.copyOf(sources);
    overlays = overlays == null ? OverlayData.EMPTY : overlays;
  }

  public TopologyBase withEdges(List<Edge> newEdges) {
    return new TopologyBase(workloads, services, nodes, newEdges, findings, sources, overlays);
  }

  public TopologyBase withFindings(List<Finding> newFindings) {
    return new TopologyBase(workloads, services, nodes, edges, newFindings, sources, overlays);
  }

  public TopologyBase withSources(List<SourceStatus> newSources) {
    return new TopologyBase(workloads, services, nodes, edges, findings, newSources, overlays);
  }

  public TopologyBase withOverlays(OverlayData newOverlays) {
    return new TopologyBase(workloads, services, nodes, edges, findings, sources, newOverlays);
  }
}
