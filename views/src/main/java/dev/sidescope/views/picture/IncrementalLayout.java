package dev.sidescope.views.picture;

import dev.sidescope.topology.export.PictureBox;
import dev.sidescope.topology.export.PictureEdge;
import dev.sidescope.topology.export.PictureNode;
import dev.sidescope.topology.export.TopologyPicture;
import dev.sidescope.topology.model.TopologySnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides where things go when a new snapshot arrives, so that a live picture does not jump: what
 * was there stays where it was; a new or changed box is laid out on its own and put in free space
 * below its column; a new outside node goes under the others. A full ELK layout happens on the
 * first snapshot, when the grouping changes, when most of the picture is new, or when asked (the
 * "re-arrange" command).
 *
 * <p>Pure computation: run it on one worker thread, never on the FX thread. Not thread-safe; it
 * holds nothing between calls, the previous result is passed in.
 */
public final class IncrementalLayout {
  private static final double GAP = 26;

  private final ElkPictureLayout elk = new ElkPictureLayout();

  /** The next picture to show, laid out relative to the previous one where there is one. */
  public LaidOutPicture next(
      TopologySnapshot snapshot, Optional<LaidOutPicture> previous, boolean forceFull) {
    TopologyPicture picture = TopologyPicture.of(snapshot);
    Map<String, NodeTag> tags = PictureTags.of(snapshot, picture);
    if (forceFull
        || previous.isEmpty()
        || previous.get().snapshot().grouping() != snapshot.grouping()
        || mostlyNew(picture, previous.get().geometry())) {
      return new LaidOutPicture(snapshot, picture, tags, elk.layout(picture, tags), true);
    }
    LaidOutPicture before = previous.get();
    Geometry old = before.geometry();
    Map<String, Set<String>> oldMembers = new TreeMap<>();
    for (PictureBox b : before.picture().boxes()) {
      oldMembers.put(b.id(), memberIds(b));
    }

    Map<String, Rect> rects = new LinkedHashMap<>();
    Map<String, List<Point>> routes = new LinkedHashMap<>();
    List<PictureBox> toPlace = new ArrayList<>();
    // Routes from members of newly placed boxes to their box's right side.
    Map<String, List<Point>> exits = new LinkedHashMap<>();
    for (PictureBox box : picture.boxes()) {
      Optional<Rect> was = old.rect(box.id());
      boolean sameMembers =
          memberIds(box).equals(oldMembers.get(box.id()))
              && box.members().stream().allMatch(m -> old.rect(m.id()).isPresent());
      if (was.isPresent() && sameMembers) {
        rects.put(box.id(), was.get());
        box.members().forEach(m -> rects.put(m.id(), old.nodes().get(m.id())));
      } else {
        toPlace.add(box);
      }
    }
    List<PictureNode> outsideToPlace = new ArrayList<>();
    for (PictureNode node : picture.outside()) {
      Optional<Rect> was = old.rect(node.id());
      if (was.isPresent()) {
        rects.put(node.id(), was.get());
      } else {
        outsideToPlace.add(node);
      }
    }

    for (PictureBox box : toPlace) {
      Geometry alone = elk.layoutBox(box, picture.edges(), tags);
      Rect boxRect = alone.nodes().get(box.id());
      Rect target =
          old.rect(box.id())
              .map(r -> new Rect(r.x(), r.y(), boxRect.w(), boxRect.h()))
              .orElseGet(() -> freeSpotForBox(rects, boxRect));
      double dx = target.x() - boxRect.x();
      double dy = target.y() - boxRect.y();
      alone.nodes().forEach((id, r) -> rects.put(id, r.moved(dx, dy)));
      alone
          .routes()
          .forEach(
              (key, pts) -> {
                List<Point> moved =
                    pts.stream().map(p -> new Point(p.x() + dx, p.y() + dy)).toList();
                if (key.startsWith("exit ")) {
                  exits.put(key.substring("exit ".length()), moved);
                } else if (!key.startsWith("entry ")) {
                  routes.put(key, moved);
                }
              });
    }
    for (PictureNode node : outsideToPlace) {
      double[] size = NodeMetrics.size(node, tags.get(node.id()));
      rects.put(node.id(), freeSpotForOutside(rects, picture, size[0], size[1]));
    }

    for (PictureEdge edge : picture.edges()) {
      String key = EdgeKey.of(edge);
      if (routes.containsKey(key)) {
        continue;
      }
      Rect from = rects.get(edge.from());
      Rect to = rects.get(edge.to());
      if (from == null || to == null) {
        continue;
      }
      Optional<List<Point>> kept = old.route(key);
      boolean endsStill =
          from.equals(old.nodes().get(edge.from())) && to.equals(old.nodes().get(edge.to()));
      if (kept.isPresent() && endsStill) {
        routes.put(key, kept.get());
      } else if (exits.containsKey(edge.from()) && to.x() > exits.get(edge.from()).get(0).x()) {
        List<Point> route = new ArrayList<>(exits.get(edge.from()));
        Point out = route.get(route.size() - 1);
        double mid = Math.max(out.x() + 12, (out.x() + to.x()) / 2);
        route.add(new Point(mid, out.y()));
        route.add(new Point(mid, to.centerY()));
        route.add(new Point(to.x(), to.centerY()));
        routes.put(key, route);
      } else {
        routes.put(key, elbow(from, to));
      }
    }
    return new LaidOutPicture(snapshot, picture, tags, new Geometry(rects, routes), false);
  }

