package dev.sidescope.views.picture;

import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.TrafficLevel;
import dev.sidescope.topology.picture.TrafficThresholds;
import java.util.List;
import java.util.Locale;

/**
 * Where an arrow's label goes (the middle of its longest segment), and what a measured arrow too
 * short for its whole line says instead. Pure.
 */
public final class EdgeLabels {
  private EdgeLabels() {}

  /** The length of a route's longest segment, in layout units: the room its label has. */
  public static double room(List<Point> route) {
    double best = 0;
    for (int i = 0; i + 1 < route.size(); i++) {
      Point p = route.get(i);
      Point q = route.get(i + 1);
      best = Math.max(best, Math.hypot(q.x() - p.x(), q.y() - p.y()));
    }
    return best;
  }

  /**
   * The one figure that says most about a measured arrow, for where its whole line does not fit (an
   * app and its sidecar sit a few dozen pixels apart): "no traffic", the error rate when it warns,
   * else the p99, else the rate. Empty for an arrow nobody measured.
   */
  public static String compact(PictureEdge edge, TrafficThresholds thresholds) {
    EdgeMetrics m = edge.metrics();
    TrafficLevel level = edge.traffic(thresholds);
    if (!level.measured()) {
      return "";
    }
    if (level == TrafficLevel.NO_TRAFFIC) {
      return "no traffic";
    }
    if (m.errorRate().isPresent() && m.errorRate().getAsDouble() >= thresholds.errorWarn()) {
      return plain(m.errorRate().getAsDouble() * 100) + "% err";
    }
    if (m.p99Ms().isPresent()) {
      return "p99 " + Math.round(m.p99Ms().getAsDouble()) + " ms";
    }
    return m.rps().isPresent() ? plain(m.rps().getAsDouble()) + " rps" : "";
  }

  private static String plain(double v) {
    String text = String.format(Locale.ROOT, "%.1f", v);
    return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
  }

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
