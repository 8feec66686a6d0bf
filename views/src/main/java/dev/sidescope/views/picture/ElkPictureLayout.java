package dev.sidescope.views.picture;

import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.PictureNode;
import dev.sidescope.topology.picture.TopologyPicture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.PortSide;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkConnectableShape;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a whole picture out with ELK layered, in three steps: each box alone (apps, then sidecars,
 * left to right, with its inner arrows); the boxes of each outer box (namespace, ECS cluster) as
 * fixed-size nodes with a port at the height of each member that has an arrow leaving the box, and
 * a port on the outer box's side for each arrow leaving it; then the outer boxes the same way,
 * beside the outside nodes, with every arrow routed orthogonally around them. So that a large
 * system fits a screen rather than a tall strip, boxes and outer boxes are dealt into several
 * columns (ELK partitions) chosen for a landscape aspect ratio, the outside nodes in a last column.
 * (Laid out as one compound graph, ELK ignores the partitions of the boxes.)
 *
 * <p>Pure computation, no toolkit: call it on a worker thread, never on the FX thread. Thread-safe.
 */
public final class ElkPictureLayout {
  private static final double TARGET_ASPECT = 1.7;
  private static final double COLUMN_GAP = 90;

  static {
    LayoutMetaDataService.getInstance()
        .registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
  }

  /**
   * Lays out the picture: the same picture the same way every time, since each ELK step keeps the
   * model's order where the picture leaves a choice (without it, ELK broke ties by walking sets of
   * its own objects). A live picture still keeps its previous geometry, so that what did not change
   * stays put. A large picture is laid out by {@link GridPictureLayout} instead, which takes
   * milliseconds.
   *
   * @param outer the outer boxes (namespaces, ECS clusters); every box of the picture is in one
   */
  public Geometry layout(TopologyPicture picture, Map<String, NodeTag> tags, List<OuterBox> outer) {
    if (GridPictureLayout.suits(picture)) {
      return new GridPictureLayout().layout(picture, tags, outer);
    }
    // Phase one: each box on its own, members left to right (apps, then sidecars).
    Map<String, Geometry> inside = new LinkedHashMap<>();
    Map<String, String> boxOf = new HashMap<>();
    BoxShapes shapes = new BoxShapes();
    for (PictureBox box : picture.boxes()) {
      inside.put(box.id(), shapes.layout(box, picture.edges(), tags));
      box.members().forEach(m -> boxOf.put(m.id(), box.id()));
    }
    // Phase two: the boxes of each outer box, with a port on its side for every member whose
    // arrows leave it.
    Map<String, Geometry> laidOut = new HashMap<>();
    Map<String, String> unitOf = new HashMap<>();
    for (OuterBox o : outer) {
      laidOut.put(o.id(), layoutOuter(o, inside, picture.edges(), boxOf));
      for (String box : o.boxes()) {
        inside.get(box).nodes().keySet().forEach(id -> unitOf.put(id, o.id()));
      }
    }
    // Shortest first, so that the tallest outer box ends its column and has room to grow when
    // pods are added.
    Map<String, Geometry> units = new LinkedHashMap<>();
    outer.stream()
        .map(OuterBox::id)
        .sorted(java.util.Comparator.comparingDouble(id -> laidOut.get(id).nodes().get(id).h()))
        .forEach(id -> units.put(id, laidOut.get(id)));
    return arrange(picture, tags, units, unitOf);
  }

