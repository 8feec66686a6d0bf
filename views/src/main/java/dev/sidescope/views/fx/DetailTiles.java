package dev.sidescope.views.fx;

import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.TrafficLevel;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.NodeLook;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Point;
import dev.sidescope.views.picture.Rect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.image.WritableImage;

/**
 * A large picture's shapes and arrows at the zoom in view, drawn on a thread of its own into square
 * tiles of plain pixels, so that a frame costs the FX and render threads one image copy per tile in
 * view instead of hundreds of filled and dashed shapes; the foreground draws the text, arrow heads
 * and badges over them. Tiles are asked for around the view, nearest first; a newer request
 * replaces what is not started of an older one, and tiles of another zoom or of an older picture
 * are dropped.
 *
 * <p>{@link #tile} and {@link #ask} are for the FX thread; tiles are drawn on the worker and reach
 * the FX thread through {@link FxLatest}.
 */
final class DetailTiles implements AutoCloseable {
  /** A tile's side, in pixels. */
  static final int SIZE = 256;

  /** The most tiles kept: about what a large screen and a ring around it need. */
  static final int MAX_TILES = 160;

  /**
   * What tiles show, one per state of the foreground: compared by identity, so a new picture,
   * palette or find makes new tiles.
   *
   * @param looks every shape, outer boxes first, then boxes, then members and outside nodes
   * @param dots the finding badges, drawn as dots far out
   * @param faint arrows with both ends dimmed
   * @param hidden ids not drawn, nor the arrows at them
   */
  record Content(
      List<NodeLook> looks,
      List<PictureForeground.Route> routes,
      List<Dot> dots,
      PicturePalette palette,
      Set<String> faint,
      Set<String> hidden) {
    @Override
    public boolean equals(Object o) {
      return this == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  /** A finding badge far out: a dot centred on a layout point. */
  record Dot(double x, double y, String colour, boolean dimmed) {

    /** Each finding badge of a shown node, as the dot it is far out: where and in what colour. */
    static List<Dot> of(LaidOutPicture picture, Set<String> dimmed, Set<String> hidden) {
      List<Dot> dots = new java.util.ArrayList<>();
      picture
          .picture()
          .nodes()
          .filter(n -> n.marker().isPresent() && !hidden.contains(n.id()))
          .forEach(
              n -> {
                Rect r = picture.geometry().nodes().get(n.id());
                if (r != null) {
                  dots.add(
                      new Dot(
                          r.right() - 4,
                          r.y() + 4,
                          PicturePalette.severity(n.marker().get()),
                          dimmed.contains(n.id())));
                }
              });
      return dots;
    }
  }

  /** Tile {@code (i, j)} of a content at a scale: pixels {@code i*SIZE..} of the picture at it. */
  record Tile(Content content, double scale, int i, int j, WritableImage image) {}

  private final ExecutorService executor = WorkerThreads.single("sidescope-tiles");

  private record Job(Content content, double scale, List<int[]> keys) {}

  private final AtomicReference<Job> job = new AtomicReference<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final ConcurrentLinkedQueue<Tile> arrived = new ConcurrentLinkedQueue<>();
  private final FxLatest<Boolean> wake;

  // FX thread only.
  private final Map<Long, Tile> ready = new HashMap<>();
  private Content content;
  private double scale = -1;
  private double centreI;
  private double centreJ;

  /** The tiles in view that were not ready when the view was last drawn. */
  private final java.util.Set<Long> missingInView = new java.util.HashSet<>();

  /** When the view was last drawn, on the {@link System#nanoTime} clock. */
  private long lastDrawn;

  /** Draws the view again for tiles that arrived and were held back, if no frame came since. */
  private final javafx.animation.PauseTransition owed =
      new javafx.animation.PauseTransition(javafx.util.Duration.millis(REDRAW_EVERY_MILLIS));

  /**
   * While tiles in view keep arriving, the view is drawn again at most this often (each time costs
   * a whole view to draw), and at once when the last one missing arrives.
   */
  static final long REDRAW_EVERY_MILLIS = 150;

  /**
   * @param onArrival run on the FX thread when tiles in view arrived, to draw again: when the last
   *     one missing arrived, or now and then while they come
   */
  DetailTiles(Runnable onArrival) {
    owed.setOnFinished(e -> onArrival.run());
    this.wake =
        new FxLatest<>(
            ignored -> {
              if (take() && shouldRedraw()) {
                owed.stop();
                onArrival.run();
              }
            });
  }

  /**
   * Whether the tiles that arrived are worth drawing the view again for now: some are in view, and
   * either none in view is missing any more or the view was not drawn for a while; otherwise the
   * view is drawn again a little later, unless a frame comes first. Tiles of the ring around the
   * view are kept for panning without drawing anything.
   */
  private boolean shouldRedraw() {
    int before = missingInView.size();
    missingInView.removeIf(ready::containsKey);
    if (missingInView.size() == before) {
      return false;
    }
    if (missingInView.isEmpty()) {
      standIns.clear();
    }
    long since = (System.nanoTime() - lastDrawn) / 1_000_000L;
    if (missingInView.isEmpty() || since >= REDRAW_EVERY_MILLIS) {
      return true;
    }
    if (owed.getStatus() != javafx.animation.Animation.Status.RUNNING) {
      owed.setDuration(javafx.util.Duration.millis(REDRAW_EVERY_MILLIS - since));
      owed.playFromStart();
    }
    return false;
  }

  /** Whether a redraw for tiles that arrived is waiting for its time: it will come on its own. */
  boolean redrawOwed() {
    return owed.getStatus() == javafx.animation.Animation.Status.RUNNING;
  }

  /**
   * Tiles of the content shown before, at the scale shown now: they stand in for the new content's
   * tiles until those arrive. A live update keeps every unchanged node where it was, so the old
   * tiles are right but for what changed, and the view does not fall back to plain shapes (and lose
   * its arrows far out) for a moment at each update. Dropped at another scale, when every tile in
   * view is ready, and by {@link #forgetStandIns}.
   */
  private final Map<Long, Tile> standIns = new HashMap<>();

  /** A tile of the content shown before at this scale, to draw until its own arrives; or null. */
  Tile standIn(double s, int i, int j) {
    return s == scale ? standIns.get(key(i, j)) : null;
  }

  /**
   * Drops the stand-ins, the tiles that would become them, and the tiles still to be drawn: the
   * picture's nodes moved, or it is gone.
   */
  void forgetStandIns() {
    standIns.clear();
    ready.clear();
    content = null;
    job.set(null);
  }

  /**
   * Whether the tiles of one content may stand in for another's: the same palette and the same
   * nodes hidden, so that only what a live update changed is out of date in them.
   */
  private static boolean sameLook(Content before, Content now) {
    return before != null
        && before.palette().equals(now.palette())
        && before.hidden().equals(now.hidden());
  }

  /** The scale tiles are kept at, if {@code s} is that scale but for rounding; else {@code s}. */
  double snap(double s) {
    return Math.abs(s - scale) <= 1e-9 * Math.abs(scale) ? scale : s;
  }

  /** A tile ready for this content at this scale, or null. */
  Tile tile(Content c, double s, int i, int j) {
    if (c != content || s != scale) {
      return null;
    }
    return ready.get(key(i, j));
  }

  /**
   * Asks for the tiles of a content at a scale that are not ready, in the order given (nearest the
   * view first); the first {@code inView} of them are in view. Tiles of another content or scale
   * are dropped.
   */
  void ask(Content c, double s, List<int[]> wanted, int inView, double ci, double cj) {
    if (c != content || s != scale) {
      if (s == scale && sameLook(content, c)) {
        // Live updates every second come faster than a view's tiles are drawn: the tiles still
        // standing in from before the last one stay where the newer ones are not there yet.
        standIns.putAll(ready);
        dropFarthest(standIns, ci, cj);
      } else {
        standIns.clear();
      }
      ready.clear();
      content = c;
      scale = s;
    }
    centreI = ci;
    centreJ = cj;
    List<int[]> missing = new ArrayList<>();
    missingInView.clear();
    for (int n = 0; n < wanted.size(); n++) {
      int[] k = wanted.get(n);
      if (!ready.containsKey(key(k[0], k[1]))) {
        missing.add(k);
        if (n < inView) {
          missingInView.add(key(k[0], k[1]));
        }
      }
    }
    lastDrawn = System.nanoTime();
    owed.stop(); // this frame draws what arrived
    Job old = job.get();
    if (missing.isEmpty()) {
      if (old != null && (old.content != c || old.scale != s)) {
        job.compareAndSet(old, null);
      }
      return;
    }
    if (old != null && old.content == c && old.scale == s && sameKeys(old.keys, missing)) {
      return; // already on its way
    }
    job.set(new Job(c, s, List.copyOf(missing)));
    kick();
  }

  private static boolean sameKeys(List<int[]> a, List<int[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int n = 0; n < a.size(); n++) {
      if (a.get(n)[0] != b.get(n)[0] || a.get(n)[1] != b.get(n)[1]) {
        return false;
      }
    }
    return true;
  }

  private void kick() {
    if (executor.isShutdown()) {
      return;
    }
    if (running.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException closed) {
        running.set(false);
      }
    }
  }

  /** Worker: draws the first tile of the newest job, again and again. */
  private void drain() {
    try {
      while (true) {
        Job j = job.get();
        if (j == null) {
          return;
        }
        if (j.keys.isEmpty()) {
          if (job.compareAndSet(j, null)) {
            return;
          }
          continue;
        }
        int[] k = j.keys.get(0);
        if (!job.compareAndSet(j, new Job(j.content, j.scale, j.keys.subList(1, j.keys.size())))) {
          continue; // a newer request came in
        }
        try {
          arrived.add(
              new Tile(j.content, j.scale, k[0], k[1], draw(j.content, j.scale, k[0], k[1])));
          wake.offer(Boolean.TRUE);
        } catch (RuntimeException e) {
          // Without this tile the foreground keeps drawing its part itself.
        }
      }
    } finally {
      running.set(false);
      if (job.get() != null) {
        kick();
      }
    }
  }

  /** FX thread: keeps the tiles that arrived for what is shown now; true if there were any. */
  private boolean take() {
    boolean any = false;
    Tile t;
    while ((t = arrived.poll()) != null) {
      if (t.content == content && t.scale == scale) {
        ready.put(key(t.i, t.j), t);
        any = true;
      }
    }
    dropFarthest(ready, centreI, centreJ);
    return any;
  }

  /** Drops the tiles farthest from the view's centre until at most {@link #MAX_TILES} are left. */
  private static void dropFarthest(Map<Long, Tile> tiles, double ci, double cj) {
    while (tiles.size() > MAX_TILES) {
      Tile far = null;
      double farthest = -1;
      for (Tile r : tiles.values()) {
        double d = Math.hypot(r.i + 0.5 - ci, r.j + 0.5 - cj);
        if (d > farthest) {
          farthest = d;
          far = r;
        }
      }
      tiles.remove(key(far.i, far.j));
    }
  }

  private static long key(int i, int j) {
    return ((long) i << 32) ^ (j & 0xffffffffL);
  }

  /**
   * Draws one tile: the picture's pixels {@code i*SIZE ... (i+1)*SIZE - 1} across and likewise
   * down, where layout point {@code (x, y)} is pixel {@code (round(x*scale), round(y*scale))}. Any
   * thread.
   */
  static WritableImage draw(Content c, double scale, int i, int j) {
    int ox = i * SIZE;
    int oy = j * SIZE;
    PixelRaster r =
        new PixelRaster(
            SIZE,
            SIZE,
            ox / scale,
            oy / scale,
            scale,
            PixelRaster.argb(c.palette().background(), 255));
    Rect area = new Rect(ox / scale, oy / scale, SIZE / scale, SIZE / scale);
    Map<String, Integer> colours = new HashMap<>();
    for (NodeLook look : c.looks()) {
      Rect b = look.rect();
      if (look.hidden() || !area.overlaps(b)) {
        continue;
      }
      // The same whole pixels as the foreground draws a shape on.
      int x = (int) Math.round(b.x() * scale);
      int y = (int) Math.round(b.y() * scale);
      int w = (int) Math.max(1, Math.round(b.right() * scale) - x);
      int h = (int) Math.max(1, Math.round(b.bottom() * scale) - y);
      int alpha = look.dimmed() ? 64 : 255;
      int fill = colour(colours, look.fill(), alpha);
      r.fillPixels(x - ox, y - oy, x - ox + w, y - oy + h, fill);
      int stroke = colour(colours, look.stroke(), alpha);
      int line =
          (int) Math.min(w, Math.max(1, Math.round(look.strokeWidth() * Math.min(1, scale))));
      x -= ox;
      y -= oy;
      r.fillPixels(x, y, x + w, y + line, stroke);
      if (h > line) {
        r.fillPixels(x, y + h - line, x + w, y + h, stroke);
        r.fillPixels(x, y + line, x + line, y + h - line, stroke);
        r.fillPixels(x + w - line, y + line, x + w, y + h - line, stroke);
      }
    }
    boolean far = scale < PictureForeground.FAR;
    for (PictureForeground.Route route : c.routes()) {
      PictureEdge e = route.edge();
      if (c.hidden().contains(e.from()) || c.hidden().contains(e.to())) {
        continue;
      }
      TrafficLevel level = c.palette().level(e);
      int width =
          far
              ? PicturePalette.farWidth(level)
              : (int) Math.max(1, Math.round(PicturePalette.edgeWidth(e.kind(), level) * scale));
      // Grown by the line's width, in layout units, so a line on the tile's edge is drawn whole.
      Rect rb = route.box();
      double grow = (width + 2) / scale;
      if (rb.x() - grow > area.right()
          || rb.right() + grow < area.x()
          || rb.y() - grow > area.bottom()
          || rb.bottom() + grow < area.y()) {
        continue;
      }
      boolean faint = c.faint().contains(e.from()) && c.faint().contains(e.to());
      String hex = c.palette().edge(e, level);
      int argb = colour(colours, hex, faint ? 51 : far ? 204 : 255);
      double[] dash = far ? new double[0] : PicturePalette.dashes(e.kind(), level);
      dashed(r, route.points(), scale, ox, oy, width, dash, argb);
    }
    if (far) {
      // As large as the foreground draws a badge far out (5 pixels out), smaller where the boxes
      // are only a few pixels themselves.
      double radius = Math.max(2, Math.min(5, 20 * scale));
      for (Dot d : c.dots()) {
        if (area.x() - 8 / scale <= d.x()
            && d.x() <= area.right() + 8 / scale
            && area.y() - 8 / scale <= d.y()
            && d.y() <= area.bottom() + 8 / scale) {
          r.disc(
              d.x() * scale - ox,
              d.y() * scale - oy,
              radius,
              colour(colours, d.colour(), d.dimmed() ? 64 : 255));
        }
      }
    }
    return r.image();
  }

  /** A route as a line of some width, dashed along its whole length if {@code dash} says so. */
  private static void dashed(
      PixelRaster r,
      List<Point> points,
      double scale,
      int ox,
      int oy,
      int width,
      double[] dash,
      int argb) {
    double on = dash.length > 0 ? Math.max(1, dash[0] * scale) : 0;
    double period = on + (dash.length > 0 ? Math.max(1, dash[1] * scale) : 0);
    double pos = 0; // how far into the current dash and gap the route is, in pixels
    // The tile, grown by the line's width: dashes are only walked where they can touch it.
    Rect tile = new Rect(-width - 1, -width - 1, r.w + 2 * width + 2, r.h + 2 * width + 2);
    for (int n = 1; n < points.size(); n++) {
      double ax = points.get(n - 1).x() * scale - ox;
      double ay = points.get(n - 1).y() * scale - oy;
      double bx = points.get(n).x() * scale - ox;
      double by = points.get(n).y() * scale - oy;
      if (dash.length == 0) {
        segment(r, ax, ay, bx, by, width, argb);
        continue;
      }
      // Not Math.hypot: it guards against overflow at several times the cost, once per segment of
      // every arrow near every tile.
      double len = Math.sqrt((bx - ax) * (bx - ax) + (by - ay) * (by - ay));
      double[] inside = tile.crossing(ax, ay, bx, by);
      if (inside == null) {
        pos = (pos + len) % period;
        continue;
      }
      double t = inside[0] * len;
      double end = inside[1] * len;
      pos = (pos + t) % period;
      while (end - t > 1e-9) {
        boolean drawing = pos < on;
        double boundary = drawing ? on : period;
        double step = Math.min(end - t, boundary - pos);
        if (drawing && step > 0) {
          segment(
              r,
              ax + (bx - ax) * t / len,
              ay + (by - ay) * t / len,
              ax + (bx - ax) * (t + step) / len,
              ay + (by - ay) * (t + step) / len,
              width,
              argb);
        }
        t += Math.max(0, step);
        pos += Math.max(0, step);
        // At a boundary (or within rounding of it) the dash or gap is over: on to the next.
        if (pos >= boundary - 1e-9) {
          pos = drawing ? on : 0;
        }
      }
      pos = (pos + (len - end)) % period;
    }
  }

  private static void segment(
      PixelRaster r, double ax, double ay, double bx, double by, int width, int argb) {
    if (Math.max(ax, bx) < -width
        || Math.min(ax, bx) > r.w + width
        || Math.max(ay, by) < -width
        || Math.min(ay, by) > r.h + width) {
      return;
    }
    r.line(
        (int) Math.round(ax),
        (int) Math.round(ay),
        (int) Math.round(bx),
        (int) Math.round(by),
        width,
        argb);
  }

  private static int colour(Map<String, Integer> cache, String hex, int alpha) {
    return cache.computeIfAbsent(hex + "/" + alpha, k -> PixelRaster.argb(hex, alpha));
  }

  @Override
  public void close() {
    owed.stop();
    standIns.clear();
    executor.shutdownNow();
  }
}
