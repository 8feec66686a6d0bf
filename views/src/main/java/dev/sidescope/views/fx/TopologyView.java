package dev.sidescope.views.fx;

import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.views.picture.ArrowTip;
import dev.sidescope.views.picture.EdgeKey;
import dev.sidescope.views.picture.GraphDiff;
import dev.sidescope.views.picture.HiddenByFind;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.Navigation;
import dev.sidescope.views.picture.NodeLook;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Rect;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import org.graphstream.graph.Edge;
import org.graphstream.graph.Graph;
import org.graphstream.graph.Node;
import org.graphstream.graph.implementations.MultiGraph;
import org.graphstream.ui.fx_viewer.FxDefaultView;
import org.graphstream.ui.fx_viewer.FxViewer;
import org.graphstream.ui.geom.Point3;
import org.graphstream.ui.graphicGraph.GraphicGraph;
import org.graphstream.ui.javafx.FxGraphRenderer;
import org.graphstream.ui.view.View;
import org.graphstream.ui.view.camera.Camera;
import org.graphstream.ui.view.util.InteractiveElement;
import org.graphstream.ui.view.util.MouseManager;
import org.graphstream.ui.view.util.ShortcutManager;

/**
 * The topology picture: a GraphStream graph shown by an {@link FxViewer} with auto-layout off.
 * Boxes and nodes are GraphStream nodes placed and sized from the layout (boxes behind their
 * members by z-index); a {@link PictureForeground} draws labels, tags, arrows and badges over them.
 * Each new picture is applied as a {@link GraphDiff}: only what changed is added, removed or
 * restyled, so nothing else moves.
 *
 * <p>FX thread only. The viewer pumps the graph on the FX thread as well.
 */
final class TopologyView implements PictureDriver {
  private static final String TOP_LEFT = "~bounds-top-left";
  private static final String BOTTOM_RIGHT = "~bounds-bottom-right";

  private final Graph graph = new MultiGraph("sidescope");
  private final FxViewer viewer;
  private final FxDefaultView view;
  private final PictureForeground foreground;
  private final Overview overview;

  /** Asks for a large picture's overview image a moment after the picture arrived. */
  private final javafx.animation.PauseTransition overviewLater =
      new javafx.animation.PauseTransition(javafx.util.Duration.seconds(1));

  private final DetailTiles tiles;
  private Map<String, NodeLook> looks = new LinkedHashMap<>();
  private Map<String, GraphDiff.Ends> edges = new LinkedHashMap<>();
  private LaidOutPicture shown;
  private PicturePalette palette;
  private Set<String> hidden = Set.of();
  private Set<String> dimmed = Set.of();
  private Set<String> matched = Set.of();
  private GraphDiff lastDiff;
  private PictureParts lastParts;
  private Map<String, NodeLook> lastLooks;
  private List<NodeLook> lastShapes = List.of();
  private long frame;
  private Consumer<Optional<String>> onClick = id -> {};
  private Consumer<PictureEdge> onArrowClick = arrow -> {};

  /** Says which arrow the mouse is on: from, to, kind, evidence and figures. */
  private final javafx.scene.control.Tooltip arrowTip = new javafx.scene.control.Tooltip();

  /** The arrow the tooltip shows, while it shows. */
  private PictureEdge tipFor;

  private double pressX;
  private double pressY;
  private boolean dragged;

  TopologyView(PicturePalette palette) {
    System.setProperty("org.graphstream.ui", "javafx");
    this.palette = palette;
    graph.setAttribute("ui.stylesheet", styleSheet(palette));
    graph.setAttribute("ui.antialias");
    graph.setAttribute("ui.quality");
    viewer = new FxViewer(graph, FxViewer.ThreadingModel.GRAPH_IN_ANOTHER_THREAD);
    viewer.disableAutoLayout();
    view = (FxDefaultView) viewer.addDefaultView(false, new FxGraphRenderer());
    // The layout decides where nodes are: no dragging them, no GraphStream key bindings.
    view.setMouseManager(new NoMouse());
    view.setShortcutManager(new NoShortcuts());
    view.setMinSize(200, 200);
    view.setFocusTraversable(true);
    view.setId("topology");
    foreground = new PictureForeground(view.getCamera(), palette);
    overview =
        new Overview(
            image -> {
              if (foreground.overview(image)) {
                repaint();
              }
            });
    tiles = new DetailTiles(this::repaint);
    foreground.tiles(tiles);
    view.setForeLayoutRenderer(foreground);
    foreground.afterFrame(this::afterFrame);
    view.widthProperty().addListener((o, was, now) -> resized(was.doubleValue(), viewHeight));
    view.heightProperty().addListener((o, was, now) -> resized(viewWidth, was.doubleValue()));
    installMouse();
  }

