package dev.sidescope.views.picture;

import java.util.Locale;

/** A colour, parsed from and written as {@code #rrggbb}, with the mixing the palette needs. */
public record Rgb(int r, int g, int b) {

  public static Rgb hex(String hex) {
    String h = hex.startsWith("#") ? hex.substring(1) : hex;
    return new Rgb(
        Integer.parseInt(h.substring(0, 2), 16),
        Integer.parseInt(h.substring(2, 4), 16),
        Integer.parseInt(h.substring(4, 6), 16));
  }

  /** This colour moved toward {@code other} by {@code t} (0 keeps it, 1 gives {@code other}). */
  public Rgb mix(Rgb other, double t) {
    return new Rgb(
        (int) Math.round(r + (other.r - r) * t),
        (int) Math.round(g + (other.g - g) * t),
        (int) Math.round(b + (other.b - b) * t));
  }

  public String toHex() {
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  /** As GraphStream's style sheets write a translucent colour. */
  public String toRgba(double alpha) {
    return String.format(
        Locale.ROOT,
        "rgba(%d,%d,%d,%d)",
        r,
        g,
        b,
        (int) Math.round(Math.max(0, Math.min(1, alpha)) * 255));
  }
}
