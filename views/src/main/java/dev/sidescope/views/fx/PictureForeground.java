package dev.sidescope.views.fx;

import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.PictureNode;
import dev.sidescope.topology.picture.TrafficLevel;
import dev.sidescope.views.picture.BoxSubtitle;
import dev.sidescope.views.picture.EdgeLabels;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.NodeLook;
import dev.sidescope.views.picture.NodeMetrics;
import dev.sidescope.views.picture.NodeTag;
import dev.sidescope.views.picture.OuterBox;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Point;
import dev.sidescope.views.picture.Rect;
import dev.sidescope.views.picture.SelectionHighlight;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.graphstream.ui.geom.Point3;
import org.graphstream.ui.graphicGraph.GraphicGraph;
import org.graphstream.ui.view.LayerRenderer;
import org.graphstream.ui.view.camera.Camera;

/**
 * Draws, over the node shapes GraphStream paints, what gs-ui-javafx 2.0 cannot draw well: arrows
 * along ELK's orthogonal routes with dashes per kind and arrowheads at both ends of local edges,
 * two-line node labels with a kind tag, box titles, finding badges, the selection ring and find
 * highlights. Its text scales with the zoom, as the shapes do, and disappears when too small to
 * read. For a large picture it draws the shapes too, only what is in view, and far out an {@link
 * Overview} image instead.
 *
 * <p>GraphStream calls {@link #render} on the FX thread after each frame; the console sets its
 * state on the FX thread too.
 */
final class PictureForeground implements LayerRenderer<GraphicsContext> {
  private final Camera camera;
  private LaidOutPicture shown;
  private PicturePalette palette;
  private Set<String> dimmed = Set.of();
  private Set<String> hidden = Set.of();
  private Set<String> matched = Set.of();
  private Optional<String> selected = Optional.empty();

  /** What the selection lights: its arrows and their other ends; the rest of the arrows fade. */
  private SelectionHighlight highlight = SelectionHighlight.NONE;

  /** The routes of the arrows the selection lights, drawn last, over the others. */
  private List<Route> litRoutes = List.of();

  private Rect view = new Rect(-1e9, -1e9, 2e9, 2e9);
  private List<NodeLook> shapes = List.of();
  private Rect bounds = new Rect(0, 0, 1, 1);
  private List<Route> routes = List.of();
  private List<PictureParts.Placed<PictureBox>> boxes = List.of();
  private List<PictureParts.Placed<PictureNode>> nodes = List.of();
  private BoxSubtitle subtitles;

  /** An arrow with its route and the rectangle around the route, worked out once per picture. */
  record Route(PictureEdge edge, List<Point> points, Rect box) {}

  /** Colours parsed once: a frame names the same few hundreds of times. */
  private final java.util.Map<String, Color> colours = new java.util.HashMap<>();

  private Overview.Image overview;
  private DetailTiles tiles;
  private DetailTiles.Content tileContent;
  private Fonts fonts = new Fonts(1);

  /**
   * Set while drawing a whole picture for export ({@link #drawWhole}): everything at full detail,
   * nothing left out as out of view or too many to label.
   */
  private boolean whole;

  /**
   * Pixels per layout unit below which a large picture's arrows are drawn plain, without dashes or
   * heads, and its finding badges as dots.
   */
  static final double FAR = 0.45;

  /**
   * Image pixels per layout unit of a large picture's overview, which stands for the picture at
   * this scale and below (a little above, slightly blurred).
   */
  static final double OVERVIEW_SCALE = 0.3;

  PictureForeground(Camera camera, PicturePalette palette) {
    this.camera = camera;
    this.palette = palette;
  }

  /**
   * @param newShapes for a large picture, every box and node to draw as a shape (outer boxes first,
   *     then boxes, then their members and outside nodes); empty when GraphStream draws them
   */
  void show(
      PictureParts parts,
      PicturePalette newPalette,
      Set<String> newDimmed,
      Set<String> newHidden,
      Set<String> newMatched,
      List<NodeLook> newShapes) {
    LaidOutPicture picture = parts.picture;
    if (picture != this.shown && picture.fullLayout() && tiles != null) {
      tiles.forgetStandIns(); // laid out again: the old tiles show nodes where they no longer are
    }
    if (picture != this.shown) {
      bounds = parts.bounds;
      subtitles = parts.subtitles;
      routes = parts.routes;
      boxes = parts.boxes;
      nodes = parts.nodes;
    }
    this.shown = picture;
    this.shapes = newShapes;
    this.palette = newPalette;
    this.dimmed = Set.copyOf(newDimmed);
    this.hidden = Set.copyOf(newHidden);
    this.matched = Set.copyOf(newMatched);
    lightUp();
    this.tileContent =
        newShapes.isEmpty()
            ? null
            : new DetailTiles.Content(
                newShapes,
                routes,
                DetailTiles.Dot.of(shown, dimmed, hidden),
                newPalette,
                dimmed,
                hidden);
  }

  /** Where a large picture's shapes and arrows come from as tiles of pixels, when there are any. */
  void tiles(DetailTiles detail) {
    this.tiles = detail;
  }

