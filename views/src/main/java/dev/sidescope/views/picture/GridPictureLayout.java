package dev.sidescope.views.picture;

import dev.sidescope.topology.picture.NodeStyle;
import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.PictureNode;
import dev.sidescope.topology.picture.TopologyPicture;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lays a large picture out in milliseconds, where ELK takes seconds: each box by a fixed grid (apps
 * in a left column, sidecars in a right one), the boxes of each outer box in rows of equal cells,
 * the outer boxes one under the other, and the outside nodes in columns on the right, sorted by the
 * height of what points at them. Every arrow runs in the gaps: from its member out of the box, down
 * the gap right of the box's column to the gap under its row, along it to a bus right of all outer
 * boxes, and through the gaps between outside nodes to its end. Arrows share these lanes rather
 * than cross boxes.
 *
 * <p>Pure computation; deterministic. Thread-safe.
 */
final class GridPictureLayout {
  /** Drawn nodes (boxes, containers, outside nodes) from which a picture counts as large. */
  static final int LARGE = 700;

  private static final double TARGET_ASPECT = 1.7;
  private static final double MARGIN = 20;
  private static final double CELL_GAP_X = 40;
  private static final double CELL_GAP_Y = 30;
  static final double OUTER_GAP = 40;
  private static final double BUS = 90;
  private static final double OUT_GAP_X = 40;
  private static final double OUT_GAP_Y = 20;
  private static final double MEMBER_LANE = 44;
  private static final double MEMBER_GAP_Y = 16;

  /** Whether a picture is large enough to be laid out by this grid rather than by ELK. */
  static boolean suits(TopologyPicture picture) {
    int nodes = picture.boxes().size() + picture.outside().size();
    for (PictureBox b : picture.boxes()) {
      nodes += b.members().size();
    }
    return nodes >= LARGE;
  }

  /** Where a box went: its cell's left side and its row's top and bottom. */
  private record Cell(double x, double rowTop, double rowBottom) {}

