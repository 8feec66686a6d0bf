package dev.sidescope.topology.model;

import java.util.List;

/**
 * Everything the sources have said, unclassified: the input of the snapshot builder.
 *
 * @param workloads pods and tasks
 * @param services Kubernetes Services and ECS services that can be called by name
 * @param meshNodes App Mesh virtual nodes
 * @param sources each source's status
 */
public record Observations(
    List<WorkloadSpec> workloads,
    List<ServiceSpec> services,
    List<MeshVirtualNode> meshNodes,
    List<SourceStatus> sources) {
  public static final Observations EMPTY =
      new Observations(List.of(), List.of(), List.of(), List.of());

  public Observations {
    workloads = List.copyOf(workloads);
    services = List.copyOf(services);
    meshNodes = List.copyOf(meshNodes);
    sources = List.copyOf(sources);
  }
}
