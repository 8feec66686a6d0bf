package dev.sidescope.views.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tab of the side pane, about the node selected. The inspector is always there; Traffic shows for
 * a node that tracing knows; Envoy for a proxy sidecar, a box that holds one, or a proxy drawn on
 * its own; Logs and Events for a pod, task, box of replicas or container. Each shows only for the
 * nodes it has something to say about.
 */
public enum SideTab {
  INSPECTOR("Inspector"),
  /** Latency, errors and traces, for a node tracing names ({@code TRACED_NAME}). */
  TRAFFIC("Traffic"),
  /** A proxy sidecar's server, upstream clusters, stats and configuration. */
  ENVOY("Envoy"),
  /** The log lines of a pod's, task's, box's or container's containers. */
  LOGS("Logs"),
  /** What the platform said happened to a pod, task, box or container, and to their owners. */
  EVENTS("Events");

  private final String title;

  SideTab(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  /** The tabs for a node inspected, or for none. */
  static List<SideTab> forNode(Optional<String> node) {
    return forNode(node, false);
  }

  /** The tabs for a node inspected, or for none; {@code traced}: tracing knows the node. */
  static List<SideTab> forNode(Optional<String> node, boolean traced) {
    return forNode(node, traced, false);
  }

  /**
   * The tabs for a node inspected, or for none; {@code traced}: tracing knows the node; {@code
   * proxied}: it is a proxy sidecar, holds one, or is a proxy.
   */
  static List<SideTab> forNode(Optional<String> node, boolean traced, boolean proxied) {
    return forNode(node, traced, proxied, false);
  }

  /**
   * The tabs for a node inspected, or for none; {@code logged}: it is a pod, task, box or
   * container, whose containers write logs and whose platform tells of it in events.
   */
  static List<SideTab> forNode(
      Optional<String> node, boolean traced, boolean proxied, boolean logged) {
    if (node.isEmpty()) {
      return List.of(INSPECTOR);
    }
    List<SideTab> tabs = new ArrayList<>(List.of(INSPECTOR));
    if (traced) {
      tabs.add(TRAFFIC);
    }
    if (proxied) {
      tabs.add(ENVOY);
    }
    if (logged) {
      tabs.add(LOGS);
      tabs.add(EVENTS);
    }
    return List.copyOf(tabs);
  }
}