  Region node() {
    return view;
  }

  Camera camera() {
    return view.getCamera();
  }

  Graph graph() {
    return graph;
  }

  /** The graph as GraphStream draws it, with each node's style resolved; for tests. */
  GraphicGraph drawnGraph() {
    return viewer.getGraphicGraph();
  }

  @Override
  public Optional<LaidOutPicture> shown() {
    return Optional.ofNullable(shown);
  }

  /** The last diff applied, for tests and the status line. */
  Optional<GraphDiff> lastDiff() {
    return Optional.ofNullable(lastDiff);
  }

  void onArrowClick(Consumer<PictureEdge> handler) {
    this.onArrowClick = handler;
  }

  void onClick(Consumer<Optional<String>> handler) {
    this.onClick = handler;
  }

  /** Shows a picture: diffs it against what is drawn and applies the difference. */
  void show(
      PictureParts parts,
      PicturePalette newPalette,
      Set<String> dimmed,
      Set<String> newHidden,
      Set<String> matched) {
    LaidOutPicture picture = parts.picture;
    if (!newPalette.equals(palette)) {
      graph.setAttribute("ui.stylesheet", styleSheet(newPalette));
    }
    this.palette = newPalette;
    this.shown = picture;
    boolean hidingChanged = !newHidden.equals(hidden);
    this.hidden = Set.copyOf(newHidden);
    this.dimmed = Set.copyOf(dimmed);
    this.matched = Set.copyOf(matched);
    Map<String, NodeLook> all = parts.looks(newPalette, dimmed, newHidden);
    // A large picture is drawn by the foreground alone: thousands of GraphStream nodes, each with a
    // style of its own, cost seconds to add and most of a frame to draw.
    boolean large = picture.large();
    // What is hidden leaves GraphStream's graph: fitting the view then fits what is left.
    Map<String, NodeLook> target = large ? new LinkedHashMap<>() : visible(all);
    Map<String, GraphDiff.Ends> targetEdges = new LinkedHashMap<>();
    for (PictureEdge e : picture.picture().edges()) {
      if (target.containsKey(e.from()) && target.containsKey(e.to())) {
        targetEdges.put(EdgeKey.of(e), new GraphDiff.Ends(e.from(), e.to()));
      }
    }
    GraphDiff diff = GraphDiff.between(looks, target, edges, targetEdges);
    for (String key : diff.edgesToRemove()) {
      if (graph.getEdge(key) != null) {
        graph.removeEdge(key);
      }
    }
    for (String id : diff.nodesToRemove()) {
      if (graph.getNode(id) != null) {
        graph.removeNode(id);
      }
    }
    for (NodeLook look : diff.nodesToAdd()) {
      Node n = graph.addNode(look.id());
      apply(n, look);
    }
    for (NodeLook look : diff.nodesToRestyle()) {
      apply(graph.getNode(look.id()), look);
    }
    for (String key : diff.edgesToAdd()) {
      GraphDiff.Ends ends = targetEdges.get(key);
      Edge e = graph.addEdge(key, ends.from(), ends.to(), true);
      e.setAttribute("ui.class", "hidden");
    }
    looks = target;
    edges = targetEdges;
    lastDiff = diff;
    fitBounds = HiddenByFind.bounds(picture, hidden);
    placeAnchors(fitBounds);
    graphBounds = around(target.values(), grow(fitBounds, ANCHOR_PAD));
    if (hidingChanged) {
      fit(); // "hide non-matching" turned on or off, or hides something else: fit what is left
    } else {
      cameraChanged();
    }
    // A live update that changed only numbers keeps every look: the same shapes, so that the
    // overview image of them stays good until its arrows are drawn again.
    boolean restyled = parts.samePlacesAs(lastParts) && all == lastLooks;
    List<NodeLook> shapes = !large ? List.of() : restyled ? lastShapes : List.copyOf(all.values());
    lastParts = parts;
    lastLooks = all;
    lastShapes = shapes;
    foreground.show(parts, newPalette, dimmed, newHidden, matched, shapes);
    if (restyled && overviewLater.getStatus() == javafx.animation.Animation.Status.RUNNING) {
      // Updates every second would otherwise put the new overview off for ever: the one on its
      // way takes the newest picture when it is drawn.
      overviewPicture = picture;
      repaint();
      return;
    }
    overviewLater.stop();
    overviewPicture = picture;
    if (large) {
      // Far out, the overview image stands in while the tiles of a new zoom are drawn. The first
      // tiles of a new picture come sooner than it would, and on two cores drawing both at once
      // slows both and the FX thread: it is drawn a moment later, once they are there.
      Set<String> faint = Set.copyOf(dimmed);
      Set<String> gone = Set.copyOf(newHidden);
      double scale = Overview.scaleFor(parts.bounds, PictureForeground.OVERVIEW_SCALE);
      overviewLater.setOnFinished(
          e -> overview.request(overviewPicture, newPalette, shapes, faint, gone, scale));
      overviewLater.playFromStart();
    }
    repaint();
  }