  Geometry layout(TopologyPicture picture, Map<String, NodeTag> tags, List<OuterBox> unsorted) {
    // Smallest first, so that the largest outer box comes last and has room to grow.
    List<OuterBox> outer = new ArrayList<>(unsorted);
    outer.sort(Comparator.comparingInt(o -> o.boxes().size()));
    Map<String, Geometry> inside = new HashMap<>();
    Map<String, String> boxOf = new HashMap<>();
    for (PictureBox box : picture.boxes()) {
      box.members().forEach(m -> boxOf.put(m.id(), box.id()));
    }
    // Each box's own arrows, so that laying a box out does not walk every arrow of the picture.
    Map<String, List<PictureEdge>> edgesOf = new HashMap<>();
    for (PictureEdge e : picture.edges()) {
      String a = boxOf.get(e.from());
      String b = boxOf.get(e.to());
      if (a != null) {
        edgesOf.computeIfAbsent(a, k -> new ArrayList<>()).add(e);
      }
      if (b != null && !b.equals(a)) {
        edgesOf.computeIfAbsent(b, k -> new ArrayList<>()).add(e);
      }
    }
    double cellW = 0;
    for (PictureBox box : picture.boxes()) {
      Geometry g = box(box, edgesOf.getOrDefault(box.id(), List.of()), tags);
      inside.put(box.id(), g);
      cellW = Math.max(cellW, g.nodes().get(box.id()).w());
    }
    double outW = NodeMetrics.MIN_WIDTH;
    for (PictureNode n : picture.outside()) {
      outW = Math.max(outW, NodeMetrics.size(n, tag(tags, n))[0]);
    }
    int columns = bestColumns(outer, inside, cellW, outW, picture.outside().size());

    Map<String, Rect> rects = new LinkedHashMap<>();
    Map<String, List<Point>> routes = new LinkedHashMap<>();
    Map<String, Cell> cells = new HashMap<>();
    double y = MARGIN;
    double areaRight = MARGIN;
    for (OuterBox o : outer) {
      int k = Math.max(1, Math.min(columns, o.boxes().size()));
      double top = y;
      double rowTop = top + NodeMetrics.OUTER_TITLE_HEIGHT;
      List<String> boxes = o.boxes();
      for (int start = 0; start < boxes.size(); start += k) {
        double rowH = 0;
        for (int i = start; i < Math.min(boxes.size(), start + k); i++) {
          rowH = Math.max(rowH, inside.get(boxes.get(i)).nodes().get(boxes.get(i)).h());
        }
        for (int i = start; i < Math.min(boxes.size(), start + k); i++) {
          String id = boxes.get(i);
          double x = MARGIN + NodeMetrics.OUTER_PAD + (i - start) * (cellW + CELL_GAP_X);
          cells.put(id, new Cell(x, rowTop, rowTop + rowH));
          Geometry g = inside.get(id);
          double dx = x;
          double dy = rowTop;
          g.nodes().forEach((key, r) -> rects.put(key, r.moved(dx, dy)));
          g.routes()
              .forEach(
                  (key, pts) -> {
                    if (!isExitOrEntry(key)) {
                      routes.put(key, moved(pts, dx, dy));
                    }
                  });
        }
        rowTop += rowH + CELL_GAP_Y;
      }
      double w = 2 * NodeMetrics.OUTER_PAD + k * cellW + (k - 1) * CELL_GAP_X;
      w =
          Math.max(
              w,
              NodeMetrics.textWidth(o.title(), NodeMetrics.TITLE_FONT, true)
                  + 2 * NodeMetrics.OUTER_PAD);
      double h = rowTop - CELL_GAP_Y + NodeMetrics.OUTER_PAD - top;
      rects.put(o.id(), new Rect(MARGIN, top, w, h));
      areaRight = Math.max(areaRight, MARGIN + w);
      y = top + h + OUTER_GAP;
    }
    double groupsBottom = y - OUTER_GAP;

    // Outside nodes: sorted by the mean height of the members pointing at them, in columns.
    List<PictureNode> outside = sortedByCallers(picture, rects, boxOf);
    int outColumns = outsideColumns(outside.size(), groupsBottom - MARGIN);
    int perColumn = Math.max(1, (int) Math.ceil(outside.size() / (double) outColumns));
    double outLeft = areaRight + BUS;
    for (int i = 0; i < outside.size(); i++) {
      PictureNode n = outside.get(i);
      double[] size = NodeMetrics.size(n, tag(tags, n));
      int column = i / perColumn;
      int row = i % perColumn;
      rects.put(
          n.id(),
          new Rect(
              outLeft + column * (outW + OUT_GAP_X),
              MARGIN + row * (NodeMetrics.NODE_HEIGHT + OUT_GAP_Y),
              size[0],
              size[1]));
    }
    double bus = areaRight + BUS / 2;

    for (PictureEdge edge : picture.edges()) {
      String key = EdgeKey.of(edge);
      if (routes.containsKey(key)) {
        continue;
      }
      String fromBox = boxOf.get(edge.from());
      String toBox = boxOf.get(edge.to());
      Rect from = rects.get(edge.from());
      Rect to = rects.get(edge.to());
      if (from == null || to == null) {
        continue;
      }
      List<Point> route = new ArrayList<>();
      if (fromBox != null) {
        Cell c = cells.get(fromBox);
        route.addAll(boxRoute(inside, fromBox, ElkPictureLayout.exitKey(edge.from()), c));
        double ey = route.get(route.size() - 1).y();
        double lane = c.x() + cellW + CELL_GAP_X / 2;
        double gap = c.rowBottom() + CELL_GAP_Y / 2;
        route.add(new Point(lane, ey));
        route.add(new Point(lane, gap));
        if (toBox != null) {
          Cell d = cells.get(toBox);
          List<Point> entry = boxRoute(inside, toBox, ElkPictureLayout.entryKey(edge.to()), d);
          double lx = d.x() - CELL_GAP_X / 2;
          route.add(new Point(lx, gap));
          route.add(new Point(lx, entry.get(0).y()));
          route.addAll(entry);
        } else {
          route.add(new Point(bus, gap));
          route.addAll(intoOutside(to, bus));
        }
      } else if (toBox != null) {
        Cell d = cells.get(toBox);
        List<Point> entry = boxRoute(inside, toBox, ElkPictureLayout.entryKey(edge.to()), d);
        double gap = d.rowBottom() + CELL_GAP_Y / 2;
        double lx = d.x() - CELL_GAP_X / 2;
        List<Point> out = intoOutside(from, bus);
        for (int i = out.size() - 1; i >= 0; i--) {
          route.add(i == out.size() - 1 ? new Point(from.x(), from.centerY()) : out.get(i));
        }
        route.add(new Point(bus, gap));
        route.add(new Point(lx, gap));
        route.add(new Point(lx, entry.get(0).y()));
        route.addAll(entry);
      } else {
        route.addAll(IncrementalLayout.elbow(from, to));
      }
      routes.put(key, withoutRepeats(route));
    }
    return new Geometry(rects, routes);
  }

