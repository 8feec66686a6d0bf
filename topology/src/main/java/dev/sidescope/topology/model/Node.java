package dev.sidescope.topology.model;

import java.util.Comparator;

/**
 * A node outside pods and tasks: a service that workloads call, an AWS service or Vault that
 * sidecars feed, or an external host.
 *
 * @param id e.g. {@code service/kind-dev/shop/payment-service}, {@code aws/xray}, {@code vault},
 *     {@code external/orders-db}
 * @param label what a person reads, e.g. "AWS X-Ray"
 */
public record Node(String id, NodeKind kind, String label) {
  /** The order of nodes in a snapshot: by id. */
  public static final Comparator<Node> ORDER = (a, b) -> a.id.compareTo(b.id);
}