  /** The newest picture whose overview is on its way: restyled pictures replace it. */
  private LaidOutPicture overviewPicture;

  /** The size of the view a picture is rehearsed in, in pixels: about a laptop's picture. */
  private static final int REHEARSAL_WIDTH = 1000;

  private static final int REHEARSAL_HEIGHT = 700;

  /**
   * Before the window shows: shows a large picture, draws it into a canvas off screen, whole and at
   * full size, and forgets it again. Otherwise the first large picture pays, in the pulse that
   * brings it, for loading and first running the code that applies and draws it: tens of
   * milliseconds. The tiles it asks for are drawn on the tile thread, and dropped.
   */
  void rehearse(PictureParts parts, PicturePalette p) {
    try {
      show(parts, p, Set.of(), Set.of(), Set.of());
      javafx.scene.canvas.GraphicsContext g =
          new javafx.scene.canvas.Canvas(REHEARSAL_WIDTH, REHEARSAL_HEIGHT).getGraphicsContext2D();
      Rect b = parts.bounds;
      double whole = Math.min(REHEARSAL_WIDTH / b.right(), REHEARSAL_HEIGHT / b.bottom());
      foreground.rehearse(g, REHEARSAL_WIDTH, REHEARSAL_HEIGHT, whole);
      foreground.rehearse(g, REHEARSAL_WIDTH, REHEARSAL_HEIGHT, 1);
    } finally {
      overviewLater.stop();
      overviewLater.setOnFinished(null);
      foreground.forget();
      tiles.forgetStandIns();
      lastParts = null;
      lastLooks = null;
      lastShapes = List.of();
      overviewPicture = null;
      shown = null;
      lastDiff = null;
      hidden = Set.of();
    }
  }

  /** The rectangle "fit" shows whole: the picture's, or while hiding what is left of it. */
  private Rect fitBounds = new Rect(0, 0, 1, 1);

  /**
   * The rectangle around every point GraphStream fits on "fit", in layout units: the anchors and
   * each node's centre (it knows no sizes).
   */
  private Rect graphBounds = new Rect(0, 0, 1, 1);

  private static Rect grow(Rect r, double by) {
    return new Rect(r.x() - by, r.y() - by, r.w() + 2 * by, r.h() + 2 * by);
  }

  /** The rectangle around {@code r} and the centres of the looks. */
  private static Rect around(java.util.Collection<NodeLook> looks, Rect r) {
    double minX = r.x();
    double minY = r.y();
    double maxX = r.right();
    double maxY = r.bottom();
    for (NodeLook look : looks) {
      minX = Math.min(minX, look.rect().centerX());
      minY = Math.min(minY, look.rect().centerY());
      maxX = Math.max(maxX, look.rect().centerX());
      maxY = Math.max(maxY, look.rect().centerY());
    }
    return new Rect(minX, minY, maxX - minX, maxY - minY);
  }

