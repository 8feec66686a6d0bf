package dev.sidescope.views.fx;

import dev.sidescope.topology.export.PictureEdge;
import dev.sidescope.views.picture.EdgeKey;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.NodeLook;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Point;
import dev.sidescope.views.picture.Rect;
import dev.sidescope.views.picture.Rgb;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.scene.image.PixelFormat;
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

  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "sidescope-overview");
            t.setDaemon(true);
            return t;
          });
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
            // Without an overview the overlay keeps drawing the boxes alone far out.
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
    Raster r = new Raster(b, scale, argb(palette.background(), 255));
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
      int colour =
          argb(
              edge.marker().map(PicturePalette::severity).orElse(palette.edge(edge.kind())),
              faint ? 50 : 210);
      for (int i = 1; i < route.size(); i++) {
        r.line(route.get(i - 1), route.get(i), colour);
      }
    }
    picture
        .picture()
        .nodes()
        .forEach(
            n ->
                n.marker()
                    .ifPresent(
                        m -> {
                          Rect at = picture.geometry().nodes().get(n.id());
                          if (at != null && !hidden.contains(n.id())) {
                            r.dot(
                                at.right() - 4, at.y() + 4, argb(PicturePalette.severity(m), 255));
                          }
                        }));
    WritableImage fx = new WritableImage(r.w, r.h);
    fx.getPixelWriter()
        .setPixels(0, 0, r.w, r.h, PixelFormat.getIntArgbInstance(), r.pixels, 0, r.w);
    return new Image(looks, b, scale, fx);
  }

  /** An opaque colour with an alpha to blend it with. */
  private static int argb(String hex, int alpha) {
    Rgb c = Rgb.hex(hex);
    return (alpha << 24) | (c.r() << 16) | (c.g() << 8) | c.b();
  }

  /**
   * A plain pixel buffer: rectangles, one-pixel lines and dots, blended over what is there. The
   * picture's shapes are axis-aligned rectangles and its routes mostly horizontal and vertical, so
   * this needs neither anti-aliasing nor a toolkit, and runs on any thread.
   */
  private static final class Raster {
    final int w;
    final int h;
    final int[] pixels;
    private final Rect bounds;
    private final double scale;

    Raster(Rect bounds, double scale, int background) {
      this.bounds = bounds;
      this.scale = scale;
      this.w = Math.max(1, (int) Math.ceil(bounds.w() * scale));
      this.h = Math.max(1, (int) Math.ceil(bounds.h() * scale));
      this.pixels = new int[w * h];
      java.util.Arrays.fill(pixels, background);
    }

    int x(double layoutX) {
      return (int) Math.floor((layoutX - bounds.x()) * scale);
    }

    int y(double layoutY) {
      return (int) Math.floor((layoutY - bounds.y()) * scale);
    }

    void fill(Rect r, int argb) {
      int x0 = Math.max(0, x(r.x()));
      int y0 = Math.max(0, y(r.y()));
      int x1 = Math.min(w - 1, Math.max(x0, x(r.right()) - 1));
      int y1 = Math.min(h - 1, Math.max(y0, y(r.bottom()) - 1));
      for (int y = y0; y <= y1; y++) {
        for (int x = x0; x <= x1; x++) {
          plot(x, y, argb);
        }
      }
    }

    void frame(Rect r, int argb) {
      int x0 = x(r.x());
      int y0 = y(r.y());
      int x1 = Math.max(x0, x(r.right()) - 1);
      int y1 = Math.max(y0, y(r.bottom()) - 1);
      for (int x = x0; x <= x1; x++) {
        plot(x, y0, argb);
        plot(x, y1, argb);
      }
      for (int y = y0 + 1; y < y1; y++) {
        plot(x0, y, argb);
        plot(x1, y, argb);
      }
    }

    void line(Point a, Point b, int argb) {
      int x0 = x(a.x());
      int y0 = y(a.y());
      int x1 = x(b.x());
      int y1 = y(b.y());
      int dx = Math.abs(x1 - x0);
      int dy = -Math.abs(y1 - y0);
      int sx = x0 < x1 ? 1 : -1;
      int sy = y0 < y1 ? 1 : -1;
      int err = dx + dy;
      while (true) {
        plot(x0, y0, argb);
        if (x0 == x1 && y0 == y1) {
          return;
        }
        int e2 = 2 * err;
        if (e2 >= dy) {
          err += dy;
          x0 += sx;
        }
        if (e2 <= dx) {
          err += dx;
          y0 += sy;
        }
      }
    }

    void dot(double layoutX, double layoutY, int argb) {
      int cx = x(layoutX);
      int cy = y(layoutY);
      for (int y = cy - 2; y <= cy + 2; y++) {
        for (int x = cx - 2; x <= cx + 2; x++) {
          if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= 5) {
            plot(x, y, argb);
          }
        }
      }
    }

    /** Blends a colour of some alpha over an opaque pixel. */
    private void plot(int x, int y, int argb) {
      if (x < 0 || y < 0 || x >= w || y >= h) {
        return;
      }
      int a = argb >>> 24;
      int i = y * w + x;
      if (a == 255) {
        pixels[i] = argb;
        return;
      }
      int under = pixels[i];
      int r = blend((argb >> 16) & 255, (under >> 16) & 255, a);
      int g = blend((argb >> 8) & 255, (under >> 8) & 255, a);
      int bl = blend(argb & 255, under & 255, a);
      pixels[i] = 0xff000000 | (r << 16) | (g << 8) | bl;
    }

    private static int blend(int over, int under, int alpha) {
      return (over * alpha + under * (255 - alpha)) / 255;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