  /**
   * From the bus to an outside node's left side: along the gap above its row to the gap left of its
   * column, then down to it.
   */
  static List<Point> intoOutside(Rect to, double bus) {
    double above = to.y() - OUT_GAP_Y / 2;
    double left = to.x() - OUT_GAP_X / 2;
    return List.of(
        new Point(bus, above),
        new Point(left, above),
        new Point(left, to.centerY()),
        new Point(to.x(), to.centerY()));
  }

  /** A box's exit or entry route, moved to where the box went. */
  private static List<Point> boxRoute(
      Map<String, Geometry> inside, String box, String key, Cell at) {
    List<Point> r = inside.get(box).routes().get(key);
    return moved(r, at.x(), at.rowTop());
  }

  /** The column count of boxes whose picture comes closest to the target aspect ratio. */
  private static int bestColumns(
      List<OuterBox> outer, Map<String, Geometry> inside, double cellW, double outW, int outside) {
    int most = 1;
    for (OuterBox o : outer) {
      most = Math.max(most, o.boxes().size());
    }
    int best = 1;
    double bestScore = Double.MAX_VALUE;
    for (int k = 1; k <= Math.min(most, 80); k++) {
      double height = 0;
      double width = 0;
      for (OuterBox o : outer) {
        int n = Math.max(1, Math.min(k, o.boxes().size()));
        width = Math.max(width, 2 * NodeMetrics.OUTER_PAD + n * cellW + (n - 1) * CELL_GAP_X);
        double h = NodeMetrics.OUTER_TITLE_HEIGHT + NodeMetrics.OUTER_PAD - CELL_GAP_Y;
        for (int start = 0; start < o.boxes().size(); start += n) {
          double rowH = 0;
          for (int i = start; i < Math.min(o.boxes().size(), start + n); i++) {
            String id = o.boxes().get(i);
            rowH = Math.max(rowH, inside.get(id).nodes().get(id).h());
          }
          h += rowH + CELL_GAP_Y;
        }
        height += h + OUTER_GAP;
      }
      if (outside > 0) {
        int columns = outsideColumns(outside, height);
        width += BUS + columns * outW + (columns - 1) * OUT_GAP_X;
      }
      double score = Math.abs(Math.log(width / Math.max(1, height) / TARGET_ASPECT));
      if (score < bestScore) {
        bestScore = score;
        best = k;
      }
    }
    return best;
  }

  /** Columns of outside nodes so that they are no taller than the outer boxes. */
  private static int outsideColumns(int count, double height) {
    if (count == 0) {
      return 1;
    }
    int perColumn =
        Math.max(1, (int) Math.floor((height + OUT_GAP_Y) / (NodeMetrics.NODE_HEIGHT + OUT_GAP_Y)));
    return Math.max(1, (int) Math.ceil(count / (double) perColumn));
  }