  /** The looks of what is not hidden; the very map when nothing is. */
  private static Map<String, NodeLook> visible(Map<String, NodeLook> all) {
    if (all.values().stream().noneMatch(NodeLook::hidden)) {
      return all;
    }
    Map<String, NodeLook> shown = new LinkedHashMap<>();
    all.forEach(
        (id, look) -> {
          if (!look.hidden()) {
            shown.put(id, look);
          }
        });
    return shown;
  }

  private static void apply(Node n, NodeLook look) {
    n.setAttribute("xyz", look.graphX(), look.graphY(), 0.0);
    n.setAttribute("ui.style", look.css());
  }

  /** Two invisible nodes at the corners, so that "fit" shows every box whole. */
  private void placeAnchors(Rect bounds) {
    double pad = ANCHOR_PAD;
    anchor(TOP_LEFT, bounds.x() - pad, -(bounds.y() - pad));
    anchor(BOTTOM_RIGHT, bounds.right() + pad, -(bounds.bottom() + pad));
  }

  private void anchor(String id, double x, double y) {
    Node n = graph.getNode(id);
    if (n == null) {
      n = graph.addNode(id);
      n.setAttribute("ui.class", "anchor");
    }
    n.setAttribute("xyz", x, y, 0.0);
  }

  void select(Optional<String> id) {
    foreground.select(id);
    repaint();
  }

  /** Centres the view on a node, keeping the zoom. */
  void centerOn(String id) {
    if (shown == null) {
      return;
    }
    shown.geometry().rect(id).ifPresent(r -> camera().setViewCenter(r.centerX(), -r.centerY(), 0));
    repaint();
  }

  /** Centres the view on a node that is not wholly in view; leaves it be when it is. */
  void reveal(String id) {
    if (shown == null) {
      return;
    }
    shown
        .geometry()
        .rect(id)
        .ifPresent(
            r -> {
              double[] a = toView(r.x(), r.y());
              double[] b = toView(r.right(), r.bottom());
              if (a[0] < 0 || a[1] < 0 || b[0] > view.getWidth() || b[1] > view.getHeight()) {
                centerOn(id);
              }
            });
  }

  /** GraphStream's padding around the graph, in pixels, on each side. */
  private static final int PADDING_PX = 30;

  /** How far the invisible corner nodes stand outside the picture's bounds, in layout units. */
  private static final double ANCHOR_PAD = 24;

  /** Whether the view fits the picture (after "fit"), rather than holding a zoom of its own. */
  private boolean fitted = true;

  private double viewWidth;
  private double viewHeight;

  /**
   * The view changed size. GraphStream's zoom is relative to fitting the graph in the view, so a
   * held zoom would grow and shrink with the window: it is set again to keep the picture's scale,
   * as a person expects of a window made larger or smaller. A fitted picture stays fitted.
   */
  private void resized(double oldWidth, double oldHeight) {
    double width = view.getWidth();
    double height = view.getHeight();
    viewWidth = width;
    viewHeight = height;
    if (fitted || shown == null || camera() == null) {
      return;
    }
    double before = fitScale(oldWidth, oldHeight);
    double after = fitScale(width, height);
    if (before > 0 && after > 0 && before != after) {
      Camera c = camera();
      c.setViewPercent(c.getViewPercent() * after / before);
      cameraChanged();
    }
  }

  /** The scale at which the picture fits a view of this size, as GraphStream works it out. */
  private double fitScale(double width, double height) {
    return fitting(grow(fitBounds, ANCHOR_PAD), width, height);
  }

  /** The scale at which GraphStream shows a rectangle of the layout whole in a view of a size. */
  private static double fitting(Rect b, double width, double height) {
    double w = width - 2 * PADDING_PX;
    double h = height - 2 * PADDING_PX;
    if (w <= 0 || h <= 0 || b.w() <= 0 || b.h() <= 0) {
      return 0;
    }
    return Math.min(w / b.w(), h / b.h());
  }

