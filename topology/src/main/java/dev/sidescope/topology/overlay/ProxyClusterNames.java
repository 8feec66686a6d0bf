package dev.sidescope.topology.overlay;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host an Envoy upstream cluster's name stands for: Istio's {@code
 * outbound|8080||payment.shop.svc.cluster.local}, App Mesh's {@code
 * cds_egress_my-mesh_payment-service_shop_http_8080}, or a plain Envoy's {@code payment} or {@code
 * payment.shop:8080}. Clusters that are not a call to another service (Istio's inbound, passthrough
 * and control-plane clusters, App Mesh's ingress) stand for none.
 *
 * <p>Stateless.
 */
final class ProxyClusterNames {
  private ProxyClusterNames() {}

  /** Istio's own clusters and the usual names of an Envoy's admin and control-plane clusters. */
  private static final Set<String> NOT_A_SERVICE =
      Set.of(
          "BlackHoleCluster",
          "PassthroughCluster",
          "InboundPassthroughCluster",
          "InboundPassthroughClusterIpv4",
          "InboundPassthroughClusterIpv6",
          "prometheus_stats",
          "agent",
          "sds-grpc",
          "xds-grpc",
          "zipkin",
          "envoy_accesslog_service",
          "local_app",
          "local_service",
          "admin");

  /**
   * App Mesh: {@code cds_egress_<mesh>_<virtual node or service>[_<namespace>]_<protocol>_<port>}.
   */
  private static final Pattern APP_MESH_EGRESS =
      Pattern.compile("cds_egress_(.+)_(?:http2?|grpc|tcp)_\\d+");

  /** A host name, optionally with a port: what a plain Envoy's cluster is often named. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");

  static Optional<String> host(String cluster) {
    if (NOT_A_SERVICE.contains(cluster) || cluster.startsWith("cds_ingress_")) {
      return Optional.empty();
    }
    if (cluster.startsWith("outbound|")) {
      int last = cluster.lastIndexOf('|');
      String host = cluster.substring(last + 1);
      return host.isEmpty() ? Optional.empty() : Optional.of(host);
    }
    if (cluster.startsWith("inbound|")) {
      return Optional.empty();
    }
    Matcher mesh = APP_MESH_EGRESS.matcher(cluster);
    if (mesh.matches()) {
      // The mesh's name comes first; Kubernetes names hold no underscore, so the last two parts
      // are the virtual node's name and its namespace where the controller made it.
      String[] parts = mesh.group(1).split("_");
      if (parts.length >= 3) {
        return Optional.of(
            parts[parts.length - 2] + "." + parts[parts.length - 1] + ".svc.cluster.local");
      }
      return Optional.of(parts[parts.length - 1]);
    }
    String host = cluster;
    int colon = host.lastIndexOf(':');
    if (colon > 0 && host.substring(colon + 1).chars().allMatch(Character::isDigit)) {
      host = host.substring(0, colon);
    }
    return HOST.matcher(host).matches() ? Optional.of(host) : Optional.empty();
  }
}
