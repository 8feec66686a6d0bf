package dev.sidescope.views.picture;

import dev.sidescope.topology.export.PictureBox;

/**
 * The small line under a box's title: where the workload runs, e.g. {@code kubernetes · ns shop} or
 * {@code ecs · cluster prod}. Stands in for namespace and cluster outer boxes.
 */
public final class BoxSubtitle {
  private BoxSubtitle() {}

  public static String of(LaidOutPicture shown, PictureBox box) {
    return shown
        .snapshot()
        .workload(box.id())
        .map(
            w ->
                w.platform().wireName()
                    + " · "
                    + (w.platform() == dev.sidescope.topology.model.Platform.ECS
                        ? "cluster "
                        : "ns ")
                    + w.namespace())
        .orElse(box.platform().wireName());
  }
}
