package dev.sidescope.views.picture;

import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.PictureNode;
import dev.sidescope.topology.picture.TopologyPicture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
    List<OuterBox> outer = OuterBox.of(snapshot, picture);
    if (forceFull
        || previous.isEmpty()
        || previous.get().snapshot().grouping() != snapshot.grouping()
        || mostlyNew(picture, previous.get().geometry())) {
      return afresh(snapshot, picture, tags, outer);
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

    Map<String, String> boxOfId = new HashMap<>();
    for (PictureBox b : picture.boxes()) {
      boxOfId.put(b.id(), b.id());
      b.members().forEach(m -> boxOfId.put(m.id(), b.id()));
    }
    Map<String, OuterBox> outerOf = new HashMap<>();
    outer.forEach(o -> o.boxes().forEach(b -> outerOf.put(b, o)));
    Map<String, Rect> outerRects = new LinkedHashMap<>();
    for (OuterBox o : outer) {
      old.rect(o.id()).ifPresent(r -> outerRects.put(o.id(), r));
    }
    boolean large = GridPictureLayout.suits(picture);
    // In a large picture the arrows run down a bus between the outer boxes and the outside nodes:
    // an outer box may not grow into it.
    double busBefore =
        large ? bus(outerRects.values(), old.nodes(), before.picture().outside()) : Double.NaN;
    for (PictureBox box : toPlace) {
      Geometry alone =
          large
              ? GridPictureLayout.box(box, picture.edges(), tags)
              : elk.layoutBox(box, picture.edges(), tags);
      Rect boxRect = alone.nodes().get(box.id());
      OuterBox home = outerOf.get(box.id());
      Rect target;
      if (old.rect(box.id()).isPresent()) {
        Rect r = old.rect(box.id()).get();
        target = new Rect(r.x(), r.y(), boxRect.w(), boxRect.h());
      } else {
        // Holes are only where boxes went away: look for one only then.
        Rect homeRect = home == null ? null : outerRects.get(home.id());
        boolean holes =
            homeRect != null
                && before.picture().boxes().stream()
                    .filter(b -> !boxOfId.containsKey(b.id()))
                    .anyMatch(b -> old.rect(b.id()).map(homeRect::contains).orElse(false));
        Optional<Rect> spot = spotFor(boxRect, home, rects, outerRects, boxOfId, holes);
        if (spot.isEmpty()) {
          // Its namespace or cluster cannot grow without covering a neighbour: lay out afresh.
          return afresh(snapshot, picture, tags, outer);
        }
        target = spot.get();
      }
      if (home != null) {
        Rect grown = around(outerRects.get(home.id()), target);
        if (grown.right() > busBefore - GAP / 2) {
          // It would reach across the bus: lay out afresh, which takes milliseconds at this size.
          return afresh(snapshot, picture, tags, outer);
        }
        outerRects.put(home.id(), grown);
      }
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

    double busAfter = large ? bus(outerRects.values(), rects, picture.outside()) : Double.NaN;
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
        continue;
      }
      Optional<List<Point>> alongGaps =
          large && exits.containsKey(edge.from()) && !boxOfId.containsKey(edge.to())
              ? alongTheGaps(
                  exits.get(edge.from()),
                  rects.get(boxOfId.get(edge.from())),
                  outerOf.get(boxOfId.get(edge.from())),
                  to,
                  rects,
                  boxOfId,
                  outerRects,
                  busAfter)
              : Optional.empty();
      if (alongGaps.isPresent()) {
        routes.put(key, alongGaps.get());
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
    // Outer boxes: as they were, grown where a new box needed room.
    for (OuterBox o : outer) {
      Rect r = outerRects.get(o.id());
      for (String b : o.boxes()) {
        if (rects.containsKey(b)) {
          r = around(r, rects.get(b));
        }
      }
      if (r != null) {
        rects.put(o.id(), r);
      }
    }
    return new LaidOutPicture(snapshot, picture, tags, new Geometry(rects, routes), false, outer);
  }

  /**
   * Where the bus runs: midway between the outer boxes' right side and the outside nodes' left
   * side, as the grid lays it; infinite where nothing lies right of the outer boxes.
   */
  private static double bus(
      Collection<Rect> outerRects, Map<String, Rect> rects, List<PictureNode> outside) {
    double areaRight =
        outerRects.stream().mapToDouble(Rect::right).max().orElse(Double.NEGATIVE_INFINITY);
    double outLeft =
        outside.stream()
            .map(n -> rects.get(n.id()))
            .filter(r -> r != null)
            .mapToDouble(Rect::x)
            .min()
            .orElse(Double.POSITIVE_INFINITY);
    return outLeft > areaRight && Double.isFinite(outLeft)
        ? (areaRight + outLeft) / 2
        : Double.POSITIVE_INFINITY;
  }

  /**
   * In a large (grid) picture, the route of an arrow from a newly placed box to an outside node the
   * way the grid draws its own: from the member's exit to a lane right of the box, down that lane
   * below its outer box, along the gap under it to the bus left of the outside nodes, and into the
   * node. Elbows straight across would run through the boxes beside it. Empty where there is no
   * bus, or where that way would cross another outer box (a picture laid out before it grew large
   * has its namespaces side by side).
   */
  private static Optional<List<Point>> alongTheGaps(
      List<Point> exit,
      Rect box,
      OuterBox home,
      Rect to,
      Map<String, Rect> rects,
      Map<String, String> boxOfId,
      Map<String, Rect> outerRects,
      double bus) {
    Rect outer = home == null ? null : outerRects.get(home.id());
    if (box == null || outer == null || exit.isEmpty() || !Double.isFinite(bus) || to.x() < bus) {
      return Optional.empty();
    }
    Point out = exit.get(exit.size() - 1);
    double below = outer.bottom() + GridPictureLayout.OUTER_GAP / 2;
    // The lane: right of the box, and right of any box below it in its column (a box placed in a
    // hole has some).
    double lane = box.right() + GAP / 2;
    for (boolean moved = true; moved; ) {
      moved = false;
      for (Map.Entry<String, Rect> e : rects.entrySet()) {
        Rect r = e.getValue();
        boolean isBox = e.getKey().equals(boxOfId.get(e.getKey()));
        if (isBox && r.x() <= lane && lane <= r.right() && r.bottom() > out.y() && r.y() < below) {
          lane = r.right() + GAP / 2;
          moved = true;
        }
      }
    }
    if (lane >= outer.right()) {
      return Optional.empty();
    }
    List<Point> route = new ArrayList<>(exit);
    route.add(new Point(lane, out.y()));
    route.add(new Point(lane, below));
    route.add(new Point(bus, below));
    route.addAll(GridPictureLayout.intoOutside(to, bus));
    for (Map.Entry<String, Rect> o : outerRects.entrySet()) {
      if (o.getKey().equals(home.id())) {
        continue;
      }
      for (int i = 1; i < route.size(); i++) {
        Point a = route.get(i - 1);
        Point b = route.get(i);
        if (o.getValue().crossing(a.x(), a.y(), b.x(), b.y()) != null) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(GridPictureLayout.withoutRepeats(route));
  }

  /** The picture laid out afresh, where nothing was before. */
  private LaidOutPicture afresh(
      TopologySnapshot snapshot,
      TopologyPicture picture,
      Map<String, NodeTag> tags,
      List<OuterBox> outer) {
    return new LaidOutPicture(
        snapshot, picture, tags, elk.layout(picture, tags, outer), true, outer);
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

  /** An outer box's rectangle grown to hold a box with room for its title and padding. */
  private static Rect around(Rect outer, Rect box) {
    Rect wanted =
        new Rect(
            box.x() - NodeMetrics.OUTER_PAD,
            box.y() - NodeMetrics.OUTER_TITLE_HEIGHT,
            box.w() + 2 * NodeMetrics.OUTER_PAD,
            box.h() + NodeMetrics.OUTER_TITLE_HEIGHT + NodeMetrics.OUTER_PAD);
    if (outer == null) {
      return wanted;
    }
    return outer.contains(wanted) ? outer : outer.union(wanted);
  }

  /**
   * Where a new box goes, in this order: a hole in its outer box (where a pod that went away was),
   * under the shortest column of its outer box's boxes, right of them; and for a box whose outer
   * box is new, under the shortest column of all boxes. A spot counts only if the box is clear of
   * everything and its outer box, grown to hold it, covers no other outer box, no box of another
   * and no outside node. Empty when there is none.
   */
  private static Optional<Rect> spotFor(
      Rect size,
      OuterBox home,
      Map<String, Rect> placed,
      Map<String, Rect> outerRects,
      Map<String, String> boxOfId,
      boolean holes) {
    Set<String> own = new HashSet<>();
    List<Rect> siblings = new ArrayList<>();
    Rect outerRect = home == null ? null : outerRects.get(home.id());
    if (home != null) {
      for (String b : home.boxes()) {
        Rect r = placed.get(b);
        if (r != null) {
          siblings.add(r);
        }
      }
    }
    if (home != null) {
      Set<String> homeBoxes = new HashSet<>(home.boxes());
      placed
          .keySet()
          .forEach(
              id -> {
                if (homeBoxes.contains(boxOfId.getOrDefault(id, ""))) {
                  own.add(id);
                }
              });
    }
    List<Rect> candidates = new ArrayList<>();
    if (outerRect != null && !siblings.isEmpty()) {
      Set<Double> columns = new java.util.TreeSet<>();
      if (holes) {
        siblings.forEach(r -> columns.add(r.x()));
      }
      for (double x : columns) {
        for (double y = outerRect.y() + NodeMetrics.OUTER_TITLE_HEIGHT;
            y + size.h() <= outerRect.bottom() - NodeMetrics.OUTER_PAD;
            y += 10) {
          Rect c = new Rect(x, y, size.w(), size.h());
          if (c.right() <= outerRect.right() - NodeMetrics.OUTER_PAD && clear(c, placed)) {
            candidates.add(c);
            break;
          }
        }
      }
      Map<Long, Double> bottoms = new TreeMap<>();
      siblings.forEach(r -> bottoms.merge(Math.round(r.x()), r.bottom(), Math::max));
      bottoms.entrySet().stream()
          .sorted(Map.Entry.comparingByValue())
          .forEach(
              e -> candidates.add(new Rect(e.getKey(), e.getValue() + GAP, size.w(), size.h())));
      double right = siblings.stream().mapToDouble(Rect::right).max().orElse(0);
      double top = siblings.stream().mapToDouble(Rect::y).min().orElse(0);
      candidates.add(new Rect(right + GAP + 14, top, size.w(), size.h()));
    } else {
      candidates.add(freeSpotForBox(placed, size));
    }
    for (Rect c : candidates) {
      if (!clear(c, placed)) {
        continue;
      }
      Rect grown = around(outerRect, c);
      boolean covers = false;
      for (Map.Entry<String, Rect> e : outerRects.entrySet()) {
        if ((home == null || !e.getKey().equals(home.id())) && e.getValue().overlaps(grown)) {
          covers = true;
          break;
        }
      }
      if (!covers) {
        for (Map.Entry<String, Rect> e : placed.entrySet()) {
          if (!own.contains(e.getKey()) && e.getValue().overlaps(grown)) {
            covers = true;
            break;
          }
        }
      }
      if (!covers) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private static boolean clear(Rect spot, Map<String, Rect> placed) {
    Rect padded = new Rect(spot.x() - GAP / 2, spot.y() - GAP / 2, spot.w() + GAP, spot.h() + GAP);
    for (Rect r : placed.values()) {
      if (r.overlaps(padded)) {
        return false;
      }
    }
    return true;
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