  private static List<PictureNode> sortedByCallers(
      TopologyPicture picture, Map<String, Rect> rects, Map<String, String> boxOf) {
    Map<String, double[]> sums = new HashMap<>();
    for (PictureEdge e : picture.edges()) {
      String member = boxOf.containsKey(e.from()) ? e.from() : e.to();
      String other = member.equals(e.from()) ? e.to() : e.from();
      Rect r = rects.get(member);
      if (r != null && !boxOf.containsKey(other)) {
        double[] s = sums.computeIfAbsent(other, k -> new double[2]);
        s[0] += r.centerY();
        s[1]++;
      }
    }
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < picture.outside().size(); i++) {
      order.put(picture.outside().get(i).id(), i);
    }
    List<PictureNode> sorted = new ArrayList<>(picture.outside());
    sorted.sort(
        Comparator.comparingDouble(
                (PictureNode n) ->
                    Optional.ofNullable(sums.get(n.id()))
                        .map(s -> s[0] / s[1])
                        .orElse(Double.MAX_VALUE))
            .thenComparing(n -> order.get(n.id())));
    return sorted;
  }

  /**
   * One box by a fixed grid: its rectangle at the origin, apps in a left column and the other
   * members in a right one, its inner arrows, and exit and entry routes keyed like {@link
   * ElkPictureLayout#layoutBox}'s.
   */
  static Geometry box(PictureBox box, List<PictureEdge> allEdges, Map<String, NodeTag> tags) {
    List<PictureNode> left = new ArrayList<>();
    List<PictureNode> right = new ArrayList<>();
    for (PictureNode m : box.members()) {
      (m.style() == NodeStyle.APP ? left : right).add(m);
    }
    if (left.isEmpty()) {
      left = right;
      right = List.of();
    }
    double leftW = widest(left, tags);
    double rightW = widest(right, tags);
    double x0 = NodeMetrics.BOX_PAD;
    double x1 = x0 + leftW + MEMBER_LANE;
    Map<String, Rect> members = new LinkedHashMap<>();
    Map<String, Boolean> inLeft = new HashMap<>();
    for (int i = 0; i < left.size(); i++) {
      members.put(left.get(i).id(), cell(left.get(i), tags, x0, i));
      inLeft.put(left.get(i).id(), true);
    }
    for (int i = 0; i < right.size(); i++) {
      members.put(right.get(i).id(), cell(right.get(i), tags, x1, i));
      inLeft.put(right.get(i).id(), false);
    }
    int rows = Math.max(1, Math.max(left.size(), right.size()));
    double w =
        Math.max(
            right.isEmpty() ? x0 + leftW + NodeMetrics.BOX_PAD : x1 + rightW + NodeMetrics.BOX_PAD,
            NodeMetrics.boxMinWidth(box));
    double h =
        NodeMetrics.BOX_TITLE_HEIGHT
            + rows * (NodeMetrics.NODE_HEIGHT + MEMBER_GAP_Y)
            - MEMBER_GAP_Y
            + NodeMetrics.BOX_PAD;
    double bottomLane = h - NodeMetrics.BOX_PAD / 2;
    boolean twoColumns = !right.isEmpty();
    Map<String, Rect> rects = new LinkedHashMap<>();
    rects.put(box.id(), new Rect(0, 0, w, h));
    rects.putAll(members);
    Map<String, List<Point>> routes = new LinkedHashMap<>();
    for (PictureEdge e : allEdges) {
      Rect from = members.get(e.from());
      Rect to = members.get(e.to());
      if (from != null && to != null) {
        if (from != to) {
          routes.put(EdgeKey.of(e), IncrementalLayout.elbow(from, to));
        }
      } else if (from != null && !routes.containsKey(ElkPictureLayout.exitKey(e.from()))) {
        List<Point> r = new ArrayList<>();
        r.add(new Point(from.right(), from.centerY()));
        if (twoColumns && inLeft.get(e.from())) {
          double lane = x0 + leftW + MEMBER_LANE * 0.3;
          r.add(new Point(lane, from.centerY()));
          r.add(new Point(lane, bottomLane));
          r.add(new Point(w, bottomLane));
        } else {
          r.add(new Point(w, from.centerY()));
        }
        routes.put(ElkPictureLayout.exitKey(e.from()), r);
      } else if (to != null && !routes.containsKey(ElkPictureLayout.entryKey(e.to()))) {
        List<Point> r = new ArrayList<>();
        if (twoColumns && !inLeft.get(e.to())) {
          double lane = x0 + leftW + MEMBER_LANE * 0.7;
          r.add(new Point(0, bottomLane));
          r.add(new Point(lane, bottomLane));
          r.add(new Point(lane, to.centerY()));
        } else {
          r.add(new Point(0, to.centerY()));
        }
        r.add(new Point(to.x(), to.centerY()));
        routes.put(ElkPictureLayout.entryKey(e.to()), r);
      }
    }
    return new Geometry(rects, routes);
  }

  private static Rect cell(PictureNode m, Map<String, NodeTag> tags, double x, int row) {
    double[] size = NodeMetrics.size(m, tag(tags, m));
    return new Rect(
        x,
        NodeMetrics.BOX_TITLE_HEIGHT + row * (NodeMetrics.NODE_HEIGHT + MEMBER_GAP_Y),
        size[0],
        size[1]);
  }

  private static double widest(List<PictureNode> nodes, Map<String, NodeTag> tags) {
    double w = 0;
    for (PictureNode n : nodes) {
      w = Math.max(w, NodeMetrics.size(n, tag(tags, n))[0]);
    }
    return w;
  }

  private static NodeTag tag(Map<String, NodeTag> tags, PictureNode n) {
    NodeTag t = tags.get(n.id());
    return t != null ? t : NodeTag.of(n.style(), Optional.empty());
  }

  private static boolean isExitOrEntry(String key) {
    return key.startsWith("exit ") || key.startsWith("entry ");
  }

  private static List<Point> moved(List<Point> pts, double dx, double dy) {
    List<Point> out = new ArrayList<>(pts.size());
    for (Point p : pts) {
      out.add(new Point(p.x() + dx, p.y() + dy));
    }
    return out;
  }

  static List<Point> withoutRepeats(List<Point> route) {
    List<Point> out = new ArrayList<>(route.size());
    for (Point p : route) {
      if (out.isEmpty() || !out.get(out.size() - 1).equals(p)) {
        out.add(p);
      }
    }
    return out;
  }
}