  void select(Optional<String> id) {
    this.selected = id;
    lightUp();
  }

  /** Works out what the selection lights in the picture shown. */
  private void lightUp() {
    highlight = SelectionHighlight.of(shown, selected);
    if (!highlight.any()) {
      litRoutes = List.of();
      return;
    }
    List<Route> lit = new java.util.ArrayList<>();
    for (Route r : routes) {
      if (highlight.lit(r.edge())) {
        lit.add(r);
      }
    }
    litRoutes = List.copyOf(lit);
  }

  /** What the selection lights now; for tests. */
  SelectionHighlight highlight() {
    return highlight;
  }

  /** Whether the last frame wanted the overview image and drew the boxes alone instead. */
  private boolean missedOverview;

  /**
   * An overview image has been drawn; it is used while it shows the current shapes. True if the
   * view should be drawn again for it: the last frame went without it.
   */
  boolean overview(Overview.Image image) {
    this.overview = image;
    return missedOverview;
  }

  /** Frames drawn so far: a test waits for one drawn after what it changed. */
  private long framesDrawn;

  long framesDrawn() {
    return framesDrawn;
  }

  private int drawnWidth = -1;
  private int drawnHeight = -1;
  private Runnable afterFrame = () -> {};

  /** Whether the last frame was drawn at this size of the view, in pixels. */
  boolean drawnAt(double widthPx, double heightPx) {
    return drawnWidth == (int) widthPx && drawnHeight == (int) heightPx;
  }

  /** Runs after each frame, on the FX thread, still inside the drawing. */
  void afterFrame(Runnable action) {
    this.afterFrame = action;
  }

  @Override
  public void render(
      GraphicsContext g,
      GraphicGraph graph,
      double px2Gu,
      int widthPx,
      int heightPx,
      double minXGu,
      double minYGu,
      double maxXGu,
      double maxYGu) {
    missedOverview = false;
    framesDrawn++;
    drawnWidth = widthPx;
    drawnHeight = heightPx;
    afterFrame.run();
    labels = 0;
    if (shown == null) {
      return;
    }
    double s = scale();
    if (!(s > 0)) {
      return;
    }
    // What is in view, in layout units (y down), with a margin for labels and badges.
    Point3 a = pxToGu(0, 0);
    Point3 b = pxToGu(widthPx, heightPx);
    double margin = 40 / s;
    view =
        new Rect(
            Math.min(a.x, b.x) - margin,
            Math.min(-a.y, -b.y) - margin,
            Math.abs(b.x - a.x) + 2 * margin,
            Math.abs(b.y - a.y) + 2 * margin);
    if (whole) {
      view = new Rect(-1e9, -1e9, 2e9, 2e9);
    }
    fonts = new Fonts(s);
    g.save();
    g.setLineCap(StrokeLineCap.ROUND);
    g.setLineJoin(StrokeLineJoin.ROUND);
    boolean tiled = tileContent != null && tiles != null;
    if (!shapes.isEmpty() && farEnoughForOverview(s)) {
      if (tiled) {
        drawTiles(g, s, widthPx, heightPx, true);
      } else {
        drawFar(g, s, null);
      }
      for (OuterBox o : shown.outer()) {
        drawOuterTitle(g, o, s);
      }
      for (Route r : litRoutes) {
        drawEdge(g, r, s, true);
      }
      drawRings(g, s);
      g.restore();
      return;
    }
    if (tiled) {
      drawTiles(g, s, widthPx, heightPx, false);
    } else {
      drawShapes(g, s, 2, null);
    }
    if (!shapes.isEmpty()) {
      // Round caps and joins cost the software renderer curves on every dash.
      g.setLineCap(StrokeLineCap.BUTT);
      g.setLineJoin(StrokeLineJoin.MITER);
    }
    for (OuterBox o : shown.outer()) {
      drawOuterTitle(g, o, s);
    }
    for (PictureParts.Placed<PictureBox> box : boxes) {
      drawBoxTitle(g, box.item(), box.rect(), s);
    }
    if (tiled) {
      if (s >= FAR) {
        for (Route r : worstFirst()) {
          if (!highlight.lit(r.edge())) {
            drawEdge(g, r, s, false);
          }
        }
      }
    } else if (!shapes.isEmpty() && s < FAR) {
      drawEdgesFar(g, s, null);
    } else {
      for (Route r : routes) {
        if (!highlight.lit(r.edge())) {
          drawEdge(g, r, s, true);
        }
      }
    }
    // The selection's own arrows last, whole, over the others and over any tile.
    for (Route r : litRoutes) {
      drawEdge(g, r, s, true);
    }
    for (PictureParts.Placed<PictureNode> n : nodes) {
      drawNode(g, n.item(), n.rect(), s);
    }
    selected.ifPresent(id -> ring(g, id, s, colour(palette.selection()), 3));
    g.restore();
  }

