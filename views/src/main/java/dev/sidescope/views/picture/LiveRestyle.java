package dev.sidescope.views.picture;

import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.TopologyPicture;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cheap way to show a live update that changed only numbers: when a snapshot draws the same
 * boxes, nodes, tags, outer boxes and arrows as the picture shown — only the arrows' figures and
 * labels differ — it is shown on the picture's own geometry, without laying anything out. X-Ray and
 * Envoy figures change every few seconds while the topology stays put, so this is the usual live
 * update.
 *
 * <p>Pure; any thread.
 */
public final class LiveRestyle {
  private LiveRestyle() {}

  /**
   * The snapshot on the previous picture's places, if only its numbers changed; empty when anything
   * else did (a box, a node's lines or finding marker, an arrow, the grouping), which needs a
   * layout.
   */
  public static Optional<LaidOutPicture> of(LaidOutPicture previous, TopologySnapshot snapshot) {
    if (previous.snapshot().grouping() != snapshot.grouping()) {
      return Optional.empty();
    }
    TopologyPicture before = previous.picture();
    TopologyPicture picture = TopologyPicture.of(snapshot);
    if (!picture.boxes().equals(before.boxes())
        || !picture.outside().equals(before.outside())
        || !sameArrows(picture.edges(), before.edges())) {
      return Optional.empty();
    }
    Map<String, NodeTag> tags = PictureTags.of(snapshot, picture);
    if (!tags.equals(previous.tags())) {
      return Optional.empty();
    }
    List<OuterBox> outer = OuterBox.of(snapshot, picture);
    if (!outer.equals(previous.outer())) {
      return Optional.empty();
    }
    // The previous tags, outer boxes and geometry themselves: a view can tell by identity that
    // nothing moved.
    return Optional.of(
        new LaidOutPicture(
            snapshot, picture, previous.tags(), previous.geometry(), false, previous.outer()));
  }

  /** Whether two pictures' arrows differ at most in their lines and figures. */
  private static boolean sameArrows(List<PictureEdge> a, List<PictureEdge> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      PictureEdge x = a.get(i);
      PictureEdge y = b.get(i);
      if (!x.from().equals(y.from())
          || !x.to().equals(y.to())
          || x.kind() != y.kind()
          || !Objects.equals(x.marker(), y.marker())) {
        return false;
      }
    }
    return true;
  }
}
