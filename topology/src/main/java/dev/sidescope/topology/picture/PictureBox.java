package dev.sidescope.topology.picture;

import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Severity;
import java.util.List;
import java.util.Optional;

/**
 * A pod or task box of a {@link TopologyPicture}, holding its app and sidecar containers (or, when
 * grouped, one box standing for several replicas).
 *
 * @param id the workload id; opaque, never shown
 * @param title what a person reads on the box, e.g. {@code Pod order-service-5f7c9-x2k4q}, {@code
 *     ECS task order-service}, {@code Deployment/order-service ×3}
 * @param platform where the workload runs
 * @param replicas how many pods or tasks the box stands for
 * @param members the containers drawn inside: apps, then sidecars, then init containers
 * @param marker the worst severity among the findings about the workload itself (not about one of
 *     its containers), where there are any
 */
public record PictureBox(
    String id,
    String title,
    Platform platform,
    int replicas,
    List<PictureNode> members,
    Optional<Severity> marker) {

  public PictureBox {
    members = List.copyOf(members);
    marker = marker == null ? Optional.empty() : marker;
  }

  /** The title to draw: {@link #title()}, followed by the finding marker when there is one. */
  public String titleLine() {
    return marker.map(m -> title + "  " + TopologyPicture.markerText(m)).orElse(title);
  }
}