  /**
   * Phase three: the outer boxes as fixed-size nodes with a port at the height of each member that
   * has an arrow leaving them, outside nodes beside them, dealt into columns.
   */
  private Geometry arrange(
      TopologyPicture picture,
      Map<String, NodeTag> tags,
      Map<String, Geometry> inside,
      Map<String, String> boxOf) {
    ElkNode root = ElkGraphUtil.createGraph();
    configureRoot(root);
    root.setProperty(LayeredOptions.PARTITIONING_ACTIVATE, true);
    root.setProperty(LayeredOptions.SEPARATE_CONNECTED_COMPONENTS, false);
    root.setProperty(
        LayeredOptions.NODE_PLACEMENT_STRATEGY,
        org.eclipse.elk.alg.layered.options.NodePlacementStrategy.SIMPLE);
    root.setProperty(
        LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY,
        org.eclipse.elk.alg.layered.options.OrderingStrategy.NODES_AND_EDGES);
    Map<String, ElkNode> elk = new LinkedHashMap<>();
    List<String> unitIds = new ArrayList<>(inside.keySet());
    int[] columns = columnsOf(unitIds.stream().map(id -> inside.get(id).nodes().get(id)).toList());
    int columnCount = 0;
    for (int i = 0; i < unitIds.size(); i++) {
      String id = unitIds.get(i);
      Rect size = inside.get(id).nodes().get(id);
      ElkNode n = ElkGraphUtil.createNode(root);
      n.setIdentifier(id);
      n.setDimensions(size.w(), size.h());
      n.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_POS);
      n.setProperty(LayeredOptions.PARTITIONING_PARTITION, columns[i]);
      columnCount = Math.max(columnCount, columns[i] + 1);
      elk.put(id, n);
    }
    for (PictureNode node : picture.outside()) {
      ElkNode n = sized(ElkGraphUtil.createNode(root), node, tags);
      n.setProperty(LayeredOptions.PARTITIONING_PARTITION, columnCount);
      elk.put(node.id(), n);
    }
    Map<String, ElkEdge> edges = new LinkedHashMap<>();
    Map<String, PictureEdge> crossing = new LinkedHashMap<>();
    Map<String, ElkPort> ports = new HashMap<>();
    for (PictureEdge edge : picture.edges()) {
      String fromBox = boxOf.get(edge.from());
      String toBox = boxOf.get(edge.to());
      if (fromBox != null && fromBox.equals(toBox)) {
        continue; // routed inside its unit in an earlier phase
      }
      ElkConnectableShape from =
          fromBox == null
              ? elk.get(edge.from())
              : port(ports, elk.get(fromBox), inside.get(fromBox), edge.from(), PortSide.EAST);
      ElkConnectableShape to =
          toBox == null
              ? elk.get(edge.to())
              : port(ports, elk.get(toBox), inside.get(toBox), edge.to(), PortSide.WEST);
      if (from == null || to == null) {
        continue;
      }
      edges.put(EdgeKey.of(edge), ElkGraphUtil.createSimpleEdge(from, to));
      crossing.put(EdgeKey.of(edge), edge);
    }

    new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

