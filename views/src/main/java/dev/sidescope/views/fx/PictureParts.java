package dev.sidescope.views.fx;

import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.PictureNode;
import dev.sidescope.views.picture.BoxSubtitle;
import dev.sidescope.views.picture.EdgeKey;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.NodeLook;
import dev.sidescope.views.picture.PictureLooks;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Point;
import dev.sidescope.views.picture.Rect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What drawing a picture needs besides the picture, worked out once per picture and, for the
 * pictures the layout worker hands over, on that worker: the rectangle around it, each arrow's
 * route with the rectangle around the route, the box subtitles, and every node's look in the
 * palette and dimming the picture will most likely be shown in.
 *
 * <p>Immutable but for the looks it was made with; any thread.
 */
final class PictureParts {
  final LaidOutPicture picture;
  final Rect bounds;
  final List<PictureForeground.Route> routes;
  final BoxSubtitle subtitles;

  /** Each box with its place, in the picture's order: what a frame walks to find those in view. */
  final List<Placed<PictureBox>> boxes;

  /** Each node (members and outside) with its place, in the picture's order. */
  final List<Placed<PictureNode>> nodes;

  /** A box or node and where the layout put it. */
  record Placed<T>(T item, Rect rect) {}

  private final PicturePalette palette;
  private final Set<String> dimmed;
  private final Map<String, NodeLook> looks;

  private PictureParts(LaidOutPicture picture, PicturePalette palette, Set<String> dimmed) {
    this.picture = picture;
    this.bounds = picture.geometry().bounds();
    this.subtitles = BoxSubtitle.of(picture);
    List<PictureForeground.Route> r = new ArrayList<>();
    for (PictureEdge e : picture.picture().edges()) {
      List<Point> route = picture.geometry().routes().get(EdgeKey.of(e));
      if (route != null && route.size() >= 2) {
        r.add(new PictureForeground.Route(e, route, box(route)));
      }
    }
    this.routes = List.copyOf(r);
    Map<String, Rect> places = picture.geometry().nodes();
    List<Placed<PictureBox>> b = new ArrayList<>();
    for (PictureBox box : picture.picture().boxes()) {
      Rect at = places.get(box.id());
      if (at != null) {
        b.add(new Placed<>(box, at));
      }
    }
    this.boxes = List.copyOf(b);
    List<Placed<PictureNode>> n = new ArrayList<>();
    picture
        .picture()
        .nodes()
        .forEach(
            node -> {
              Rect at = places.get(node.id());
              if (at != null) {
                n.add(new Placed<>(node, at));
              }
            });
    this.nodes = List.copyOf(n);
    this.palette = palette;
    this.dimmed = Set.copyOf(dimmed);
    this.looks = PictureLooks.of(picture, palette, this.dimmed, Set.of());
  }

  /**
   * The parts of a picture that differs from {@code before}'s only in its arrows' figures and
   * labels ({@link dev.sidescope.views.picture.LiveRestyle}): the places, subtitles and, with the
   * same dimming, the looks are {@code before}'s own; only the arrows are new.
   */
  private PictureParts(PictureParts before, LaidOutPicture picture, Set<String> dimmed) {
    this.picture = picture;
    this.bounds = before.bounds;
    this.subtitles = before.subtitles;
    List<PictureForeground.Route> r = new ArrayList<>(before.routes.size());
    Map<String, List<Point>> places = picture.geometry().routes();
    for (PictureEdge e : picture.picture().edges()) {
      List<Point> route = places.get(EdgeKey.of(e));
      if (route != null && route.size() >= 2) {
        r.add(new PictureForeground.Route(e, route, box(route)));
      }
    }
    this.routes = List.copyOf(r);
    this.boxes = before.boxes;
    this.nodes = before.nodes;
    this.palette = before.palette;
    this.dimmed = Set.copyOf(dimmed);
    this.looks =
        this.dimmed.equals(before.dimmed)
            ? before.looks
            : PictureLooks.of(picture, palette, this.dimmed, Set.of());
  }

  /**
   * The parts of a live update that changed only numbers, from those of the picture before it; or
   * worked out afresh if {@code before} is of a picture laid out elsewhere.
   */
  static PictureParts restyled(PictureParts before, LaidOutPicture picture, Set<String> dimmed) {
    return before.picture.geometry() == picture.geometry()
        ? new PictureParts(before, picture, dimmed)
        : new PictureParts(picture, before.palette, dimmed);
  }

  /** Whether these parts keep every place of {@code other}'s: only the arrows were restyled. */
  boolean samePlacesAs(PictureParts other) {
    return other != null && picture.geometry() == other.picture.geometry();
  }

  /**
   * Works the parts out, with the looks for a palette and nodes dimmed, nothing hidden.
   *
   * @param dimmed what will be dimmed when nothing is found: the nodes of sources that are down
   */
  static PictureParts of(LaidOutPicture picture, PicturePalette palette, Set<String> dimmed) {
    return new PictureParts(picture, palette, dimmed);
  }

  /** Every node's look: worked out already if asked for the palette and dimming made with. */
  Map<String, NodeLook> looks(PicturePalette p, Set<String> dim, Set<String> hidden) {
    if (p.equals(palette) && dim.equals(dimmed) && hidden.isEmpty()) {
      return looks;
    }
    return PictureLooks.of(picture, p, dim, hidden);
  }

  private static Rect box(List<Point> route) {
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (Point p : route) {
      minX = Math.min(minX, p.x());
      minY = Math.min(minY, p.y());
      maxX = Math.max(maxX, p.x());
      maxY = Math.max(maxY, p.y());
    }
    return new Rect(minX, minY, maxX - minX, maxY - minY);
  }
}