  /**
   * The smallest text size drawn, in pixels: 5 in a small picture; in a large one 8, below which
   * hundreds of labels in view would cost more than they tell.
   */
  private double smallestText() {
    return shapes.isEmpty() || whole ? 5 : 8;
  }

  private boolean farEnoughForOverview(double s) {
    return !whole && s <= Overview.scaleFor(bounds, OVERVIEW_SCALE) * 1.25;
  }

  /** Whether a route's rectangle is in view (a straight route has an empty one). */
  private boolean inView(Route r) {
    Rect b = r.box();
    return b.x() <= view.right()
        && b.right() >= view.x()
        && b.y() <= view.bottom()
        && b.bottom() >= view.y();
  }

  /**
   * Adds a route to the current path. For a large picture only the parts in view: a long route
   * mostly out of view would otherwise be dashed and capped along its whole length.
   */
  private void path(GraphicsContext g, List<Point> route) {
    if (shapes.isEmpty()) {
      for (int i = 0; i < route.size(); i++) {
        double[] p = px(route.get(i).x(), route.get(i).y());
        if (i == 0) {
          g.moveTo(p[0], p[1]);
        } else {
          g.lineTo(p[0], p[1]);
        }
      }
      return;
    }
    boolean open = false;
    for (int i = 1; i < route.size(); i++) {
      double[] seg = clip(route.get(i - 1), route.get(i));
      if (seg == null) {
        open = false;
        continue;
      }
      double[] a = px(seg[0], seg[1]);
      double[] b = px(seg[2], seg[3]);
      if (!open) {
        g.moveTo(a[0], a[1]);
      }
      g.lineTo(b[0], b[1]);
      // The next segment continues here only if this one was not cut at its end.
      open = seg[2] == route.get(i).x() && seg[3] == route.get(i).y();
    }
  }

  /** The part of a segment inside the view (Liang–Barsky), or null. */
  private double[] clip(Point a, Point b) {
    double[] t = view.crossing(a.x(), a.y(), b.x(), b.y());
    if (t == null) {
      return null;
    }
    double dx = b.x() - a.x();
    double dy = b.y() - a.y();
    return new double[] {
      a.x() + t[0] * dx, a.y() + t[0] * dy, a.x() + t[1] * dx, a.y() + t[1] * dy
    };
  }

  /**
   * A large picture's shapes in view, up to a depth: 0 outer boxes, 1 boxes, 2 everything; only
   * their parts within {@code clip} (view pixels: left, top, right, bottom) if it is not null.
   */
  private void drawShapes(GraphicsContext g, double s, int upToZ, double[] clip) {
    if (shapes.isEmpty()) {
      return;
    }
    g.setLineDashes();
    for (NodeLook look : shapes) {
      if (look.z() > upToZ || look.hidden() || !inView(look.rect())) {
        continue;
      }
      Rect r = look.rect();
      double[] p = px(r.x(), r.y());
      // Whole pixels: the software renderer fills an aligned rectangle directly, where a
      // fractional one goes through its anti-aliasing rasteriser.
      double x = Math.round(p[0]);
      double y = Math.round(p[1]);
      double w = Math.max(1, Math.round(p[0] + r.w() * s) - x);
      double h = Math.max(1, Math.round(p[1] + r.h() * s) - y);
      if (clip != null && (x >= clip[2] || x + w <= clip[0] || y >= clip[3] || y + h <= clip[1])) {
        continue;
      }
      g.setGlobalAlpha(look.dimmed() ? 0.25 : 1.0);
      g.setFill(colour(look.fill()));
      fill(g, x, y, w, h, clip);
      // The frame as four filled strips: the software renderer strokes a rectangle as a shape
      // through its anti-aliasing rasteriser, row by row over the whole box.
      g.setFill(colour(look.stroke()));
      double line = Math.min(Math.max(1, Math.round(look.strokeWidth() * Math.min(1, s))), w);
      fill(g, x, y, w, line, clip);
      if (h > line) {
        fill(g, x, y + h - line, w, line, clip);
        fill(g, x, y + line, line, Math.max(0, h - 2 * line), clip);
        fill(g, x + w - line, y + line, line, Math.max(0, h - 2 * line), clip);
      }
    }
    g.setGlobalAlpha(1);
  }

  /** Fills the part of a rectangle within {@code clip}, or all of it if that is null. */
  private static void fill(
      GraphicsContext g, double x, double y, double w, double h, double[] clip) {
    if (clip == null) {
      g.fillRect(x, y, w, h);
      return;
    }
    double[] c = within(x, y, x + w, y + h, clip);
    if (c != null) {
      g.fillRect(c[0], c[1], c[2] - c[0], c[3] - c[1]);
    }
  }

  /**
   * The part of the rectangle from {@code (left, top)} to {@code (right, bottom)} within {@code
   * clip}, both as left, top, right, bottom; null if they do not overlap.
   */
  private static double[] within(
      double left, double top, double right, double bottom, double[] clip) {
    double l = Math.max(left, clip[0]);
    double t = Math.max(top, clip[1]);
    double r = Math.min(right, clip[2]);
    double b = Math.min(bottom, clip[3]);
    return r > l && b > t ? new double[] {l, t, r, b} : null;
  }

