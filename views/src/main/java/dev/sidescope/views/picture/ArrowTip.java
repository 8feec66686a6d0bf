package dev.sidescope.views.picture;

import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.PictureNode;
import dev.sidescope.topology.picture.PictureRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the tooltip of an arrow says, so that the many arrows into one upstream can be told apart:
 * where it comes from and goes to (a member with its box's title, since every pod has an {@code
 * envoy}), its kind, what the arrow is known from, and its figures where its traffic was measured,
 * each with the source that measured it. Pure.
 */
public final class ArrowTip {
  private ArrowTip() {}

  /** The tooltip's lines, joined by newlines. */
  public static String text(LaidOutPicture shown, PictureEdge arrow) {
    List<String> lines = new ArrayList<>();
    lines.add("from " + name(shown, arrow.from()));
    lines.add("to " + name(shown, arrow.to()));
    lines.add("kind " + arrow.kind().wireName());
    Optional<Edge> edge = modelEdge(shown, arrow);
    edge.filter(e -> !e.evidence().isEmpty())
        .ifPresent(
            e ->
                lines.add(
                    "evidence "
                        + e.evidence().stream()
                            .sorted()
                            .map(ArrowTip::source)
                            .collect(Collectors.joining(", "))));
    Map<Evidence, EdgeMetrics> by = edge.map(Edge::measuredBy).orElse(Map.of());
    if (by.isEmpty()) {
      PictureRenderer.metricsLine(arrow.metrics()).ifPresent(lines::add);
    } else {
      by.forEach(
          (source, figures) ->
              PictureRenderer.metricsLine(figures)
                  .ifPresent(m -> lines.add(m + " (" + source(source) + ")")));
    }
    arrow.lines().stream()
        .filter(l -> !lines.contains(l) && !l.equals(metricsOf(arrow)))
        .forEach(lines::add);
    arrow
        .marker()
        .ifPresent(m -> lines.add(dev.sidescope.topology.picture.TopologyPicture.markerText(m)));
    return String.join("\n", lines);
  }

  private static String metricsOf(PictureEdge arrow) {
    return PictureRenderer.metricsLine(arrow.metrics()).orElse("");
  }

  /** A node's name: a member's with its box's title, an outside node's alone; else its id. */
  static String name(LaidOutPicture shown, String id) {
    for (PictureBox box : shown.picture().boxes()) {
      for (PictureNode m : box.members()) {
        if (m.id().equals(id)) {
          return m.lines().get(0) + " (" + box.title() + ")";
        }
      }
    }
    return shown.picture().outside().stream()
        .filter(n -> n.id().equals(id))
        .findFirst()
        .map(n -> n.lines().get(0))
        .orElse(id);
  }

  /** The snapshot's edge the arrow draws, where the arrow's ends are the edge's own. */
  private static Optional<Edge> modelEdge(LaidOutPicture shown, PictureEdge arrow) {
    for (Edge e : shown.snapshot().edges()) {
      if (e.from().equals(arrow.from()) && e.to().equals(arrow.to()) && e.kind() == arrow.kind()) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** How a source of knowledge is named, as the inspector names it. */
  static String source(Evidence e) {
    return switch (e) {
      case ENVOY -> "Envoy";
      case XRAY -> "X-Ray";
      case KUBERNETES -> "Kubernetes";
      case ECS -> "ECS";
      case MANIFEST -> "manifest";
    };
  }
}