    Map<String, Rect> rects = new LinkedHashMap<>();
    Map<String, List<Point>> routes = new LinkedHashMap<>();
    for (String id : unitIds) {
      ElkNode n = elk.get(id);
      Geometry g = inside.get(id);
      double dx = n.getX();
      double dy = n.getY();
      g.nodes().forEach((key, r) -> rects.put(key, r.moved(dx, dy)));
      g.routes()
          .forEach(
              (key, pts) -> {
                if (!key.startsWith(EXIT) && !key.startsWith(ENTRY)) {
                  routes.put(
                      key, pts.stream().map(p -> new Point(p.x() + dx, p.y() + dy)).toList());
                }
              });
    }
    for (PictureNode node : picture.outside()) {
      ElkNode n = elk.get(node.id());
      rects.put(node.id(), new Rect(n.getX(), n.getY(), n.getWidth(), n.getHeight()));
    }
    edges.forEach(
        (key, e) -> {
          if (e.getSections().isEmpty()) {
            return;
          }
          ElkEdgeSection s = e.getSections().get(0);
          List<Point> points = new ArrayList<>();
          PictureEdge pe = crossing.get(key);
          String fromBox = boxOf.get(pe.from());
          if (fromBox != null) {
            points.addAll(shifted(inside.get(fromBox), exitKey(pe.from()), elk.get(fromBox), true));
          }
          points.add(new Point(s.getStartX(), s.getStartY()));
          for (ElkBendPoint b : s.getBendPoints()) {
            points.add(new Point(b.getX(), b.getY()));
          }
          points.add(new Point(s.getEndX(), s.getEndY()));
          String toBox = boxOf.get(pe.to());
          if (toBox != null) {
            points.addAll(shifted(inside.get(toBox), entryKey(pe.to()), elk.get(toBox), false));
          }
          routes.put(key, points);
        });
    return new Geometry(rects, routes);
  }

  /**
   * One outer box alone: its rectangle at the origin, its boxes (dealt into columns) with their
   * members and inner arrows, the arrows between its boxes, and for each member with an arrow
   * leaving (entering) the outer box a route from the member to a port on its right (left) side,
   * keyed like {@link #layoutBox}'s.
   */
  Geometry layoutOuter(
      OuterBox outer,
      Map<String, Geometry> inside,
      List<PictureEdge> allEdges,
      Map<String, String> boxOf) {
    ElkNode top = ElkGraphUtil.createGraph();
    configureRoot(top);
    ElkNode root = ElkGraphUtil.createNode(top);
    configureRoot(root);
    root.setProperty(
        CoreOptions.PADDING,
        new ElkPadding(
            NodeMetrics.OUTER_TITLE_HEIGHT,
            NodeMetrics.OUTER_PAD,
            NodeMetrics.OUTER_PAD,
            NodeMetrics.OUTER_PAD));
    root.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_SIDE);
    root.setProperty(LayeredOptions.SEPARATE_CONNECTED_COMPONENTS, false);
    root.setProperty(
        LayeredOptions.NODE_PLACEMENT_STRATEGY,
        org.eclipse.elk.alg.layered.options.NodePlacementStrategy.SIMPLE);
    root.setProperty(
        LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY,
        org.eclipse.elk.alg.layered.options.OrderingStrategy.NODES_AND_EDGES);
    int[] columns =
        columnsOf(outer.boxes().stream().map(id -> inside.get(id).nodes().get(id)).toList());
    int last = java.util.Arrays.stream(columns).max().orElse(0);
    // Arrows leaving (entering) the outer box run to (from) a dot of their own in a column after
    // (before) every box, and from there straight to its side: ELK's external ports and its
    // partitions do not go together.
    root.setProperty(LayeredOptions.PARTITIONING_ACTIVATE, true);
    Map<String, ElkNode> elk = new LinkedHashMap<>();
    java.util.Set<String> mine = new java.util.HashSet<>(outer.boxes());
    for (int i = 0; i < outer.boxes().size(); i++) {
      String id = outer.boxes().get(i);
      Rect size = inside.get(id).nodes().get(id);
      ElkNode n = ElkGraphUtil.createNode(root);
      n.setIdentifier(id);
      n.setDimensions(size.w(), size.h());
      n.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_POS);
      n.setProperty(LayeredOptions.PARTITIONING_PARTITION, columns[i] + 1);
      elk.put(id, n);
    }
    Map<String, ElkEdge> edges = new LinkedHashMap<>();
    Map<String, PictureEdge> between = new LinkedHashMap<>();
    Map<String, ElkPort> ports = new HashMap<>();
    for (PictureEdge edge : allEdges) {
      String fromBox = boxOf.get(edge.from());
      String toBox = boxOf.get(edge.to());
      boolean fromHere = fromBox != null && mine.contains(fromBox);
      boolean toHere = toBox != null && mine.contains(toBox);
      if (fromHere && toHere) {
        if (!fromBox.equals(toBox)) {
          edges.put(
              EdgeKey.of(edge),
              ElkGraphUtil.createSimpleEdge(
                  port(ports, elk.get(fromBox), inside.get(fromBox), edge.from(), PortSide.EAST),
                  port(ports, elk.get(toBox), inside.get(toBox), edge.to(), PortSide.WEST)));
          between.put(EdgeKey.of(edge), edge);
        }
      } else if (fromHere && !edges.containsKey(exitKey(edge.from()))) {
        edges.put(
            exitKey(edge.from()),
            ElkGraphUtil.createSimpleEdge(
                port(ports, elk.get(fromBox), inside.get(fromBox), edge.from(), PortSide.EAST),
                dot(root, last + 2)));
      } else if (toHere && !edges.containsKey(entryKey(edge.to()))) {
        edges.put(
            entryKey(edge.to()),
            ElkGraphUtil.createSimpleEdge(
                dot(root, 0),
                port(ports, elk.get(toBox), inside.get(toBox), edge.to(), PortSide.WEST)));
      }
    }
    edges.values().forEach(ElkGraphUtil::updateContainment);
    new RecursiveGraphLayoutEngine().layout(top, new BasicProgressMonitor());

    double w =
        Math.max(
            root.getWidth(),
            NodeMetrics.textWidth(outer.title(), NodeMetrics.TITLE_FONT, true)
                + 2 * NodeMetrics.OUTER_PAD);
    double h = root.getHeight();
    Map<String, Rect> rects = new LinkedHashMap<>();
    rects.put(outer.id(), new Rect(0, 0, w, h));
    Map<String, List<Point>> routes = new LinkedHashMap<>();
    for (String id : outer.boxes()) {
      ElkNode n = elk.get(id);
      Geometry g = inside.get(id);
      g.nodes().forEach((key, r) -> rects.put(key, r.moved(n.getX(), n.getY())));
      g.routes()
          .forEach(
              (key, pts) -> {
                if (!key.startsWith(EXIT) && !key.startsWith(ENTRY)) {
                  routes.put(
                      key,
                      pts.stream()
                          .map(p -> new Point(p.x() + n.getX(), p.y() + n.getY()))
                          .toList());
                }
              });
    }
    edges.forEach(
        (key, e) -> {
          List<Point> section = points(e);
          if (section.isEmpty()) {
            return;
          }
          List<Point> route = new ArrayList<>();
          String fromMember =
              key.startsWith(EXIT)
                  ? key.substring(EXIT.length())
                  : between.containsKey(key) ? between.get(key).from() : null;
          String toMember =
              key.startsWith(ENTRY)
                  ? key.substring(ENTRY.length())
                  : between.containsKey(key) ? between.get(key).to() : null;
          if (fromMember != null) {
            String box = boxOf.get(fromMember);
            route.addAll(shifted(inside.get(box), exitKey(fromMember), elk.get(box), true));
          }
          if (key.startsWith(ENTRY)) {
            route.add(new Point(0, section.get(0).y()));
          }
          route.addAll(section);
          if (key.startsWith(EXIT)) {
            route.add(new Point(w, section.get(section.size() - 1).y()));
          }
          if (toMember != null) {
            String box = boxOf.get(toMember);
            route.addAll(shifted(inside.get(box), entryKey(toMember), elk.get(box), false));
          }
          routes.put(key, route);
        });
    return new Geometry(rects, routes);
  }

  /** A phase-one route moved to where its box went, without the point at the port. */
  private static List<Point> shifted(Geometry inside, String key, ElkNode boxNode, boolean exit) {
    List<Point> route = inside.routes().getOrDefault(key, List.of());
    if (route.isEmpty()) {
      return route;
    }
    List<Point> part = exit ? route.subList(0, route.size() - 1) : route.subList(1, route.size());
    return part.stream()
        .map(p -> new Point(p.x() + boxNode.getX(), p.y() + boxNode.getY()))
        .toList();
  }

  /**
   * One box alone: its rectangle at the origin, its members, its inner arrows, and for each member
   * with an arrow leaving (entering) the box a route from the member to a port on the box's right
   * (left) side, keyed by {@link #exitKey} ({@link #entryKey}), so that the arrow gets out of the
   * box without crossing its other members.
   */
  Geometry layoutBox(PictureBox box, List<PictureEdge> allEdges, Map<String, NodeTag> tags) {
    // The box is a node of its own graph, so that its ports are external ports ELK places.
    ElkNode top = ElkGraphUtil.createGraph();
    configureRoot(top);
    ElkNode root = ElkGraphUtil.createNode(top);
    configureRoot(root);
    root.setProperty(
        CoreOptions.PADDING,
        new ElkPadding(
            NodeMetrics.BOX_TITLE_HEIGHT,
            NodeMetrics.BOX_PAD,
            NodeMetrics.BOX_PAD,
            NodeMetrics.BOX_PAD));
    root.setProperty(CoreOptions.SPACING_NODE_NODE, 16.0);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 44.0);
    root.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_SIDE);
    Map<String, ElkNode> elk = new LinkedHashMap<>();
    for (PictureNode member : box.members()) {
      elk.put(member.id(), sized(ElkGraphUtil.createNode(root), member, tags));
    }
    Map<String, ElkEdge> edges = new LinkedHashMap<>();
    Map<String, ElkPort> external = new LinkedHashMap<>();
    for (PictureEdge edge : allEdges) {
      ElkNode from = elk.get(edge.from());
      ElkNode to = elk.get(edge.to());
      if (from != null && to != null && from != to) {
        edges.put(EdgeKey.of(edge), ElkGraphUtil.createSimpleEdge(from, to));
      } else if (from != null && to == null && !external.containsKey(exitKey(edge.from()))) {
        ElkPort port = externalPort(root, PortSide.EAST);
        external.put(exitKey(edge.from()), port);
        edges.put(exitKey(edge.from()), ElkGraphUtil.createSimpleEdge(from, port));
      } else if (to != null && from == null && !external.containsKey(entryKey(edge.to()))) {
        ElkPort port = externalPort(root, PortSide.WEST);
        external.put(entryKey(edge.to()), port);
        edges.put(entryKey(edge.to()), ElkGraphUtil.createSimpleEdge(port, to));
      }
    }
    edges.values().forEach(ElkGraphUtil::updateContainment);
    new RecursiveGraphLayoutEngine().layout(top, new BasicProgressMonitor());
    Map<String, Rect> rects = new LinkedHashMap<>();
    double w = Math.max(root.getWidth(), NodeMetrics.boxMinWidth(box));
    double h = Math.max(root.getHeight(), NodeMetrics.BOX_TITLE_HEIGHT + NodeMetrics.BOX_PAD);
    rects.put(box.id(), new Rect(0, 0, w, h));
    elk.forEach(
        (id, n) -> rects.put(id, new Rect(n.getX(), n.getY(), n.getWidth(), n.getHeight())));
    Map<String, List<Point>> routes = new LinkedHashMap<>();
    edges.forEach(
        (key, e) -> {
          List<Point> pts = points(e);
          // A box wider than ELK made it (for its title) moves its right-hand ports out too.
          if (key.startsWith(EXIT) && !pts.isEmpty() && w > root.getWidth()) {
            List<Point> moved = new ArrayList<>(pts);
            Point last = moved.remove(moved.size() - 1);
            moved.add(new Point(w, last.y()));
            pts = moved;
          }
          routes.put(key, pts);
        });
    return new Geometry(rects, routes);
  }

  private static final String EXIT = "exit ";
  private static final String ENTRY = "entry ";

  /** The key of the route from a member to its box's right side. */
  static String exitKey(String memberId) {
    return EXIT + memberId;
  }

  /** The key of the route from its box's left side to a member. */
  static String entryKey(String memberId) {
    return ENTRY + memberId;
  }

  /** A point-sized node in a column of its own, where an arrow leaves or enters its outer box. */
  private static ElkNode dot(ElkNode parent, int partition) {
    ElkNode n = ElkGraphUtil.createNode(parent);
    n.setDimensions(1, 1);
    n.setProperty(LayeredOptions.PARTITIONING_PARTITION, partition);
    return n;
  }

  private static ElkPort externalPort(ElkNode root, PortSide side) {
    ElkPort port = ElkGraphUtil.createPort(root);
    port.setDimensions(1, 1);
    port.setProperty(CoreOptions.PORT_SIDE, side);
    return port;
  }

  private static void configureRoot(ElkNode root) {
    root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
    root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
    root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
    root.setProperty(CoreOptions.SPACING_NODE_NODE, 26.0);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 60.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 16.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 10.0);
    root.setProperty(CoreOptions.SPACING_EDGE_NODE, 14.0);
    root.setProperty(CoreOptions.SPACING_EDGE_EDGE, 10.0);
    root.setProperty(CoreOptions.PADDING, new ElkPadding(20));
  }

  private static List<Point> points(ElkEdge e) {
    List<Point> points = new ArrayList<>();
    if (e.getSections().isEmpty()) {
      return points;
    }
    ElkEdgeSection s = e.getSections().get(0);
    points.add(new Point(s.getStartX(), s.getStartY()));
    for (ElkBendPoint b : s.getBendPoints()) {
      points.add(new Point(b.getX(), b.getY()));
    }
    points.add(new Point(s.getEndX(), s.getEndY()));
    return points;
  }

  /**
   * The box's port where a member's arrows leave (east) or enter (west), as phase one placed it.
   */
  private static ElkPort port(
      Map<String, ElkPort> ports,
      ElkNode boxNode,
      Geometry inside,
      String memberId,
      PortSide side) {
    return ports.computeIfAbsent(
        memberId + "@" + side,
        k -> {
          Rect box = inside.nodes().values().iterator().next();
          List<Point> route =
              inside.routes().get(side == PortSide.EAST ? exitKey(memberId) : entryKey(memberId));
          Point at;
          if (route != null && !route.isEmpty()) {
            at = side == PortSide.EAST ? route.get(route.size() - 1) : route.get(0);
          } else {
            at =
                new Point(
                    side == PortSide.EAST ? box.w() : 0, inside.nodes().get(memberId).centerY());
          }
          ElkPort p = ElkGraphUtil.createPort(boxNode);
          p.setDimensions(1, 1);
          p.setLocation(side == PortSide.EAST ? box.w() : -1, at.y() - 0.5);
          p.setProperty(CoreOptions.PORT_SIDE, side);
          return p;
        });
  }

  private static ElkNode sized(ElkNode n, PictureNode node, Map<String, NodeTag> tags) {
    n.setIdentifier(node.id());
    NodeTag tag =
        tags.getOrDefault(node.id(), NodeTag.of(node.style(), java.util.Optional.empty()));
    double[] size = NodeMetrics.size(node, tag);
    n.setWidth(size[0]);
    n.setHeight(size[1]);
    return n;
  }

  /**
   * Deals boxes (of these sizes, in order) into columns, so that the drawing comes out about {@link
   * #TARGET_ASPECT} times wider than high: with {@code C} columns of boxes of width {@code W} and
   * total height {@code H}, width over height is about {@code C·W / (H/C)}.
   */
  static int[] columnsOf(List<Rect> sizes) {
    int n = sizes.size();
    int[] columns = new int[n];
    if (n == 0) {
      return columns;
    }
    double[] heights = new double[n];
    double widest = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
      Rect r = sizes.get(i);
      heights[i] = r.h() + 26;
      total += heights[i];
      widest = Math.max(widest, r.w());
    }
    int c = (int) Math.round(Math.sqrt(TARGET_ASPECT * total / (widest + COLUMN_GAP)));
    c = Math.max(1, Math.min(n, c));
    double perColumn = total / c;
    int column = 0;
    double filled = 0;
    for (int i = 0; i < n; i++) {
      if (filled > 0 && filled + heights[i] / 2 > perColumn && column < c - 1) {
        column++;
        filled = 0;
      }
      columns[i] = column;
      filled += heights[i];
    }
    return columns;
  }

  /**
   * Lays each shape of box out once: replicas of one Deployment look alike (same members, sizes and
   * arrows), so the second and later ones reuse the first one's geometry under their own ids. Lives
   * for one {@link #layout} call.
   */
  private final class BoxShapes {
    private final Map<String, Geometry> templates = new HashMap<>();
    private final Map<String, List<String>> templateKeys = new HashMap<>();
    private final Map<String, List<String>> templateIds = new HashMap<>();

    Geometry layout(PictureBox box, List<PictureEdge> allEdges, Map<String, NodeTag> tags) {
      List<String> ids = new ArrayList<>();
      ids.add(box.id());
      box.members().forEach(m -> ids.add(m.id()));
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < box.members().size(); i++) {
        index.put(box.members().get(i).id(), i);
      }
      StringBuilder signature = new StringBuilder();
      signature.append(Math.round(NodeMetrics.boxMinWidth(box))).append('|');
      for (PictureNode m : box.members()) {
        double[] size =
            NodeMetrics.size(
                m, tags.getOrDefault(m.id(), NodeTag.of(m.style(), java.util.Optional.empty())));
        signature.append(m.style()).append(size[0]).append('x').append(size[1]).append(';');
      }
      // Route keys in a canonical order, so two boxes of one shape list them alike.
      java.util.TreeMap<String, String> keys = new java.util.TreeMap<>();
      for (PictureEdge e : allEdges) {
        Integer from = index.get(e.from());
        Integer to = index.get(e.to());
        if (from != null && to != null) {
          keys.put("e" + from + ">" + to + e.kind(), EdgeKey.of(e));
        } else if (from != null) {
          keys.put("x" + from, exitKey(e.from()));
        } else if (to != null) {
          keys.put("n" + to, entryKey(e.to()));
        }
      }
      signature.append(keys.keySet());
      String sig = signature.toString();
      Geometry template = templates.get(sig);
      if (template == null) {
        Geometry g = layoutBox(box, allEdges, tags);
        templates.put(sig, g);
        templateKeys.put(sig, new ArrayList<>(keys.values()));
        templateIds.put(sig, ids);
        return g;
      }
      List<String> oldIds = templateIds.get(sig);
      Map<String, Rect> rects = new LinkedHashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        rects.put(ids.get(i), template.nodes().get(oldIds.get(i)));
      }
      Map<String, List<Point>> routes = new LinkedHashMap<>();
      List<String> oldKeys = templateKeys.get(sig);
      List<String> newKeys = new ArrayList<>(keys.values());
      for (int i = 0; i < newKeys.size(); i++) {
        List<Point> route = template.routes().get(oldKeys.get(i));
        if (route != null) {
          routes.put(newKeys.get(i), route);
        }
      }
      return new Geometry(rects, routes);
    }
  }
}
