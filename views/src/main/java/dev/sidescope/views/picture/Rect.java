package dev.sidescope.views.picture;

/**
 * An axis-aligned rectangle in layout units, y pointing down (as ELK lays out). One layout unit is
 * one pixel at 100% zoom.
 */
public record Rect(double x, double y, double w, double h) {

  public double centerX() {
    return x + w / 2;
  }

  public double centerY() {
    return y + h / 2;
  }

  public double right() {
    return x + w;
  }

  public double bottom() {
    return y + h;
  }

  public boolean contains(double px, double py) {
    return px >= x && px <= x + w && py >= y && py <= y + h;
  }

  /** True when the other lies wholly inside this one. */
  public boolean contains(Rect other) {
    return other.x >= x && other.y >= y && other.right() <= right() && other.bottom() <= bottom();
  }

  public Rect moved(double dx, double dy) {
    return new Rect(x + dx, y + dy, w, h);
  }

  /** The smallest rectangle holding both. */
  public Rect union(Rect other) {
    double nx = Math.min(x, other.x);
    double ny = Math.min(y, other.y);
    return new Rect(
        nx, ny, Math.max(right(), other.right()) - nx, Math.max(bottom(), other.bottom()) - ny);
  }

  /** True when the two overlap by more than a touch. */
  public boolean overlaps(Rect other) {
    return x < other.right() && other.x < right() && y < other.bottom() && other.y < bottom();
  }

  /**
   * The part of the segment from {@code (ax, ay)} to {@code (bx, by)} inside this rectangle, as
   * fractions of the way along it: {@code {from, to}}, or null if none is (Liang–Barsky).
   */
  public double[] crossing(double ax, double ay, double bx, double by) {
    double dx = bx - ax;
    double dy = by - ay;
    double t0 = 0;
    double t1 = 1;
    double[] p = {-dx, dx, -dy, dy};
    double[] q = {ax - x, right() - ax, ay - y, bottom() - ay};
    for (int i = 0; i < 4; i++) {
      if (p[i] == 0) {
        if (q[i] < 0) {
          return null;
        }
      } else {
        double t = q[i] / p[i];
        if (p[i] < 0) {
          t0 = Math.max(t0, t);
        } else {
          t1 = Math.min(t1, t);
        }
      }
    }
    return t0 > t1 ? null : new double[] {t0, t1};
  }
}
