package dev.sidescope.samples.folder;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sample cluster as read from its folder (or generated): what the server expands and serves.
 *
 * @param name the cluster's name: the kube context and the kubeconfig entries are named after it
 * @param description one paragraph for people, empty when the sample has none
 * @param traffic the traffic model
 * @param manifests the Kubernetes objects as written in the manifests, in file order (files sorted
 *     by name); not yet expanded
 * @param faults containers that the expansion shows unhealthy (generated clusters use it; a folder
 *     shows a broken sidecar with a bare Pod that carries its own status instead)
 * @param warnings things in the folder that were ignored, one sentence each, for the caller to
 *     print
 */
public record SampleCluster(
    String name,
    String description,
    List<TrafficFlow> traffic,
    List<HasMetadata> manifests,
    Map<ContainerFault.Where, ContainerFault> faults,
    List<String> warnings) {
  public SampleCluster {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    traffic = List.copyOf(traffic);
    manifests = List.copyOf(manifests);
    faults = Map.copyOf(faults);
    warnings = List.copyOf(warnings);
  }
}