  private static boolean mostlyNew(TopologyPicture picture, Geometry old) {
    long total = picture.boxes().size() + picture.outside().size();
    long fresh =
        picture.boxes().stream().filter(b -> !old.nodes().containsKey(b.id())).count()
            + picture.outside().stream().filter(n -> !old.nodes().containsKey(n.id())).count();
    return total == 0 || fresh > Math.max(3, total / 2);
  }

  private static Set<String> memberIds(PictureBox box) {
    Set<String> ids = new HashSet<>();
    box.members().forEach(m -> ids.add(m.id()));
    return ids;
  }

  /** Under the shortest column of boxes, clear of everything else. */
  private static Rect freeSpotForBox(Map<String, Rect> placed, Rect size) {
    Map<Long, Double> columnBottoms = new TreeMap<>();
    placed.forEach(
        (id, r) -> {
          if (r.h() > NodeMetrics.NODE_HEIGHT + 1) { // boxes are taller than any single node
            columnBottoms.merge(Math.round(r.x()), r.bottom(), Math::max);
          }
        });
    double x = 20;
    double y = 20;
    if (!columnBottoms.isEmpty()) {
      Map.Entry<Long, Double> shortest =
          columnBottoms.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
      x = shortest.getKey();
      y = shortest.getValue() + GAP;
    }
    return clearOf(placed, new Rect(x, y, size.w(), size.h()));
  }

  /** Under the lowest outside node, or right of everything when there is none. */
  private static Rect freeSpotForOutside(
      Map<String, Rect> placed, TopologyPicture picture, double w, double h) {
    Rect last = null;
    for (PictureNode n : picture.outside()) {
      Rect r = placed.get(n.id());
      if (r != null && (last == null || r.bottom() > last.bottom())) {
        last = r;
      }
    }
    Rect spot;
    if (last != null) {
      spot = new Rect(last.x(), last.bottom() + GAP, w, h);
    } else {
      double right = placed.values().stream().mapToDouble(Rect::right).max().orElse(0);
      spot = new Rect(right + 80, 20, w, h);
    }
    return clearOf(placed, spot);
  }

  private static Rect clearOf(Map<String, Rect> placed, Rect spot) {
    Rect r = spot;
    boolean moved = true;
    while (moved) {
      moved = false;
      for (Rect other : placed.values()) {
        if (other.overlaps(r)) {
          r = new Rect(r.x(), other.bottom() + GAP, r.w(), r.h());
          moved = true;
        }
      }
    }
    return r;
  }

  /** An orthogonal route between two rectangles, for arrows ELK has not routed. */
  static List<Point> elbow(Rect a, Rect b) {
    if (b.x() >= a.right()) {
      double mid = (a.right() + b.x()) / 2;
      return List.of(
          new Point(a.right(), a.centerY()),
          new Point(mid, a.centerY()),
          new Point(mid, b.centerY()),
          new Point(b.x(), b.centerY()));
    }
    if (b.right() <= a.x()) {
      double mid = (a.x() + b.right()) / 2;
      return List.of(
          new Point(a.x(), a.centerY()),
          new Point(mid, a.centerY()),
          new Point(mid, b.centerY()),
          new Point(b.right(), b.centerY()));
    }
    if (b.y() >= a.bottom()) {
      double mid = (a.bottom() + b.y()) / 2;
      return List.of(
          new Point(a.centerX(), a.bottom()),
          new Point(a.centerX(), mid),
          new Point(b.centerX(), mid),
          new Point(b.centerX(), b.y()));
    }
    double mid = (a.y() + b.bottom()) / 2;
    return List.of(
        new Point(a.centerX(), a.y()),
        new Point(a.centerX(), mid),
        new Point(b.centerX(), mid),
        new Point(b.centerX(), b.bottom()));
  }
}