  @Override
  public void zoom(double factor) {
    if (actualSizeAfterFrame) {
      zoomAfterActualSize *= factor; // in the order asked: actual size first, then this
      return;
    }
    Camera c = camera();
    c.setViewPercent(Math.max(0.05, Math.min(4, c.getViewPercent() * factor)));
    fitted = false;
    cameraChanged();
  }

  /** Set while "actual size" waits for a frame that shows the camera as it is now. */
  private boolean actualSizeAfterFrame;

  /** Set while actual size is handed over to run after the frame that showed its scale. */
  private boolean actualSizeQueued;

  /** Zoom asked for while "actual size" waits, applied after it. */
  private double zoomAfterActualSize = 1;

  /** Frames drawn when the zoom, the view's picture or its size last changed. */
  private long cameraChangedAtFrame = -1;

  /**
   * GraphStream works the scale out while drawing a frame: after a change of zoom or picture, and
   * until the next frame, {@link #scale()} is still the last frame's.
   */
  private void cameraChanged() {
    cameraChangedAtFrame = foreground.framesDrawn();
    repaint();
  }

  @Override
  public void actualSize() {
    if (foreground.framesDrawn() <= cameraChangedAtFrame
        || !foreground.drawnAt(view.getWidth(), view.getHeight())) {
      // The scale known now is an older frame's: after the next frame, then.
      actualSizeAfterFrame = true;
      repaint();
      return;
    }
    applyActualSize();
  }

  private void afterFrame() {
    if (actualSizeAfterFrame && !actualSizeQueued) {
      // Queued once: two frames drawn before the hand-over runs would otherwise apply actual size
      // twice, the second time from the first one's older scale.
      actualSizeQueued = true;
      Platform.runLater(
          () -> {
            actualSizeQueued = false;
            if (!actualSizeAfterFrame) {
              return; // "fit" came first
            }
            actualSizeAfterFrame = false;
            // The view may have changed size since that frame (a window still being laid out):
            // its scale is then no longer the one drawn, and actual size waits for the next.
            actualSize();
            if (actualSizeAfterFrame) {
              return;
            }
            double zoom = zoomAfterActualSize;
            zoomAfterActualSize = 1;
            if (zoom != 1) {
              zoom(zoom);
            }
          });
    }
  }

  private void applyActualSize() {
    double s = scale();
    if (s > 0 && camera() != null) {
      Camera c = camera();
      c.setViewPercent(c.getViewPercent() * s);
      fitted = false;
      cameraChanged();
    }
  }

  @Override
  public void fit() {
    if (camera() == null) {
      return; // the viewer is already closed
    }
    actualSizeAfterFrame = false;
    zoomAfterActualSize = 1;
    fitted = true;
    camera().resetView();
    Rect wanted = grow(fitBounds, ANCHOR_PAD);
    // Nothing hidden, GraphStream's fit is the picture's: left to it, it follows the window's size.
    boolean beyond = graphBounds.w() > wanted.w() + 0.5 || graphBounds.h() > wanted.h() + 0.5;
    if (!hidden.isEmpty() && beyond) {
      // While hiding, a namespace with a box left has its centre where GraphStream would fit it
      // too: the view is fitted to what is left by hand, as a zoom of GraphStream's own fit.
      double whole = fitting(graphBounds, view.getWidth(), view.getHeight());
      double part = fitting(wanted, view.getWidth(), view.getHeight());
      if (whole > 0 && part > 0) {
        camera().setViewCenter(wanted.centerX(), -wanted.centerY(), 0);
        camera().setViewPercent(whole / part);
        fitted = false; // a zoom of its own now: a larger window keeps its scale
      }
    }
    cameraChanged();
  }

  @Override
  public double scale() {
    return foreground.scale();
  }

  @Override
  public Point2D viewCenter() {
    Point3 c = camera().getViewCenter();
    return new Point2D(c.x, -c.y);
  }

  @Override
  public void setViewCenter(double x, double y) {
    // GraphStream's y grows upwards, the layout's downwards.
    camera().setViewCenter(x, -y, 0);
    repaint();
  }

