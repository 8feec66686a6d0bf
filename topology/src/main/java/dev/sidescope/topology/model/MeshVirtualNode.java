package dev.sidescope.topology.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An App Mesh {@code VirtualNode}: which pods it stands for and which virtual services it may call.
 *
 * @param podSelector the node's {@code podSelector.matchLabels}; empty when it has none, in which
 *     case it stands for the workload of the same name
 * @param backends names of the virtual services it declares as backends
 * @param tlsMode listener TLS mode ({@code STRICT}, {@code PERMISSIVE}), where set
 */
public record MeshVirtualNode(
    String namespace,
    String name,
    Map<String, String> podSelector,
    List<String> backends,
    Optional<String> tlsMode) {
  public MeshVirtualNode {
    podSelector = Map.copyOf(podSelector);
    backends = List.copyOf(backends);
    tlsMode = tlsMode == null ? Optional.empty() : tlsMode;
  }
}
