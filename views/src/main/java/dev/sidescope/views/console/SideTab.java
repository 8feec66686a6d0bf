package dev.sidescope.views.console;

import java.util.List;
import java.util.Optional;

/**
 * A tab of the side pane, about the node selected. The inspector is always there; Traffic shows for
 * a node that tracing knows; Envoy and Logs are to come, each shown only for the nodes it has
 * something to say about.
 */
public enum SideTab {
  INSPECTOR("Inspector"),
  /** Latency, errors and traces, for a node tracing names ({@code TRACED_NAME}). */
  TRAFFIC("Traffic");

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
    return node.isPresent() && traced ? List.of(INSPECTOR, TRAFFIC) : List.of(INSPECTOR);
  }
}
