package dev.sidescope.topology.picture;

import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An arrow of a {@link TopologyPicture} between two of its nodes.
 *
 * @param from the id of a {@link PictureNode} of the same picture
 * @param to the id of a {@link PictureNode} of the same picture
 * @param kind what the edge carries; {@code local} edges are drawn both ways (app and sidecar talk
 *     over localhost or a shared volume)
 * @param lines short text for the arrow, e.g. the log group of a {@code logs} edge or its traffic;
 *     empty where the endpoints say enough
 * @param marker the worst severity among the findings about the edge, where there are any
 * @param metrics the edge's measured traffic ({@link EdgeMetrics#NONE} where none was measured), so
 *     that a view can style the arrow by its numbers and not only print them
 */
public record PictureEdge(
    String from,
    String to,
    EdgeKind kind,
    List<String> lines,
    Optional<Severity> marker,
    EdgeMetrics metrics) {

  public PictureEdge {
    lines = List.copyOf(lines);
    marker = marker == null ? Optional.empty() : marker;
    metrics = metrics == null ? EdgeMetrics.NONE : metrics;
  }

  /** An arrow with no measured traffic. */
  public PictureEdge(
      String from, String to, EdgeKind kind, List<String> lines, Optional<Severity> marker) {
    this(from, to, kind, lines, marker, EdgeMetrics.NONE);
  }

  /** What the arrow's measured traffic says under these thresholds, for its colour and width. */
  public TrafficLevel traffic(TrafficThresholds thresholds) {
    return thresholds.levelOf(metrics);
  }

  /** The lines to draw: {@link #lines()}, then the finding marker's line when there is one. */
  public List<String> labelLines() {
    if (marker.isEmpty()) {
      return lines;
    }
    List<String> all = new ArrayList<>(lines);
    all.add(TopologyPicture.markerText(marker.get()));
    return List.copyOf(all);
  }
}