  /** The overview image, only its part within {@code clip} (view pixels) if that is not null. */
  private void drawOverview(GraphicsContext g, Overview.Image image, double[] clip) {
    Rect b = image.bounds();
    double[] a = px(b.x(), b.y());
    double[] z = px(b.right(), b.bottom());
    if (clip == null) {
      g.drawImage(image.image(), a[0], a[1], z[0] - a[0], z[1] - a[1]);
      return;
    }
    double[] c = within(a[0], a[1], z[0], z[1], clip);
    if (c == null) {
      return;
    }
    double kx = image.image().getWidth() / (z[0] - a[0]);
    double ky = image.image().getHeight() / (z[1] - a[1]);
    g.drawImage(
        image.image(),
        (c[0] - a[0]) * kx,
        (c[1] - a[1]) * ky,
        (c[2] - c[0]) * kx,
        (c[3] - c[1]) * ky,
        c[0],
        c[1],
        c[2] - c[0],
        c[3] - c[1]);
  }

  private void drawRings(GraphicsContext g, double s) {
    if (!matched.isEmpty()) {
      Color c = colour(palette.selection());
      for (String id : matched) {
        if (!hidden.contains(id)) {
          ring(g, id, s, c, 2);
        }
      }
    }
    for (String id : highlight.neighbours()) {
      if (!hidden.contains(id)) {
        neighbourRing(g, id, s);
      }
    }
    selected.ifPresent(id -> ring(g, id, s, colour(palette.selection()), 3));
  }

  /**
   * Far out, where dashes and arrowheads would be smaller than a pixel or two: every arrow in view
   * as a thin plain line, one path per colour, which the software renderer draws many times faster
   * than thousands of dashed, round-capped strokes.
   */
  private void drawEdgesFar(GraphicsContext g, double s, double[] clip) {
    java.util.Map<String, java.util.List<List<Point>>> byColour = new java.util.LinkedHashMap<>();
    for (Route r : routes) {
      PictureEdge edge = r.edge();
      if (!inView(r) || hidden.contains(edge.from()) || hidden.contains(edge.to())) {
        continue;
      }
      if (clip != null && !crosses(r.box(), clip)) {
        continue; // a tile drawn over it has it
      }
      boolean faint = dimmed.contains(edge.from()) && dimmed.contains(edge.to());
      TrafficLevel level = palette.level(edge);
      // One path per colour, width and faintness: "#rrggbb/width/faint".
      String colour =
          palette.edge(edge, level)
              + "/"
              + PicturePalette.farWidth(level)
              + (faint ? "/faint" : "");
      byColour.computeIfAbsent(colour, k -> new java.util.ArrayList<>()).add(r.points());
    }
    g.setLineCap(StrokeLineCap.BUTT);
    g.setLineJoin(StrokeLineJoin.MITER);
    g.setLineDashes();
    byColour.forEach(
        (colour, lines) -> {
          String[] parts = colour.split("/");
          boolean faint = parts.length > 2;
          g.setGlobalAlpha(faint ? 0.2 : 0.8);
          g.setLineWidth(Integer.parseInt(parts[1]));
          g.setStroke(colour(parts[0]));
          g.beginPath();
          for (List<Point> route : lines) {
            path(g, route);
          }
          g.stroke();
        });
    g.setGlobalAlpha(1);
    g.setLineCap(StrokeLineCap.ROUND);
    g.setLineJoin(StrokeLineJoin.ROUND);
  }

  private boolean inView(Rect r) {
    return view.overlaps(r);
  }

  /** Whether a rectangle of the layout reaches into a rectangle of view pixels. */
  private boolean crosses(Rect r, double[] clip) {
    double[] a = px(r.x(), r.y());
    double[] z = px(r.right(), r.bottom());
    return a[0] <= clip[2] && z[0] >= clip[0] && a[1] <= clip[3] && z[1] >= clip[1];
  }

  private Color colour(String web) {
    return colours.computeIfAbsent(web, Color::web);
  }

  /** The fonts of one frame, made once rather than once per node. */
  private static final class Fonts {
    final Font title;
    final Font role;
    final Font name;
    final Font tag;
    final Font edgeLabel;

    Fonts(double s) {
      title = Font.font("System", FontWeight.BOLD, NodeMetrics.TITLE_FONT * s);
      role = Font.font("System", FontWeight.NORMAL, NodeMetrics.ROLE_FONT * s);
      name = Font.font("System", FontWeight.BOLD, NodeMetrics.NAME_FONT * s);
      tag = Font.font("System", FontWeight.BOLD, NodeMetrics.TAG_FONT * s);
      edgeLabel = Font.font("System", FontWeight.NORMAL, 10.5 * s);
    }
  }

  /** Pixels per layout unit at the current zoom. */
  double scale() {
    if (rehearsalScale > 0) {
      return rehearsalScale;
    }
    Point3 a = camera.transformGuToPx(0, 0, 0);
    Point3 b = camera.transformGuToPx(100, 0, 0);
    return Math.hypot(b.x - a.x, b.y - a.y) / 100.0;
  }

