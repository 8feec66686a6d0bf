package dev.sidescope.topology.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes pod or ECS task as a source describes it, before classification.
 *
 * @param id stable opaque id, e.g. {@code kubernetes/kind-dev/shop/order-service-5f7c9-abcde} or
 *     {@code ecs/us-east-1/prod/0123abcd}
 * @param platform kubernetes or ecs
 * @param source the id of the source that reported it, e.g. {@code kubernetes/kind-dev}
 * @param namespace Kubernetes namespace, or ECS cluster name
 * @param name pod name, ECS task id, or (from manifests) the controller's or family's name
 * @param owner top controller: {@code Deployment/order-service}, {@code Service/orders}, {@code
 *     TaskDefinition/order-service:3}; empty for a bare pod
 * @param labels pod labels (ECS: task tags)
 * @param annotations pod annotations
 * @param containers init containers first, then the others, each in declaration order
 * @param proxy ECS {@code proxyConfiguration}
 * @param phase pod phase or ECS {@code lastStatus}, where known
 */
public record WorkloadSpec(
    String id,
    Platform platform,
    String source,
    String namespace,
    String name,
    Optional<String> owner,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<ContainerSpec> containers,
    Optional<ProxyConfig> proxy,
    Optional<String> phase) {

  public WorkloadSpec {
    owner = owner == null ? Optional.empty() : owner;
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    containers = List.copyOf(containers);
    proxy = proxy == null ? Optional.empty() : proxy;
    phase = phase == null ? Optional.empty() : phase;
  }
}