  /** The node under a point of the view, in view pixels. */
  Optional<String> hit(double x, double y) {
    if (shown == null) {
      return Optional.empty();
    }
    Point3 gu = camera().transformPxToGu(x, y);
    return Navigation.hit(shown, gu.x, -gu.y, hidden);
  }

  /** How near an arrow, in view pixels, a click must land to be on it. */
  private static final double ARROW_REACH_PX = 5;

  /**
   * What a click at a point of the view is on: a member or outside node first, then an arrow within
   * a few pixels, then a box.
   */
  private void clickAt(double x, double y) {
    if (shown == null) {
      onClick.accept(Optional.empty());
      return;
    }
    Point3 gu = camera().transformPxToGu(x, y);
    Optional<String> node = Navigation.hitNode(shown, gu.x, -gu.y, hidden);
    if (node.isEmpty()) {
      Optional<PictureEdge> arrow =
          Navigation.hitArrow(shown, gu.x, -gu.y, ARROW_REACH_PX / scale(), hidden);
      if (arrow.isPresent()) {
        onArrowClick.accept(arrow.get());
        return;
      }
      node = Navigation.hitBox(shown, gu.x, -gu.y, hidden);
    }
    onClick.accept(node);
  }

  /**
   * The mouse moved to a point of the view: over an arrow (and not a node), the arrow's tooltip
   * shows beside the pointer; elsewhere it goes.
   */
  private void hover(double x, double y, double screenX, double screenY) {
    Optional<PictureEdge> arrow = arrowAt(x, y);
    if (arrow.isEmpty()) {
      hideArrowTip();
      return;
    }
    if (arrow.get().equals(tipFor) && arrowTip.isShowing()) {
      return;
    }
    tipFor = arrow.get();
    arrowTip.setText(ArrowTip.text(shown, tipFor));
    arrowTip.show(view, screenX + 14, screenY + 14);
  }

  private void hideArrowTip() {
    tipFor = null;
    if (arrowTip.isShowing()) {
      arrowTip.hide();
    }
  }

