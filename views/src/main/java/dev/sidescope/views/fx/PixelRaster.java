package dev.sidescope.views.fx;

import dev.sidescope.views.picture.Point;
import dev.sidescope.views.picture.Rect;
import dev.sidescope.views.picture.Rgb;
import java.nio.IntBuffer;
import java.util.Arrays;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * A plain pixel buffer: rectangles, lines and dots, blended over what is there. The picture's
 * shapes are axis-aligned rectangles and its routes mostly horizontal and vertical, so this needs
 * neither anti-aliasing nor a toolkit, and runs on any thread.
 *
 * <p>Layout point {@code (x, y)} is pixel {@code (floor((x - originX) * scale), floor((y - originY)
 * * scale))}.
 */
final class PixelRaster {
  final int w;
  final int h;
  final int[] pixels;
  private final double originX;
  private final double originY;
  private final double scale;

  /** A raster of {@code w * h} pixels of the background colour. */
  PixelRaster(int w, int h, double originX, double originY, double scale, int background) {
    this.w = w;
    this.h = h;
    this.originX = originX;
    this.originY = originY;
    this.scale = scale;
    this.pixels = new int[w * h];
    Arrays.fill(pixels, background);
  }

  /** A raster just large enough for a layout rectangle at a scale. */
  static PixelRaster covering(Rect bounds, double scale, int background) {
    return new PixelRaster(
        Math.max(1, (int) Math.ceil(bounds.w() * scale)),
        Math.max(1, (int) Math.ceil(bounds.h() * scale)),
        bounds.x(),
        bounds.y(),
        scale,
        background);
  }

  /** An opaque colour with an alpha to blend it with. */
  static int argb(String hex, int alpha) {
    Rgb c = Rgb.hex(hex);
    return (alpha << 24) | (c.r() << 16) | (c.g() << 8) | c.b();
  }

  int x(double layoutX) {
    return (int) Math.floor((layoutX - originX) * scale);
  }

  int y(double layoutY) {
    return (int) Math.floor((layoutY - originY) * scale);
  }

  /**
   * The buffer as an image that keeps it, not a copy: nothing may draw on this raster after. Every
   * pixel is opaque, so plain ARGB is also the premultiplied form the renderer draws from, and
   * neither this thread nor the renderer converts the pixels. Any thread (the image is not in a
   * scene yet).
   */
  WritableImage image() {
    return new WritableImage(
        new PixelBuffer<>(w, h, IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance()));
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

  /** Fills the pixels {@code x0 <= x < x1, y0 <= y < y1}, as far as they are in the buffer. */
  void fillPixels(int x0, int y0, int x1, int y1, int argb) {
    int fx = Math.max(0, x0);
    int fy = Math.max(0, y0);
    int tx = Math.min(w, x1);
    int ty = Math.min(h, y1);
    if (fx >= tx || fy >= ty) {
      return;
    }
    if (argb >>> 24 == 255) {
      for (int y = fy; y < ty; y++) {
        Arrays.fill(pixels, y * w + fx, y * w + tx, argb);
      }
      return;
    }
    for (int y = fy; y < ty; y++) {
      for (int x = fx; x < tx; x++) {
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
    line(x(a.x()), y(a.y()), x(b.x()), y(b.y()), 1, argb);
  }

  /** A line between two pixels, {@code width} pixels wide (a square brush). */
  void line(int x0, int y0, int x1, int y1, int width, int argb) {
    int half = (width - 1) / 2;
    if (y0 == y1) {
      fillPixels(Math.min(x0, x1), y0 - half, Math.max(x0, x1) + 1, y0 - half + width, argb);
      return;
    }
    if (x0 == x1) {
      fillPixels(x0 - half, Math.min(y0, y1), x0 - half + width, Math.max(y0, y1) + 1, argb);
      return;
    }
    int dx = Math.abs(x1 - x0);
    int dy = -Math.abs(y1 - y0);
    int sx = x0 < x1 ? 1 : -1;
    int sy = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    while (true) {
      if (width == 1) {
        plot(x0, y0, argb);
      } else {
        fillPixels(x0 - half, y0 - half, x0 - half + width, y0 - half + width, argb);
      }
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

  /** A filled circle around a pixel position, {@code radius} pixels out. */
  void disc(double cx, double cy, double radius, int argb) {
    int y0 = (int) Math.floor(cy - radius);
    int y1 = (int) Math.ceil(cy + radius);
    for (int y = y0; y <= y1; y++) {
      double dy = y + 0.5 - cy;
      double half = radius * radius - dy * dy;
      if (half < 0) {
        continue;
      }
      double dx = Math.sqrt(half);
      int from = (int) Math.round(cx - dx);
      int to = (int) Math.round(cx + dx);
      fillPixels(from, y, to, y + 1, argb);
    }
  }

  /** Blends a colour of some alpha over an opaque pixel. */
  void plot(int x, int y, int argb) {
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
