package dev.sidescope.topology.picture;

import dev.sidescope.topology.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One node of a {@link TopologyPicture}: a container inside a box, or something outside.
 *
 * @param id the model id it stands for (a container id or a node id); opaque, never shown
 * @param style what it is, for its colour
 * @param lines what a person reads, first line first: a container's name then its role, or an
 *     outside node's label
 * @param marker the worst severity among the findings about it, where there are any
 */
public record PictureNode(
    String id, NodeStyle style, List<String> lines, Optional<Severity> marker) {

  public PictureNode {
    lines = List.copyOf(lines);
    marker = marker == null ? Optional.empty() : marker;
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a node needs at least one line: " + id);
    }
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