  /** The arrow at a point of the view, in pixels, where no node is over it. */
  Optional<PictureEdge> arrowAt(double x, double y) {
    if (shown == null || !(scale() > 0)) {
      return Optional.empty();
    }
    Point3 gu = camera().transformPxToGu(x, y);
    double lx = gu.x;
    double ly = -gu.y;
    if (lastParts == null || Navigation.hitNode(shown, lx, ly, hidden).isPresent()) {
      return Optional.empty();
    }
    // Asked at every move of the mouse: the rectangle around each route, worked out once per
    // picture, rules most arrows out before any of their segments is measured.
    double reach = ARROW_REACH_PX / scale();
    PictureEdge best = null;
    double nearest = reach;
    for (PictureForeground.Route r : lastParts.routes) {
      Rect b = r.box();
      if (lx < b.x() - reach
          || lx > b.right() + reach
          || ly < b.y() - reach
          || ly > b.bottom() + reach) {
        continue;
      }
      PictureEdge e = r.edge();
      if (hidden.contains(e.from()) || hidden.contains(e.to())) {
        continue;
      }
      List<dev.sidescope.views.picture.Point> points = r.points();
      for (int i = 1; i < points.size(); i++) {
        double d = Navigation.distance(points.get(i - 1), points.get(i), lx, ly);
        if (d <= nearest) {
          nearest = d;
          best = e;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** What the arrow tooltip says now, empty while it is not showing; for tests. */
  Optional<String> arrowTipText() {
    return arrowTip.isShowing() ? Optional.of(arrowTip.getText()) : Optional.empty();
  }

  /** Where a layout point is in the view, in pixels. */
  double[] toView(double x, double y) {
    return foreground.px(x, y);
  }

  WritableImage snapshot() {
    return view.snapshot(null, null);
  }

  /** Margin around the whole picture's image, in pixels, as the SVG export has. */
  static final double WHOLE_PAD = 20;

  /** The longest side of the whole picture's image, in pixels: a canvas holds no more. */
  private static final double WHOLE_MAX_SIDE = 8000;

  /**
   * The whole picture shown, not just the part in view, drawn off screen at 100% (less where it
   * would pass {@value #WHOLE_MAX_SIDE} pixels) on the picture's background, with what find dims,
   * hides and rings; empty before the first picture. FX thread.
   */
  Optional<WritableImage> wholePicture() {
    if (shown == null || lastParts == null) {
      return Optional.empty();
    }
    Rect b = lastParts.bounds;
    double scale = Math.min(1, WHOLE_MAX_SIDE / Math.max(b.w(), b.h()));
    int w = (int) Math.ceil(b.w() * scale + 2 * WHOLE_PAD);
    int h = (int) Math.ceil(b.h() * scale + 2 * WHOLE_PAD);
    javafx.scene.canvas.Canvas canvas = new javafx.scene.canvas.Canvas(w, h);
    javafx.scene.canvas.GraphicsContext g = canvas.getGraphicsContext2D();
    g.setFill(javafx.scene.paint.Color.web(palette.background()));
    g.fillRect(0, 0, w, h);
    PictureForeground.drawWhole(
        g,
        w,
        h,
        lastParts,
        palette,
        dimmed,
        hidden,
        matched,
        new dev.sidescope.views.picture.Point(b.x(), b.y()),
        scale,
        WHOLE_PAD);
    return Optional.of(canvas.snapshot(null, null));
  }

  /** Frames GraphStream has drawn so far, for a test to wait for the next one. */
  long framesDrawn() {
    return foreground.framesDrawn();
  }

  void repaint() {
    // A graph attribute change marks the graph changed, which makes the viewer repaint.
    graph.setAttribute("ui.sidescope.frame", ++frame);
    view.requestLayout();
  }

  void close() {
    hideArrowTip();
    overviewLater.stop();
    overview.close();
    tiles.close();
    viewer.close();
  }

  private void installMouse() {
    view.setOnMousePressed(
        e -> {
          pressX = e.getX();
          pressY = e.getY();
          dragged = false;
          hideArrowTip();
          view.requestFocus();
        });
    view.setOnMouseDragged(
        e -> {
          double dx = e.getX() - pressX;
          double dy = e.getY() - pressY;
          if (!dragged && Math.hypot(dx, dy) < 4) {
            return;
          }
          dragged = true;
          double s = scale();
          Point3 c = camera().getViewCenter();
          camera().setViewCenter(c.x - dx / s, c.y + dy / s, 0);
          pressX = e.getX();
          pressY = e.getY();
          repaint();
        });
    view.setOnMouseReleased(
        e -> {
          if (!dragged && e.getButton() == MouseButton.PRIMARY) {
            clickAt(e.getX(), e.getY());
          }
        });
    view.setOnMouseMoved(e -> hover(e.getX(), e.getY(), e.getScreenX(), e.getScreenY()));
    view.setOnMouseExited(e -> hideArrowTip());
    view.setOnScroll(
        e -> {
          hideArrowTip();
          if (e.getDeltaY() != 0) {
            zoom(e.getDeltaY() > 0 ? 0.85 : 1 / 0.85);
          }
        });
  }

  static String styleSheet(PicturePalette p) {
    return "graph { fill-color: "
        + p.background()
        + "; padding: "
        + PADDING_PX
        + "px; }"
        + " node { text-mode: hidden; z-index: 2; }"
        + " node.anchor { size: 1px; fill-mode: none; stroke-mode: none; }"
        + " edge { visibility-mode: hidden; fill-mode: none; }";
  }

  /** Ignores the mouse: the console handles it. */
  private static final class NoMouse implements MouseManager {
    @Override
    public void init(GraphicGraph graph, View view) {}

    @Override
    public void release() {}

    @Override
    public EnumSet<InteractiveElement> getManagedTypes() {
      return EnumSet.noneOf(InteractiveElement.class);
    }
  }

  /** Ignores keys: the console handles them. */
  private static final class NoShortcuts implements ShortcutManager {
    @Override
    public void init(GraphicGraph graph, View view) {}

    @Override
    public void release() {}
  }
}
