package dev.sidescope.views.picture;

import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.PictureNode;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What "hide non-matching" hides, and the part of the picture left: what find does not match, but
 * for the nodes at the other ends of the matched nodes' arrows (the upstreams they call, the AWS
 * services they ship to, the app beside a matched sidecar) and the boxes holding those, so that
 * what a match talks to stays in the picture with the arrows between them. Pure.
 */
public final class HiddenByFind {
  private HiddenByFind() {}

  /**
   * The ids hidden.
   *
   * @param unmatched what find does not match
   * @param matched what find matches: nodes, and the boxes holding them
   */
  public static Set<String> of(LaidOutPicture shown, Set<String> unmatched, Set<String> matched) {
    if (shown == null || unmatched.isEmpty()) {
      return Set.copyOf(unmatched);
    }
    Set<String> kept = new HashSet<>();
    for (PictureEdge e : shown.picture().edges()) {
      if (matched.contains(e.from())) {
        kept.add(e.to());
      }
      if (matched.contains(e.to())) {
        kept.add(e.from());
      }
    }
    if (kept.isEmpty()) {
      return Set.copyOf(unmatched);
    }
    // A member kept keeps its box: a container is drawn inside its pod or task.
    for (PictureBox box : shown.picture().boxes()) {
      for (PictureNode m : box.members()) {
        if (kept.contains(m.id())) {
          kept.add(box.id());
          break;
        }
      }
    }
    Set<String> hidden = new LinkedHashSet<>(unmatched);
    hidden.removeAll(kept);
    return Set.copyOf(hidden);
  }

  /**
   * The rectangle around the boxes and nodes not hidden: what the view fits while hiding. The
   * namespaces behind them are left out: one holding a single box left would otherwise keep the
   * zoom of the whole picture. The whole picture's when nothing is hidden or nothing is left.
   */
  public static Rect bounds(LaidOutPicture shown, Set<String> hidden) {
    Rect whole = shown.geometry().bounds();
    if (hidden.isEmpty()) {
      return whole;
    }
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    Map<String, Rect> places = shown.geometry().nodes();
    Set<String> ids = new LinkedHashSet<>();
    shown.picture().boxes().forEach(b -> ids.add(b.id()));
    shown.picture().nodes().forEach(n -> ids.add(n.id()));
    for (String id : ids) {
      Rect r = places.get(id);
      if (r == null || hidden.contains(id)) {
        continue;
      }
      minX = Math.min(minX, r.x());
      minY = Math.min(minY, r.y());
      maxX = Math.max(maxX, r.right());
      maxY = Math.max(maxY, r.bottom());
    }
    if (minX > maxX) {
      return whole;
    }
    return new Rect(minX, minY, maxX - minX, maxY - minY);
  }
}
