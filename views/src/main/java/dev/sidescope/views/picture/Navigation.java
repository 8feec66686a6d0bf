package dev.sidescope.views.picture;

import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.PictureNode;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which node a point or an arrow key leads to: hit testing (members and outside nodes before the
 * boxes behind them) and keyboard moves to the nearest node in a direction. Pure.
 */
public final class Navigation {
  /** The arrow keys. */
  public enum Direction {
    LEFT,
    RIGHT,
    UP,
    DOWN
  }

  private Navigation() {}

  /** The node under a point (layout units): a member or outside node first, else a box. */
  public static Optional<String> hit(LaidOutPicture shown, double x, double y, Set<String> hidden) {
    Optional<String> node = hitNode(shown, x, y, hidden);
    return node.isPresent() ? node : hitBox(shown, x, y, hidden);
  }

  /** The member or outside node under a point (layout units), boxes left out. */
  public static Optional<String> hitNode(
      LaidOutPicture shown, double x, double y, Set<String> hidden) {
    Geometry g = shown.geometry();
    return shown
        .picture()
        .nodes()
        .map(PictureNode::id)
        .filter(id -> !hidden.contains(id))
        .filter(id -> g.rect(id).map(r -> r.contains(x, y)).orElse(false))
        .findFirst();
  }

  /**
   * The arrow nearest a point (layout units), within {@code tolerance} of its drawn route; arrows
   * to or from hidden nodes are left out.
   */
  public static Optional<PictureEdge> hitArrow(
      LaidOutPicture shown, double x, double y, double tolerance, Set<String> hidden) {
    PictureEdge best = null;
    double bestDistance = tolerance;
    for (PictureEdge e : shown.picture().edges()) {
      if (hidden.contains(e.from()) || hidden.contains(e.to())) {
        continue;
      }
      List<Point> route = shown.geometry().routes().get(EdgeKey.of(e));
      if (route == null) {
        continue;
      }
      for (int i = 1; i < route.size(); i++) {
        double d = distance(route.get(i - 1), route.get(i), x, y);
        if (d <= bestDistance) {
          bestDistance = d;
          best = e;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** From a point to the segment {@code a}–{@code b}. */
  public static double distance(Point a, Point b, double x, double y) {
    double dx = b.x() - a.x();
    double dy = b.y() - a.y();
    double length2 = dx * dx + dy * dy;
    double t = length2 == 0 ? 0 : ((x - a.x()) * dx + (y - a.y()) * dy) / length2;
    t = Math.max(0, Math.min(1, t));
    double px = a.x() + t * dx - x;
    double py = a.y() + t * dy - y;
    return Math.sqrt(px * px + py * py);
  }

  /** The box under a point (layout units). */
  public static Optional<String> hitBox(
      LaidOutPicture shown, double x, double y, Set<String> hidden) {
    Geometry g = shown.geometry();
    return shown.picture().boxes().stream()
        .map(b -> b.id())
        .filter(id -> !hidden.contains(id))
        .filter(id -> g.rect(id).map(r -> r.contains(x, y)).orElse(false))
        .findFirst();
  }

  /**
   * The nearest of {@code candidates} from {@code current} in a direction: it must lie more that
   * way than sideways; distance counts sideways drift double.
   */
  public static Optional<String> next(
      Geometry g, String current, Direction direction, Collection<String> candidates) {
    Optional<Rect> from = g.rect(current);
    if (from.isEmpty()) {
      return candidates.stream().findFirst();
    }
    double cx = from.get().centerX();
    double cy = from.get().centerY();
    String best = null;
    double bestScore = Double.MAX_VALUE;
    for (String id : candidates) {
      if (id.equals(current)) {
        continue;
      }
      Rect r = g.nodes().get(id);
      if (r == null) {
        continue;
      }
      double dx = r.centerX() - cx;
      double dy = r.centerY() - cy;
      double along;
      double across;
      switch (direction) {
        case RIGHT -> {
          along = dx;
          across = Math.abs(dy);
        }
        case LEFT -> {
          along = -dx;
          across = Math.abs(dy);
        }
        case DOWN -> {
          along = dy;
          across = Math.abs(dx);
        }
        default -> {
          along = -dy;
          across = Math.abs(dx);
        }
      }
      if (along <= 1 || across > along * 2.5) {
        continue;
      }
      double score = along + 2 * across;
      if (score < bestScore) {
        bestScore = score;
        best = id;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The ids arrow keys move between: members and outside nodes, in picture order. */
  public static List<String> stops(LaidOutPicture shown, Set<String> hidden) {
    return shown.picture().nodes().map(PictureNode::id).filter(id -> !hidden.contains(id)).toList();
  }
}
