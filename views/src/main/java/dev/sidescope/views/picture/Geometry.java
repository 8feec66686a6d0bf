package dev.sidescope.views.picture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where everything of a picture is: a rectangle per box, member and outside node (by id), and a
 * route per arrow (by {@link EdgeKey}), in layout units. Immutable.
 */
public record Geometry(Map<String, Rect> nodes, Map<String, List<Point>> routes) {

  public static final Geometry EMPTY = new Geometry(Map.of(), Map.of());

  public Geometry {
    nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    Map<String, List<Point>> copy = new LinkedHashMap<>();
    routes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    routes = java.util.Collections.unmodifiableMap(copy);
  }

  public Optional<Rect> rect(String id) {
    return Optional.ofNullable(nodes.get(id));
  }

  public Optional<List<Point>> route(String edgeKey) {
    return Optional.ofNullable(routes.get(edgeKey));
  }

  /** The rectangle around everything; an empty picture gives a small rectangle at the origin. */
  public Rect bounds() {
    Rect all = null;
    for (Rect r : nodes.values()) {
      all = all == null ? r : all.union(r);
    }
    for (List<Point> route : routes.values()) {
      for (Point p : route) {
        Rect dot = new Rect(p.x(), p.y(), 0, 0);
        all = all == null ? dot : all.union(dot);
      }
    }
    return all == null ? new Rect(0, 0, 1, 1) : all;
  }
}
