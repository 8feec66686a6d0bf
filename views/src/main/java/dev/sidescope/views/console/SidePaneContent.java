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
 * @param open a tab to bring forward, as when a click on an arrow asks for its traffic; empty keeps
 *     the tab a person chose
 */
public record SidePaneContent(
    Optional<String> node,
    List<SideTab> tabs,
    Optional<Inspection> inspection,
    Optional<SideTab> open) {
  public SidePaneContent {
    tabs = List.copyOf(tabs);
    open = open == null ? Optional.empty() : open.filter(tabs::contains);
  }

  /** Content that leaves the chosen tab as it is. */
  public SidePaneContent(
      Optional<String> node, List<SideTab> tabs, Optional<Inspection> inspection) {
    this(node, tabs, inspection, Optional.empty());
  }

  /** The same content, with {@code tab} brought forward where it is listed. */
  SidePaneContent opening(SideTab tab) {
    return new SidePaneContent(node, tabs, inspection, Optional.of(tab));
  }

  /** Nothing inspected. */
  static final SidePaneContent NOTHING =
      new SidePaneContent(Optional.empty(), SideTab.forNode(Optional.empty()), Optional.empty());
}
