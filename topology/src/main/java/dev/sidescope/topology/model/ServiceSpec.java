package dev.sidescope.topology.model;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes Service (or an ECS service) that workloads can call by name.
 *
 * @param id e.g. {@code service/kind-dev/shop/payment-service}
 * @param selector label selector; a Kubernetes Service selects the pods whose labels contain it
 * @param ports service ports
 */
public record ServiceSpec(
    String id,
    Platform platform,
    String namespace,
    String name,
    Map<String, String> selector,
    List<Port> ports) {
  public ServiceSpec {
    selector = Map.copyOf(selector);
    ports = List.copyOf(ports);
  }

  /** True when a Kubernetes workload in the same namespace carries every selector label. */
  public boolean selects(WorkloadSpec workload) {
    return platform == workload.platform()
        && namespace.equals(workload.namespace())
        && !selector.isEmpty()
        && workload.labels().entrySet().containsAll(selector.entrySet());
  }
}
