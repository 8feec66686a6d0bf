package dev.sidescope.views.picture;

import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.picture.TopologyPicture;
import java.util.Map;

/**
 * A snapshot ready to draw: its picture, every node's tag and where everything goes. Immutable;
 * made off the FX thread and handed to it whole, so a dropped intermediate one loses nothing.
 *
 * @param fullLayout true when the geometry was laid out afresh rather than kept from the previous
 *     one
 * @param outer the outer boxes (namespaces, ECS clusters), each with a rectangle in the geometry
 */
public record LaidOutPicture(
    TopologySnapshot snapshot,
    TopologyPicture picture,
    Map<String, NodeTag> tags,
    Geometry geometry,
    boolean fullLayout,
    java.util.List<OuterBox> outer) {

  public LaidOutPicture {
    tags = Map.copyOf(tags);
    outer = java.util.List.copyOf(outer);
  }

  /**
   * Whether the picture is large enough to be laid out by a grid and drawn with less detail far
   * out: GraphStream draws its shapes only for smaller pictures.
   */
  public boolean large() {
    return GridPictureLayout.suits(picture);
  }
}
