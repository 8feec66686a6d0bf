package dev.sidescope.views.picture;

import dev.sidescope.topology.export.PictureBox;
import dev.sidescope.topology.export.PictureEdge;
import dev.sidescope.topology.export.PictureNode;
import dev.sidescope.topology.export.TopologyPicture;
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
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a whole picture out with ELK layered: boxes are compound nodes holding their members, left
 * to right, with arrows routed orthogonally around everything. So that a large system fits a screen
 * rather than a tall strip, boxes are dealt into several columns (ELK partitions) chosen for a
 * landscape aspect ratio, with the outside nodes in a last column.
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

  /** Lays out the picture; the same picture and tags always give the same geometry. */
  public Geometry layout(TopologyPicture picture, Map<String, NodeTag> tags) {
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
    root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
    root.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
    root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
    root.setProperty(CoreOptions.SPACING_NODE_NODE, 26.0);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 60.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 16.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 10.0);
    root.setProperty(CoreOptions.SPACING_EDGE_NODE, 14.0);
    root.setProperty(CoreOptions.SPACING_EDGE_EDGE, 10.0);
    root.setProperty(CoreOptions.PADDING, new ElkPadding(20));
    root.setProperty(LayeredOptions.PARTITIONING_ACTIVATE, true);
    root.setProperty(LayeredOptions.SEPARATE_CONNECTED_COMPONENTS, false);

    Map<String, ElkNode> elk = new LinkedHashMap<>();
    int[] columns = columnsOf(picture, tags);
    int columnCount = 0;
    for (int i = 0; i < picture.boxes().size(); i++) {
      PictureBox box = picture.boxes().get(i);
      ElkNode boxNode = ElkGraphUtil.createNode(root);
      boxNode.setIdentifier(box.id());
      boxNode.setProperty(
          CoreOptions.PADDING,
          new ElkPadding(
              NodeMetrics.BOX_TITLE_HEIGHT,
              NodeMetrics.BOX_PAD,
              NodeMetrics.BOX_PAD,
              NodeMetrics.BOX_PAD));
      boxNode.setProperty(CoreOptions.SPACING_NODE_NODE, 16.0);
      boxNode.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 44.0);
      boxNode.setProperty(
          CoreOptions.NODE_SIZE_MINIMUM,
          new org.eclipse.elk.core.math.KVector(NodeMetrics.boxMinWidth(box), 0));
      boxNode.setProperty(
          CoreOptions.NODE_SIZE_CONSTRAINTS,
          java.util.EnumSet.of(org.eclipse.elk.core.options.SizeConstraint.MINIMUM_SIZE));
      boxNode.setProperty(LayeredOptions.PARTITIONING_PARTITION, columns[i]);
      columnCount = Math.max(columnCount, columns[i] + 1);
      elk.put(box.id(), boxNode);
      for (PictureNode member : box.members()) {
        elk.put(member.id(), sized(ElkGraphUtil.createNode(boxNode), member, tags));
      }
    }
    for (PictureNode node : picture.outside()) {
      ElkNode n = sized(ElkGraphUtil.createNode(root), node, tags);
      n.setProperty(LayeredOptions.PARTITIONING_PARTITION, columnCount);
      elk.put(node.id(), n);
    }
    Map<String, ElkEdge> edges = new LinkedHashMap<>();
    for (PictureEdge edge : picture.edges()) {
      ElkNode from = elk.get(edge.from());
      ElkNode to = elk.get(edge.to());
      if (from == null || to == null || from == to) {
        continue;
      }
      ElkEdge e = ElkGraphUtil.createSimpleEdge(from, to);
      ElkGraphUtil.updateContainment(e);
      edges.put(EdgeKey.of(edge), e);
    }

    new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

    Map<String, Rect> rects = new LinkedHashMap<>();
    Map<ElkNode, double[]> origins = new HashMap<>();
    elk.forEach(
        (id, n) -> {
          double[] o = origin(n.getParent(), origins);
          rects.put(id, new Rect(o[0] + n.getX(), o[1] + n.getY(), n.getWidth(), n.getHeight()));
        });
    Map<String, List<Point>> routes = new LinkedHashMap<>();
    edges.forEach(
        (key, e) -> {
          if (e.getSections().isEmpty()) {
            return;
          }
          double[] o = origin(e.getContainingNode(), origins);
          ElkEdgeSection s = e.getSections().get(0);
          List<Point> points = new ArrayList<>();
          points.add(new Point(o[0] + s.getStartX(), o[1] + s.getStartY()));
          for (ElkBendPoint b : s.getBendPoints()) {
            points.add(new Point(o[0] + b.getX(), o[1] + b.getY()));
          }
          points.add(new Point(o[0] + s.getEndX(), o[1] + s.getEndY()));
          routes.put(key, points);
        });
    return new Geometry(rects, routes);
  }

  /** The absolute position of a node's coordinate system: the sum of its ancestors' positions. */
  private static double[] origin(ElkNode node, Map<ElkNode, double[]> cache) {
    if (node == null) {
      return new double[] {0, 0};
    }
    double[] known = cache.get(node);
    if (known != null) {
      return known;
    }
    double[] parent = origin(node.getParent(), cache);
    double[] mine = new double[] {parent[0] + node.getX(), parent[1] + node.getY()};
    cache.put(node, mine);
    return mine;
  }

  private static ElkNode sized(ElkNode n, PictureNode node, Map<String, NodeTag> tags) {
    n.setIdentifier(node.id());
    NodeTag tag = tags.getOrDefault(node.id(), NodeTag.of(node.style(), java.util.Optional.empty()));
    double[] size = NodeMetrics.size(node, tag);
    n.setWidth(size[0]);
    n.setHeight(size[1]);
    return n;
  }

  /**
   * Deals boxes into columns, in picture order, so that the drawing comes out about {@link
   * #TARGET_ASPECT} times wider than high: with {@code C} columns of boxes of width {@code W} and
   * total height {@code H}, width over height is about {@code C·W / (H/C)}.
   */
  static int[] columnsOf(TopologyPicture picture, Map<String, NodeTag> tags) {
    int n = picture.boxes().size();
    int[] columns = new int[n];
    if (n == 0) {
      return columns;
    }
    double[] heights = new double[n];
    double widest = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
      PictureBox box = picture.boxes().get(i);
      double[] est = estimateBox(box, tags);
      heights[i] = est[1] + 26;
      total += heights[i];
      widest = Math.max(widest, est[0]);
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

  /** A box's rough size: apps in one column, sidecars in the next. */
  private static double[] estimateBox(PictureBox box, Map<String, NodeTag> tags) {
    double appsH = 0;
    double sideH = 0;
    double appsW = 0;
    double sideW = 0;
    for (PictureNode m : box.members()) {
      double[] s = NodeMetrics.size(m, tags.getOrDefault(m.id(), NodeTag.of(m.style(), java.util.Optional.empty())));
      if (m.style() == dev.sidescope.topology.export.NodeStyle.SIDECAR) {
        sideH += s[1] + 16;
        sideW = Math.max(sideW, s[0]);
      } else {
        appsH += s[1] + 16;
        appsW = Math.max(appsW, s[0]);
      }
    }
    double w = appsW + sideW + 44 + 2 * NodeMetrics.BOX_PAD;
    double h = Math.max(appsH, sideH) + NodeMetrics.BOX_TITLE_HEIGHT + NodeMetrics.BOX_PAD;
    return new double[] {Math.max(w, NodeMetrics.boxMinWidth(box)), h};
  }
}
