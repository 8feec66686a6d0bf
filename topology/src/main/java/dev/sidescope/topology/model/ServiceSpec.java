package dev.sidescope.topology.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes Service (or an ECS service) that workloads can call by name.
 *
 * @param id e.g. {@code service/kind-dev/shop/payment-service}
 * @param selector label selector; a Kubernetes Service selects the pods whose labels contain it
 * @param ports service ports
 * @param endpoints ids of the workloads a live cluster's EndpointSlices route this Service to;
 *     empty when unknown (manifests) or when no pod serves it
 */
public record ServiceSpec(
    String id,
    Platform platform,
    String namespace,
    String name,
    Map<String, String> selector,
    List<Port> ports,
    Set<String> endpoints) {
  public ServiceSpec {
    selector = Map.copyOf(selector);
    ports = List.copyOf(ports);
    endpoints = endpoints == null ? Set.of() : Set.copyOf(endpoints);
  }

  /** A Service known by its selector only, as manifests describe it. */
  public ServiceSpec(
      String id,
      Platform platform,
      String namespace,
      String name,
      Map<String, String> selector,
      List<Port> ports) {
    this(id, platform, namespace, name, selector, ports, Set.of());
  }

  /**
   * True when a Kubernetes workload in the same namespace carries every selector label, or when the
   * Service's EndpointSlices point at it (the only evidence for a Service without a selector).
   */
  public boolean selects(WorkloadSpec workload) {
    if (endpoints.contains(workload.id())) {
      return true;
    }
    return platform == workload.platform()
        && namespace.equals(workload.namespace())
        && !selector.isEmpty()
        && workload.labels().entrySet().containsAll(selector.entrySet());
  }
}
