package dev.sidescope.topology.edges;

import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.NodeKind;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node a host name stands for, seen from a workload: a Service of its cluster ({@code name},
 * {@code name.ns}, {@code name.ns.svc[.cluster.local]}), an AWS endpoint, or an external host. The
 * manifests' upstreams and a proxy's upstream clusters name their targets alike, and land on the
 * same nodes.
 *
 * <p>Immutable once made; thread-safe.
 */
public final class UpstreamHosts {
  private final Map<String, ServiceSpec> servicesByNamespaceAndName = new HashMap<>();

  public UpstreamHosts(List<ServiceSpec> services) {
    services.forEach(
        s ->
            servicesByNamespaceAndName.put(s.platform() + "/" + s.namespace() + "/" + s.name(), s));
  }

  /** The node {@code host} stands for from {@code from}; one the picture may not have yet. */
  public Node resolve(Workload from, String host) {
    Optional<Node> aws = Sinks.awsEndpoint(host);
    if (aws.isPresent()) {
      return aws.get();
    }
    String[] labels = host.split("\\.");
    String name = labels[0];
    String namespace = null;
    if (labels.length == 1) {
      namespace = from.namespace();
    } else if (labels.length == 2 && !known(from, labels[1] + "/" + name).isEmpty()) {
      namespace = labels[1];
    } else if (labels.length >= 3
        && labels[2].equals("svc")
        && (labels.length == 3 || host.endsWith(".svc.cluster.local"))) {
      namespace = labels[1];
    }
    if (namespace == null) {
      return new Node("external/" + host, NodeKind.EXTERNAL, host);
    }
    Optional<ServiceSpec> service = known(from, namespace + "/" + name);
    if (service.isPresent()) {
      return new Node(service.get().id(), NodeKind.SERVICE, name);
    }
    return new Node(
        "service/" + context(from) + "/" + namespace + "/" + name, NodeKind.SERVICE, name);
  }

  private Optional<ServiceSpec> known(Workload from, String namespaceAndName) {
    return Optional.ofNullable(
        servicesByNamespaceAndName.get(from.platform() + "/" + namespaceAndName));
  }

  /** The cluster part of a workload's source id: {@code kubernetes/kind-dev} gives kind-dev. */
  private static String context(Workload w) {
    String source = w.spec().source();
    int slash = source.indexOf('/');
    return slash < 0 ? source : source.substring(slash + 1);
  }
}
