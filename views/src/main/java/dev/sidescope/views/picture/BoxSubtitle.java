package dev.sidescope.views.picture;

import dev.sidescope.topology.export.PictureBox;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Workload;

/**
 * The small line under a box's title: the platform and what runs the workload, e.g. {@code
 * kubernetes · Deployment/order-service} or {@code ecs · TaskDefinition/order-service:3}. The
 * namespace or ECS cluster is the outer box's title; only a workload without an owner names it here
 * ({@code kubernetes · ns shop}).
 */
public final class BoxSubtitle {
  private BoxSubtitle() {}

  public static String of(LaidOutPicture shown, PictureBox box) {
    return shown
        .snapshot()
        .workload(box.id())
        .map(BoxSubtitle::of)
        .orElse(box.platform().wireName());
  }

  static String of(Workload w) {
    String where =
        w.owner()
            .orElseGet(() -> (w.platform() == Platform.ECS ? "cluster " : "ns ") + w.namespace());
    return w.platform().wireName() + " · " + where;
  }
}