  /** A layout point (y down) in pixels of the view. */
  double[] px(double x, double y) {
    if (rehearsalScale > 0) {
      return new double[] {x * rehearsalScale, y * rehearsalScale};
    }
    Point3 p = camera.transformGuToPx(x, -y, 0);
    return new double[] {p.x, p.y};
  }

  /** A point of the view, in pixels, in graph units (y up). */
  private Point3 pxToGu(double x, double y) {
    if (rehearsalScale > 0) {
      return new Point3(x / rehearsalScale, -y / rehearsalScale, 0);
    }
    return camera.transformPxToGu(x, y);
  }

  /**
   * While above zero, the scale {@link #rehearse} draws at, with the picture's top-left corner at
   * the view's: the camera is left out.
   */
  private double rehearsalScale;

  /**
   * Draws the picture shown once into a canvas that is not on screen, at a scale, without the
   * camera; part of the console's rehearsal before its window shows ({@link ConsoleWindow}).
   */
  void rehearse(GraphicsContext g, int widthPx, int heightPx, double scale) {
    rehearsalScale = scale;
    try {
      render(g, null, 1 / scale, widthPx, heightPx, 0, 0, 0, 0);
    } finally {
      rehearsalScale = 0;
    }
  }

  /**
   * Draws a picture whole, as it is shown (dimmed, hidden and found as given) but every box, node,
   * arrow and label at full detail, at a scale, with the corner {@code (corner.x, corner.y)} of the
   * layout at {@code pad} pixels from the top-left: what PNG export writes. The shapes GraphStream
   * draws on screen are drawn here too. FX thread: it makes fonts.
   */
  static void drawWhole(
      GraphicsContext g,
      int widthPx,
      int heightPx,
      PictureParts parts,
      PicturePalette palette,
      Set<String> dimmed,
      Set<String> hidden,
      Set<String> matched,
      Point corner,
      double scale,
      double pad) {
    PictureForeground f = new PictureForeground(null, palette);
    f.whole = true;
    f.show(
        parts,
        palette,
        dimmed,
        hidden,
        matched,
        List.copyOf(parts.looks(palette, dimmed, hidden).values()));
    g.save();
    g.translate(pad - corner.x() * scale, pad - corner.y() * scale);
    f.rehearse(g, widthPx, heightPx, scale);
    g.restore();
  }

  /** Forgets the picture shown: nothing is drawn until the next one. */
  void forget() {
    shown = null;
    shapes = List.of();
    routes = List.of();
    boxes = List.of();
    nodes = List.of();
    tileContent = null;
    overview = null;
  }

  private double alpha(String id) {
    return dimmed.contains(id) ? 0.25 : 1.0;
  }

  private void drawOuterTitle(GraphicsContext g, OuterBox o, double s) {
    Rect r = shown.geometry().nodes().get(o.id());
    if (r == null || !inView(r) || (!o.boxes().isEmpty() && hidden.containsAll(o.boxes()))) {
      return;
    }
    // Far out the outer boxes are what one reads, so their titles stay legible.
    double size = Math.max(NodeMetrics.TITLE_FONT * s, Math.min(14, NodeMetrics.TITLE_FONT));
    if (size < 5) {
      return;
    }
    double[] p = px(r.x(), r.y());
    g.setGlobalAlpha(!o.boxes().isEmpty() && dimmed.containsAll(o.boxes()) ? 0.25 : 1.0);
    g.setTextAlign(TextAlignment.LEFT);
    g.setTextBaseline(VPos.BASELINE);
    g.setFill(colour(palette.mutedText()));
    g.setFont(
        size == NodeMetrics.TITLE_FONT * s
            ? fonts.title
            : Font.font("System", FontWeight.BOLD, size));
    // Inside the box where its title band is tall enough, else just above it.
    double baseline = 22 * s >= size ? p[1] + 22 * s : p[1] - 4;
    g.fillText(o.title(), p[0] + NodeMetrics.OUTER_PAD * s, baseline);
    g.setGlobalAlpha(1);
  }

  private void drawBoxTitle(GraphicsContext g, PictureBox box, Rect r, double s) {
    // In view first: a frame of a large picture asks it of every box.
    if (!inView(r) || NodeMetrics.TITLE_FONT * s < smallestText() || hidden.contains(box.id())) {
      return;
    }
    double[] p = px(r.x(), r.y());
    g.setGlobalAlpha(alpha(box.id()));
    g.setTextAlign(TextAlignment.LEFT);
    g.setTextBaseline(VPos.BASELINE);
    g.setFill(colour(palette.boxTitle()));
    g.setFont(fonts.title);
    g.fillText(box.title(), p[0] + 12 * s, p[1] + 19 * s);
    g.setFill(colour(palette.mutedText()));
    g.setFont(fonts.role);
    g.fillText(subtitles.of(box), p[0] + 12 * s, p[1] + 35 * s);
    box.marker().ifPresent(m -> badge(g, p[0] + r.w() * s - 4 * s, p[1] + 4 * s, s, m));
    if (!matched.isEmpty() && matched.contains(box.id())) {
      ring(g, box.id(), s, colour(palette.selection()).deriveColor(0, 1, 1, 0.55), 2);
    }
    g.setGlobalAlpha(1);
  }

