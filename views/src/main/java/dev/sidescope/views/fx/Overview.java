package dev.sidescope.views.fx;

import dev.sidescope.topology.export.PictureEdge;
import dev.sidescope.views.picture.EdgeKey;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.NodeLook;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Point;
import dev.sidescope.views.picture.Rect;
import dev.sidescope.views.picture.Rgb;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  static final int MAX_SIDE = 4096;

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
  private List<NodeLook> requested; // FX thread

  Overview(Consumer<Image> onFxThread) {
    this.done = new FxLatest<>(onFxThread);
  }

  /**
   * Asks for an image of this picture in these looks (the list the image will name), unless one is
   * already on its way.
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
    if (looks == requested) {
      return;
    }
    requested = looks;
    try {
      executor.execute(() -> done.offer(draw(picture, palette, looks, faint, hidden, scale)));
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
    int w = Math.max(1, (int) Math.ceil(b.w() * scale));
    int h = Math.max(1, (int) Math.ceil(b.h() * scale));
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB_PRE);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.scale(scale, scale);
      g.translate(-b.x(), -b.y());
      for (int z = 0; z <= 2; z++) {
        for (NodeLook look : looks) {
          if (look.z() != z || look.hidden()) {
            continue;
          }
          Rect r = look.rect();
          int alpha = look.dimmed() ? 64 : 255;
          g.setColor(colour(look.fill(), alpha));
          g.fill(new java.awt.geom.Rectangle2D.Double(r.x(), r.y(), r.w(), r.h()));
          g.setColor(colour(look.stroke(), alpha));
          g.setStroke(new BasicStroke((float) Math.max(1 / scale * 0.6, look.strokeWidth())));
          g.draw(new java.awt.geom.Rectangle2D.Double(r.x(), r.y(), r.w(), r.h()));
        }
      }
      Map<String, Path2D.Double> byColour = new LinkedHashMap<>();
      for (PictureEdge edge : picture.picture().edges()) {
        List<Point> route = picture.geometry().routes().get(EdgeKey.of(edge));
        if (route == null
            || route.size() < 2
            || hidden.contains(edge.from())
            || hidden.contains(edge.to())) {
          continue;
        }
        boolean faint = dimmed.contains(edge.from()) && dimmed.contains(edge.to());
        String colour =
            edge.marker().map(PicturePalette::severity).orElse(palette.edge(edge.kind()))
                + (faint ? "/faint" : "");
        Path2D.Double path = byColour.computeIfAbsent(colour, k -> new Path2D.Double());
        path.moveTo(route.get(0).x(), route.get(0).y());
        for (int i = 1; i < route.size(); i++) {
          path.lineTo(route.get(i).x(), route.get(i).y());
        }
      }
      g.setStroke(new BasicStroke((float) (1 / scale)));
      byColour.forEach(
          (colour, path) -> {
            boolean faint = colour.endsWith("/faint");
            g.setColor(colour(colour.replace("/faint", ""), faint ? 50 : 200));
            g.draw(path);
          });
      double radius = Math.max(3 / scale, 8);
      picture
          .picture()
          .nodes()
          .forEach(
              n ->
                  n.marker()
                      .ifPresent(
                          m -> {
                            Rect r = picture.geometry().nodes().get(n.id());
                            if (r != null && !hidden.contains(n.id())) {
                              g.setColor(colour(PicturePalette.severity(m)));
                              g.fill(
                                  new java.awt.geom.Ellipse2D.Double(
                                      r.right() - 4 - radius,
                                      r.y() + 4 - radius,
                                      2 * radius,
                                      2 * radius));
                            }
                          }));
    } finally {
      g.dispose();
    }
    int[] pixels = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    WritableImage fx = new WritableImage(w, h);
    fx.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), pixels, 0, w);
    return new Image(looks, b, scale, fx);
  }

  private static Color colour(String hex) {
    return colour(hex, 255);
  }

  private static Color colour(String hex, int alpha) {
    Rgb c = Rgb.hex(hex);
    return new Color(c.r(), c.g(), c.b(), alpha);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
