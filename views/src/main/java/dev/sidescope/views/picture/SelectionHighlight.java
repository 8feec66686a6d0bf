package dev.sidescope.views.picture;

import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.PictureNode;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a selection brings forward in the picture: the arrows into and out of the node selected, and
 * the nodes at their other ends; the other arrows are drawn a little fainter. A box selected stands
 * for its members, an outer box for the members of its boxes, so that selecting a pod lights the
 * calls of all its containers. Pure; the view only applies it.
 *
 * @param selected the node selected and, for a box, what it holds; empty with nothing selected
 * @param edges the {@link EdgeKey}s of the arrows lit
 * @param neighbours the nodes at the other ends of the arrows lit, not themselves selected
 */
public record SelectionHighlight(Set<String> selected, Set<String> edges, Set<String> neighbours) {
  /** Nothing selected: every arrow as it is. */
  public static final SelectionHighlight NONE =
      new SelectionHighlight(Set.of(), Set.of(), Set.of());

  public SelectionHighlight {
    selected = Set.copyOf(selected);
    edges = Set.copyOf(edges);
    neighbours = Set.copyOf(neighbours);
  }

  /** What selecting {@code id} in a picture lights; {@link #NONE} for nothing or an unknown id. */
  public static SelectionHighlight of(LaidOutPicture shown, Optional<String> id) {
    if (shown == null || id.isEmpty()) {
      return NONE;
    }
    Set<String> selected = new HashSet<>();
    selected.add(id.get());
    for (OuterBox o : shown.outer()) {
      if (o.id().equals(id.get())) {
        selected.addAll(o.boxes());
      }
    }
    for (PictureBox box : shown.picture().boxes()) {
      if (selected.contains(box.id())) {
        box.members().stream().map(PictureNode::id).forEach(selected::add);
      }
    }
    Set<String> edges = new HashSet<>();
    Set<String> neighbours = new LinkedHashSet<>();
    for (PictureEdge e : shown.picture().edges()) {
      boolean out = selected.contains(e.from());
      boolean in = selected.contains(e.to());
      if (out || in) {
        edges.add(EdgeKey.of(e));
        if (!out) {
          neighbours.add(e.from());
        }
        if (!in) {
          neighbours.add(e.to());
        }
      }
    }
    return new SelectionHighlight(selected, edges, neighbours);
  }

  /** Whether something is selected, so that the picture shows a highlight at all. */
  public boolean any() {
    return !selected.isEmpty();
  }

  /** Whether an arrow is one of the selection's own: drawn thicker, in the accent colour. */
  public boolean lit(PictureEdge edge) {
    return !edges.isEmpty() && edges.contains(EdgeKey.of(edge));
  }

  /** Whether an arrow steps back: something is selected and the arrow is not one of its own. */
  public boolean faded(PictureEdge edge) {
    return any() && !lit(edge);
  }

  /** Whether a node is at the other end of one of the selection's arrows. */
  public boolean neighbour(String id) {
    return neighbours.contains(id);
  }
}
