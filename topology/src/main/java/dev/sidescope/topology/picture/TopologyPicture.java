package dev.sidescope.topology.picture;

import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.TopologySnapshot;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a {@link TopologySnapshot} looks like, drawn the way the seed diagram draws it: a box per
 * pod or task holding its app and sidecars, the services, AWS sinks, Vault and external hosts
 * outside, and arrows between them. Free of any output syntax, so the Mermaid and DOT exporters and
 * the views draw the same picture. Immutable; built by {@link PictureRenderer}.
 *
 * @param boxes one per workload, in the snapshot's order (by workload id)
 * @param outside the nodes outside every box, by id
 * @param edges the arrows, in the snapshot's edge order; every endpoint is a node of this picture
 */
public record TopologyPicture(
    List<PictureBox> boxes, List<PictureNode> outside, List<PictureEdge> edges) {

  public TopologyPicture {
    boxes = List.copyOf(boxes);
    outside = List.copyOf(outside);
    edges = List.copyOf(edges);
  }

  /** Renders a snapshot; the same snapshot always gives an equal picture. */
  public static TopologyPicture of(TopologySnapshot snapshot) {
    return PictureRenderer.render(snapshot);
  }

  /** Every node: the members of each box, box by box, then the outside ones. */
  public Stream<PictureNode> nodes() {
    return Stream.concat(boxes.stream().flatMap(b -> b.members().stream()), outside.stream());
  }

  /** The node with this id, inside a box or outside. */
  public Optional<PictureNode> node(String id) {
    return nodes().filter(n -> n.id().equals(id)).findFirst();
  }

  /**
   * The short text that marks something with findings, worst severity first: {@code ✖ error},
   * {@code ⚠ warning}, {@code ℹ info}.
   */
  public static String markerText(Severity severity) {
    return switch (severity) {
      case ERROR -> "✖ error";
      case WARNING -> "⚠ warning";
      case INFO -> "ℹ info";
    };
  }
}
