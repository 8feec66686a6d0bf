package dev.sidescope.views.picture;

import java.util.List;

/** Where an arrow's label goes: the middle of its longest segment. Pure. */
public final class EdgeLabels {
  private EdgeLabels() {}

  public static Point anchor(List<Point> route) {
    Point a = route.get(0);
    Point b = route.get(route.size() - 1);
    double best = -1;
    for (int i = 0; i + 1 < route.size(); i++) {
      Point p = route.get(i);
      Point q = route.get(i + 1);
      double len = Math.hypot(q.x() - p.x(), q.y() - p.y());
      if (len > best) {
        best = len;
        a = p;
        b = q;
      }
    }
    return new Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
  }
}