  /** Far out without tiles: the overview image, or until it comes the outer boxes and boxes. */
  private void drawFar(GraphicsContext g, double s, double[] clip) {
    if (overview != null && overview.looks() == shapes) {
      drawOverview(g, overview, clip);
    } else {
      // The overview is on its way: the outer boxes and boxes alone, which are few.
      missedOverview = true;
      drawShapes(g, s, 1, clip);
    }
  }

  /**
   * A large picture's shapes and arrow lines in view, from tiles of pixels at this zoom. Where
   * tiles are not drawn yet, the rectangle around them is first drawn the cheap way (shapes, and
   * the arrows as plain lines), and the tiles that are ready over it; the missing ones are asked
   * for, nearest first, with a ring around the view for panning.
   */
  private void drawTiles(
      GraphicsContext g, double scale, int widthPx, int heightPx, boolean overviewZone) {
    double s = tiles.snap(scale);
    int size = DetailTiles.SIZE;
    double[] origin = px(0, 0);
    long ox = Math.round(origin[0]);
    long oy = Math.round(origin[1]);
    // The tiles the picture covers, and those in view.
    int pi0 = (int) Math.floor(bounds.x() * s / size);
    int pi1 = (int) Math.floor(bounds.right() * s / size);
    int pj0 = (int) Math.floor(bounds.y() * s / size);
    int pj1 = (int) Math.floor(bounds.bottom() * s / size);
    int vi0 = Math.max(pi0, (int) Math.floor((0.0 - ox) / size));
    int vi1 = Math.min(pi1, (int) Math.floor((widthPx - 1.0 - ox) / size));
    int vj0 = Math.max(pj0, (int) Math.floor((0.0 - oy) / size));
    int vj1 = Math.min(pj1, (int) Math.floor((heightPx - 1.0 - oy) / size));
    double ci = (widthPx / 2.0 - ox) / size;
    double cj = (heightPx / 2.0 - oy) / size;
    List<int[]> inView = new java.util.ArrayList<>();
    List<int[]> ring = new java.util.ArrayList<>();
    for (int i = Math.max(pi0, vi0 - 1); i <= Math.min(pi1, vi1 + 1); i++) {
      for (int j = Math.max(pj0, vj0 - 1); j <= Math.min(pj1, vj1 + 1); j++) {
        boolean visible = i >= vi0 && i <= vi1 && j >= vj0 && j <= vj1;
        (visible ? inView : ring).add(new int[] {i, j});
      }
    }
    java.util.Comparator<int[]> nearest =
        java.util.Comparator.comparingDouble(k -> Math.hypot(k[0] + 0.5 - ci, k[1] + 0.5 - cj));
    inView.sort(nearest);
    ring.sort(nearest);
    List<DetailTiles.Tile> ready = new java.util.ArrayList<>();
    // The view pixels around the tiles in view that are missing: left, top, right, bottom.
    double[] missing = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int[] k : inView) {
      DetailTiles.Tile t = tiles.tile(tileContent, s, k[0], k[1]);
      if (t == null) {
        t = tiles.standIn(s, k[0], k[1]);
      }
      if (t != null) {
        ready.add(t);
      } else {
        missing[0] = Math.min(missing[0], ox + (double) k[0] * size);
        missing[1] = Math.min(missing[1], oy + (double) k[1] * size);
        missing[2] = Math.max(missing[2], ox + (double) (k[0] + 1) * size);
        missing[3] = Math.max(missing[3], oy + (double) (k[1] + 1) * size);
      }
    }
    if (ready.size() < inView.size()) {
      // The cheap way only where tiles are missing: the ready ones are drawn over it.
      if (overviewZone) {
        drawFar(g, s, missing);
      } else {
        drawShapes(g, s, 2, missing);
        drawEdgesFar(g, s, missing);
      }
    }
    for (DetailTiles.Tile t : ready) {
      g.drawImage(t.image(), ox + (long) t.i() * size, oy + (long) t.j() * size);
    }
    List<int[]> wanted = new java.util.ArrayList<>(inView);
    for (int[] k : ring) {
      if (wanted.size() < DetailTiles.MAX_TILES) {
        wanted.add(k);
      }
    }
    tiles.ask(tileContent, s, wanted, inView.size(), ci, cj);
  }

  /** Edge labels drawn so far in this frame. */
  private int labels;

  /**
   * The most edge labels a frame of a large picture draws: each is laid out as text by the renderer
   * every frame, and with live numbers on every measured arrow a view at 100% holds hundreds. The
   * worst arrows are labelled first ({@link #worstFirst}); the rest keep their colour and width.
   */
  static final int LABELS_PER_FRAME = 24;

  private int labelsAtMost() {
    return shapes.isEmpty() || whole ? Integer.MAX_VALUE : LABELS_PER_FRAME;
  }

  /** The routes, bad arrows first, then warn, idle, fine and unmeasured: labels go to trouble. */
  private List<Route> worstFirst() {
    if (byLevel == null || byLevelOf != routes) {
      List<Route> sorted = new java.util.ArrayList<>(routes);
      sorted.sort(java.util.Comparator.comparingInt(r -> -rank(palette.level(r.edge()))));
      byLevel = sorted;
      byLevelOf = routes;
    }
    return byLevel;
  }

  private List<Route> byLevel;
  private List<Route> byLevelOf;

  private static int rank(TrafficLevel level) {
    return switch (level) {
      case BAD -> 4;
      case WARN -> 3;
      case NO_TRAFFIC -> 2;
      case OK -> 1;
      case NO_DATA -> 0;
    };
  }

  /** How opaque the arrows that are not the selection's own are drawn while something is. */
  static final double FADED = 0.35;

  /** How much wider, in pixels at 100%, the selection's own arrows are drawn. */
  static final double LIT_WIDER = 1.8;

  /** An arrow: its line if {@code line} (else a tile has it), heads and label. */
  private void drawEdge(GraphicsContext g, Route r, double s, boolean line) {
    PictureEdge edge = r.edge();
    List<Point> route = r.points();
    if (!inView(r) || hidden.contains(edge.from()) || hidden.contains(edge.to())) {
      return;
    }
    boolean faint = dimmed.contains(edge.from()) && dimmed.contains(edge.to());
    boolean lit = highlight.lit(edge);
    g.setGlobalAlpha(faint && !lit ? 0.2 : highlight.faded(edge) ? FADED : 1.0);
    TrafficLevel level = palette.level(edge);
    Color color = colour(lit ? palette.selection() : palette.edge(edge, level));
    g.setStroke(color);
    g.setFill(color);
    double width = PicturePalette.edgeWidth(edge.kind(), level) + (lit ? LIT_WIDER : 0);
    g.setLineWidth(Math.max(1, width * s));
    double[] dash = PicturePalette.dashes(edge.kind(), level);
    if (dash.length > 0) {
      g.setLineDashes(dash[0] * s, dash[1] * s);
    } else {
      g.setLineDashes();
    }
    if (line) {
      g.beginPath();
      path(g, route);
      g.stroke();
    }
    g.setLineDashes();
    // A thick arrow needs a head wider than its line.
    double head = Math.max(1, width / 3.2);
    arrowHead(g, route.get(route.size() - 2), route.get(route.size() - 1), s * head);
    if (edge.kind() == EdgeKind.LOCAL) {
      arrowHead(g, route.get(1), route.get(0), s * head);
    }
    String text = labelFor(edge, route);
    if (!text.isEmpty() && 10.5 * s >= smallestText() && labels++ < labelsAtMost()) {
      Point mid = EdgeLabels.anchor(route);
      double[] p = px(mid.x(), mid.y());
      Font font = fonts.edgeLabel;
      double w = NodeMetrics.textWidth(text, 10.5, false) * s;
      g.setFill(colour(palette.edgeLabelBackground()).deriveColor(0, 1, 1, 0.9));
      g.fillRoundRect(p[0] - w / 2 - 3 * s, p[1] - 15 * s, w + 6 * s, 14 * s, 4 * s, 4 * s);
      g.setFill(color);
      g.setFont(font);
      g.setTextAlign(TextAlignment.CENTER);
      g.setTextBaseline(VPos.BASELINE);
      g.fillText(text, p[0], p[1] - 4.5 * s);
      g.setTextAlign(TextAlignment.LEFT);
    }
    g.setGlobalAlpha(1);
  }

  /**
   * What an arrow's label says: all its lines; for a measured arrow whose longest segment is too
   * short for them, its most telling figure, or nothing where even that would cover the nodes
   * beside it (its colour and width still tell, the inspector has the numbers).
   */
  private String labelFor(PictureEdge edge, List<Point> route) {
    List<String> lines = edge.labelLines();
    if (lines.isEmpty()) {
      return "";
    }
    String text = String.join(" · ", lines);
    if (edge.metrics().isEmpty()) {
      return text;
    }
    double room = EdgeLabels.room(route);
    if (NodeMetrics.textWidth(text, 10.5, false) <= room) {
      return text;
    }
    String compact = EdgeLabels.compact(edge, palette.traffic());
    return NodeMetrics.textWidth(compact, 10.5, false) <= room ? compact : "";
  }

  private void arrowHead(GraphicsContext g, Point from, Point to, double s) {
    double[] a = px(from.x(), from.y());
    double[] b = px(to.x(), to.y());
    double angle = Math.atan2(b[1] - a[1], b[0] - a[0]);
    double len = 9 * s;
    double half = 4.5 * s;
    double bx = b[0] - len * Math.cos(angle);
    double by = b[1] - len * Math.sin(angle);
    g.fillPolygon(
        new double[] {b[0], bx + half * Math.sin(angle), bx - half * Math.sin(angle)},
        new double[] {b[1], by - half * Math.cos(angle), by + half * Math.cos(angle)},
        3);
  }

  private void drawNode(GraphicsContext g, PictureNode node, Rect r, double s) {
    // In view first: a frame of a large picture asks it of every node.
    if (!inView(r) || hidden.contains(node.id())) {
      return;
    }
    double[] p = px(r.x(), r.y());
    double x = p[0];
    double y = p[1];
    g.setGlobalAlpha(alpha(node.id()));
    if (NodeMetrics.NAME_FONT * s >= smallestText()) {
      NodeTag tag = shown.tags().get(node.id());
      double inner = (r.w() - 2 * NodeMetrics.PAD_X - 14) * s;
      g.setTextAlign(TextAlignment.LEFT);
      g.setTextBaseline(VPos.BASELINE);
      g.setFill(colour(palette.text()));
      g.setFont(fonts.name);
      g.fillText(
          elide(node.lines().get(0), NodeMetrics.NAME_FONT, true, inner / s),
          x + 12 * s,
          y + 20 * s);
      double tw = NodeMetrics.tagWidth(tag) * s;
      g.setFill(colour(tag.hue()));
      g.fillRoundRect(x + 12 * s, y + 28 * s, tw, 14 * s, 14 * s, 14 * s);
      g.setFill(colour(palette.tagText()));
      g.setFont(fonts.tag);
      g.fillText(tag.text(), x + 17 * s, y + 38.5 * s);
      g.setFill(colour(palette.mutedText()));
      g.setFont(fonts.role);
      g.fillText(
          elide(
              NodeMetrics.secondLine(node), NodeMetrics.ROLE_FONT, false, (inner - tw - 6 * s) / s),
          x + 12 * s + tw + 6 * s,
          y + 39.5 * s);
    }
    if (tileContent == null || tiles == null || s >= FAR) {
      // (Far out, a large picture's tiles have the badges as dots.)
      node.marker().ifPresent(m -> badge(g, x + r.w() * s - 4 * s, y + 4 * s, s, m));
    }
    if (!matched.isEmpty() && matched.contains(node.id())) {
      ring(g, node.id(), s, colour(palette.selection()), 2);
    }
    if (highlight.neighbour(node.id())) {
      g.setGlobalAlpha(1);
      neighbourRing(g, node.id(), s);
    }
    g.setGlobalAlpha(1);
  }

  /** The ring around a node at the other end of one of the selection's arrows: dashed, fainter. */
  private void neighbourRing(GraphicsContext g, String id, double s) {
    Rect r = shown.geometry().nodes().get(id);
    if (r == null) {
      return;
    }
    double[] p = px(r.x(), r.y());
    double pad = 3 * s + 2;
    g.setStroke(colour(palette.selection()).deriveColor(0, 1, 1, 0.75));
    g.setLineWidth(2);
    g.setLineDashes(6, 3);
    g.strokeRoundRect(
        p[0] - pad, p[1] - pad, r.w() * s + 2 * pad, r.h() * s + 2 * pad, 10 * s, 10 * s);
    g.setLineDashes();
  }

  private void badge(GraphicsContext g, double cx, double cy, double s, Severity severity) {
    double radius = Math.max(5, 8 * s);
    g.setFill(colour(PicturePalette.severity(severity)));
    g.fillOval(cx - radius, cy - radius, 2 * radius, 2 * radius);
    if (!shapes.isEmpty() && s < FAR) {
      return; // a large picture far out: the dot alone says it; a glyph would be a blur
    }
    g.setStroke(colour(palette.background()));
    g.setLineWidth(Math.max(1, 1.5 * s));
    g.strokeOval(cx - radius, cy - radius, 2 * radius, 2 * radius);
    g.setFill(Color.WHITE);
    g.setFont(Font.font("System", FontWeight.BOLD, radius * 1.25));
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.CENTER);
    g.fillText(PicturePalette.severityGlyph(severity), cx, cy + 0.5);
    g.setTextAlign(TextAlignment.LEFT);
    g.setTextBaseline(VPos.BASELINE);
  }

  private void ring(GraphicsContext g, String id, double s, Color color, double width) {
    Rect r = shown.geometry().nodes().get(id);
    if (r == null) {
      return;
    }
    double[] p = px(r.x(), r.y());
    double pad = 3 * s + width;
    g.setStroke(color);
    g.setLineWidth(width);
    g.setLineDashes();
    g.strokeRoundRect(
        p[0] - pad, p[1] - pad, r.w() * s + 2 * pad, r.h() * s + 2 * pad, 10 * s, 10 * s);
  }

  /** The text, cut with an ellipsis where its estimated width passes {@code max}. */
  static String elide(String text, double font, boolean bold, double max) {
    if (NodeMetrics.textWidth(text, font, bold) <= max) {
      return text;
    }
    String t = text;
    while (t.length() > 1 && NodeMetrics.textWidth(t + "…", font, bold) > max) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "…";
  }
}
