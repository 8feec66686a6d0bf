package dev.sidescope.views.console;

import dev.sidescope.views.inspect.Inspection;
import java.util.List;
import java.util.Optional;

/**
 * What the side pane shows: its tabs for the node inspected, and what each says.
 *
 * @param node the node inspected; empty when none is
 * @param tabs in the order they are shown
 * @param inspection the inspector's content; empty shows "Nothing selected"
 */
public record SidePaneContent(
    Optional<String> node, List<SideTab> tabs, Optional<Inspection> inspection) {
  public SidePaneContent {
    tabs = List.copyOf(tabs);
  }

  /** Nothing inspected. */
  static final SidePaneContent NOTHING =
      new SidePaneContent(Optional.empty(), SideTab.forNode(Optional.empty()), Optional.empty());
}
