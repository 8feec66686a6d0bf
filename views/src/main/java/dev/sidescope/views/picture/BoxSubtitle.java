package dev.sidescope.views.picture;

import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.picture.PictureBox;
import java.util.HashMap;
import java.util.Map;

/**
 * The small line under a box's title: the platform and what runs the workload, e.g. {@code
 * kubernetes · Deployment/order-service} or {@code ecs · TaskDefinition/order-service:3}. The
 * namespace or ECS cluster is the outer box's title; only a workload without an owner names it here
 * ({@code kubernetes · ns shop}).
 */
public final class BoxSubtitle {
  private final Map<String, String> byWorkload;

  private BoxSubtitle(Map<String, String> byWorkload) {
    this.byWorkload = byWorkload;
  }

  /** The subtitles of a picture's boxes, worked out once: they are drawn on every frame. */
  public static BoxSubtitle of(LaidOutPicture shown) {
    Map<String, String> byWorkload = new HashMap<>();
    for (Workload w : shown.snapshot().workloads()) {
      byWorkload.put(w.id(), of(w));
    }
    return new BoxSubtitle(byWorkload);
  }

  /**
   * The subtitle of one of the picture's boxes; a box without its own workload names the platform.
   */
  public String of(PictureBox box) {
    String subtitle = byWorkload.get(box.id());
    return subtitle != null ? subtitle : box.platform().wireName();
  }

  static String of(Workload w) {
    String where =
        w.owner()
            .orElseGet(() -> (w.platform() == Platform.ECS ? "cluster " : "ns ") + w.namespace());
    return w.platform().wireName() + " · " + where;
  }
}
