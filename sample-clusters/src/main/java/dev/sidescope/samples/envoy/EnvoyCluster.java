package dev.sidescope.samples.envoy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One upstream cluster as an Envoy sidecar knows it: its name as Envoy prints it, which names of
 * the traffic model its requests go to, and its hosts.
 *
 * <p>Immutable; thread-safe.
 *
 * @param name the cluster's name, e.g. {@code outbound|9080||details.bookinfo.svc.cluster.local},
 *     {@code cds_egress_my-mesh_payment-service_shop_http_8080} or {@code payments-db.internal}
 * @param targets the traffic model's names whose requests go through it (workloads or external
 *     hosts; Istio's cluster for a Service carries the requests to every version behind it); empty
 *     for the local app cluster
 * @param hosts its hosts, in a fixed order
 * @param inbound whether this is the local app cluster, which the sidecar's inbound listener sends
 *     to
 */
public record EnvoyCluster(
    String name, List<String> targets, List<EnvoyHost> hosts, boolean inbound) {
  public EnvoyCluster {
    Objects.requireNonNull(name, "name");
    targets = List.copyOf(targets);
    hosts = List.copyOf(hosts);
  }

  /** A copy that also carries the requests to {@code target}. */
  EnvoyCluster withTarget(String target) {
    if (targets.contains(target)) {
      return this;
    }
    List<String> more = new ArrayList<>(targets);
    more.add(target);
    return new EnvoyCluster(name, more, hosts, inbound);
  }
}
