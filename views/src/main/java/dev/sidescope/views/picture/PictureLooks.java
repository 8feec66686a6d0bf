package dev.sidescope.views.picture;

import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Turns a laid-out picture into one {@link NodeLook} per node: pure, no toolkit. */
public final class PictureLooks {
  private PictureLooks() {}

  /**
   * Every node's look: outer boxes (z 0) first, then boxes (z 1), then their members and the
   * outside nodes (z 2).
   *
   * @param dimmed ids drawn faint
   * @param hidden ids not drawn
   */
  public static Map<String, NodeLook> of(
      LaidOutPicture shown, PicturePalette palette, Set<String> dimmed, Set<String> hidden) {
    Map<String, NodeLook> looks = new LinkedHashMap<>();
    // A few hues among thousands of nodes: mix each once.
    Map<String, String[]> colours = new java.util.HashMap<>();
    Geometry g = shown.geometry();
    for (OuterBox o : shown.outer()) {
      Rect r = g.nodes().get(o.id());
      if (r != null) {
        boolean allHidden = !o.boxes().isEmpty() && hidden.containsAll(o.boxes());
        boolean allDimmed = !o.boxes().isEmpty() && dimmed.containsAll(o.boxes());
        looks.put(
            o.id(),
            new NodeLook(
                o.id(),
                r,
                palette.outerFill(),
                palette.outerStroke(),
                1.2,
                0,
                allDimmed,
                allHidden));
      }
    }
    for (PictureBox box : shown.picture().boxes()) {
      Rect r = g.nodes().get(box.id());
      if (r != null) {
        looks.put(
            box.id(),
            new NodeLook(
                box.id(),
                r,
                palette.boxFill(),
                palette.boxStroke(),
                1.5,
                1,
                dimmed.contains(box.id()),
                hidden.contains(box.id())));
      }
    }
    shown
        .picture()
        .nodes()
        .forEach(
            (PictureNode n) -> {
              Rect r = g.nodes().get(n.id());
              if (r == null) {
                return;
              }
              NodeTag tag = shown.tags().get(n.id());
              String[] c =
                  colours.computeIfAbsent(
                      tag.hue(),
                      h -> new String[] {palette.nodeFill(tag), palette.nodeStroke(tag)});
              boolean app = n.style() == dev.sidescope.topology.picture.NodeStyle.APP;
              looks.put(
                  n.id(),
                  new NodeLook(
                      n.id(),
                      r,
                      c[0],
                      c[1],
                      app ? 2.5 : 1.5,
                      2,
                      dimmed.contains(n.id()),
                      hidden.contains(n.id())));
            });
    return looks;
  }
}
