package dev.sidescope.views.fx;

import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.views.picture.EdgeKey;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.NodeLook;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Point;
import dev.sidescope.views.picture.Rect;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import javafx.scene.image.WritableImage;

/**
 * A large picture seen from far out, drawn once into an image on a thread of its own, so that
 * panning and zooming far out cost the FX thread one scaled image copy a frame instead of thousands
 * of shapes. Boxes, members and outside nodes as filled rectangles, arrows as thin lines and
 * finding markers as dots; no text, which is unreadable at that size anyway.
 *
 * <p>{@link #request} may be called on any thread and returns at once; the image reaches the FX
 * thread through {@link FxLatest}.
 */
final class Overview implements AutoCloseable {
  /** The largest side of an overview image, in pixels. */
  static final int MAX_SIDE = 2048;

  /**
   * An image of a picture in a palette.
   *
   * @param bounds the layout rectangle the image covers
   * @param scale image pixels per layout unit
   */
  record Image(List<NodeLook> looks, Rect bounds, double scale, WritableImage image) {}

  private final ExecutorService executor = WorkerThreads.single("sidescope-overview");
  private final FxLatest<Image> done;

  /** The newest image asked for and not yet started; an older one it replaced is never drawn. */
  private final java.util.concurrent.atomic.AtomicReference<Runnable> next =
      new java.util.concurrent.atomic.AtomicReference<>();

  Overview(Consumer<Image> onFxThread) {
    this.done = new FxLatest<>(onFxThread);
  }

  /**
   * Asks for an image of this picture in these looks (the list the image will name). Requests made
   * while one is being drawn replace each other: only the newest is drawn next.
   *
   * @param faint arrows drawn faint: both ends dimmed
   * @param hidden ids not drawn, nor the arrows at them
   */
  void request(
      LaidOutPicture picture,
      PicturePalette palette,
      List<NodeLook> looks,
      Set<String> faint,
      Set<String> hidden,
      double scale) {
    Runnable drawing =
        () -> {
          try {
            done.offer(draw(picture, palette, looks, faint, hidden, scale));
          } catch (RuntimeException e) {
            // Without an overview the foreground keeps drawing the boxes alone far out.
          }
        };
    if (next.getAndSet(drawing) != null) {
      return; // a drain is already scheduled and will take this one instead
    }
    try {
      executor.execute(
          () -> {
            Runnable latest;
            while ((latest = next.getAndSet(null)) != null) {
              latest.run();
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // The window is closed.
    }
  }

  /** The image scale for a picture: at most {@code wanted}, within {@link #MAX_SIDE}. */
  static double scaleFor(Rect bounds, double wanted) {
    return Math.min(wanted, Math.min(MAX_SIDE / bounds.w(), MAX_SIDE / bounds.h()));
  }

  static Image draw(
      LaidOutPicture picture,
      PicturePalette palette,
      List<NodeLook> looks,
      Set<String> dimmed,
      Set<String> hidden,
      double scale) {
    Rect b = picture.geometry().bounds();
    PixelRaster r = PixelRaster.covering(b, scale, argb(palette.background(), 255));
    for (int z = 0; z <= 2; z++) {
      for (NodeLook look : looks) {
        if (look.z() != z || look.hidden()) {
          continue;
        }
        int alpha = look.dimmed() ? 64 : 255;
        r.fill(look.rect(), argb(look.fill(), alpha));
        r.frame(look.rect(), argb(look.stroke(), alpha));
      }
    }
    for (PictureEdge edge : picture.picture().edges()) {
      List<Point> route = picture.geometry().routes().get(EdgeKey.of(edge));
      if (route == null
          || route.size() < 2
          || hidden.contains(edge.from())
          || hidden.contains(edge.to())) {
        continue;
      }
      boolean faint = dimmed.contains(edge.from()) && dimmed.contains(edge.to());
      int colour = argb(palette.edge(edge, palette.level(edge)), faint ? 50 : 210);
      for (int i = 1; i < route.size(); i++) {
        r.line(route.get(i - 1), route.get(i), colour);
      }
    }
    for (DetailTiles.Dot d : DetailTiles.Dot.of(picture, Set.of(), hidden)) {
      r.dot(d.x(), d.y(), argb(d.colour(), 255));
    }
    return new Image(looks, b, scale, r.image());
  }

  private static int argb(String hex, int alpha) {
    return PixelRaster.argb(hex, alpha);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
