package dev.sidescope.testing;

import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a Kubernetes Service or an ECS service for a test, named like {@link WorkloadBuilder}'s
 * workloads: {@code service("payment-service").port(8080).build()} is the Service {@code
 * service/kind-dev/shop/payment-service} selecting the pods labelled {@code app=payment-service}.
 */
public final class ServiceBuilder {
  private final Platform platform;
  private final String name;
  private String namespace;
  private IdScheme ids = IdScheme.DEFAULT;
  private final Map<String, String> selector = new LinkedHashMap<>();
  private boolean defaultSelector;
  private final List<Port> ports = new ArrayList<>();
  private final Set<String> endpoints = new LinkedHashSet<>();

  private ServiceBuilder(Platform platform, String name, String namespace) {
    this.platform = platform;
    this.name = name;
    this.namespace = namespace;
  }

  /** A Kubernetes Service in namespace {@code shop} selecting {@code app=<name>}. */
  public static ServiceBuilder service(String name) {
    ServiceBuilder b = new ServiceBuilder(Platform.KUBERNETES, name, "shop");
    b.selector.put("app", name);
    b.defaultSelector = true;
    return b;
  }

  /** An ECS service in cluster {@code prod}: no selector, no ports. */
  public static ServiceBuilder ecsService(String name) {
    return new ServiceBuilder(Platform.ECS, name, "prod");
  }

  /** The Service's namespace, or the ECS service's cluster. */
  public ServiceBuilder namespace(String value) {
    namespace = value;
    return this;
  }

  public ServiceBuilder ids(IdScheme value) {
    ids = value;
    return this;
  }

  /**
   * Selects the pods labelled {@code key=value}: the first call replaces the default {@code
   * app=<name>}, later ones add labels to match.
   */
  public ServiceBuilder selector(String key, String value) {
    if (defaultSelector) {
      noSelector();
    }
    selector.put(key, value);
    return this;
  }

  /** Selects nothing: only its endpoints say which pods it serves. */
  public ServiceBuilder noSelector() {
    selector.clear();
    defaultSelector = false;
    return this;
  }

  /** A TCP port. */
  public ServiceBuilder port(int number) {
    return port(Port.tcp(number));
  }

  public ServiceBuilder port(Port port) {
    ports.add(port);
    return this;
  }

  /** A pod its EndpointSlices point at, by workload id. */
  public ServiceBuilder endpoint(String workloadId) {
    endpoints.add(workloadId);
    return this;
  }

  public String id() {
    return platform == Platform.ECS
        ? ids.ecsService(namespace, name)
        : ids.service(namespace, name);
  }

  public ServiceSpec build() {
    return new ServiceSpec(id(), platform, namespace, name, selector, ports, endpoints);
  }
}
