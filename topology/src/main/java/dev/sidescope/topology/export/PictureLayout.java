package dev.sidescope.topology.export;

import dev.sidescope.topology.picture.NodeStyle;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.TopologyPicture;

/**
 * Layout hints that Mermaid and DOT both follow, so their drawings agree. Pure functions of a
 * picture.
 */
final class PictureLayout {
  private PictureLayout() {}

  /**
   * True for an edge from an app or init container to a node outside every box. Layered layouts put
   * such a target in the column right after the app, which is the sidecars' column: inside the
   * box's span, where the arrow crosses the box's title. One rank more puts it with the other
   * outside nodes, as the seed diagram draws them.
   */
  static boolean skipsSidecarColumn(PictureEdge edge, TopologyPicture picture) {
    boolean fromAppOrInit =
        picture
            .node(edge.from())
            .map(n -> n.style() == NodeStyle.APP || n.style() == NodeStyle.INIT)
            .orElse(false);
    boolean toOutside = picture.outside().stream().anyMatch(n -> n.id().equals(edge.to()));
    return fromAppOrInit && toOutside;
  }
}
