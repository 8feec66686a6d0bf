package dev.sidescope.views.fx;

import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import dev.sidescope.views.ScalePods;
import dev.sidescope.views.picture.IncrementalLayout;
import dev.sidescope.views.picture.LaidOutPicture;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A made-up picture just large enough to be drawn the way large pictures are (by the foreground,
 * from tiles far out), for the console to draw once before its window shows. It never reaches the
 * screen.
 */
final class RehearsalPicture {
  /**
   * Pods, each with one to three sidecars: a little over the 700 drawn nodes of a large picture.
   */
  static final int PODS = 200;

  private RehearsalPicture() {}

  /** Builds, classifies and lays out the made-up cluster; any thread. */
  static LaidOutPicture make() {
    Instant at = Instant.EPOCH;
    return new IncrementalLayout()
        .next(
            SnapshotBuilder.standard(Clock.fixed(at, ZoneOffset.UTC))
                .build(ScalePods.of(PODS, "kubernetes/rehearsal", at), Grouping.POD),
            Optional.empty(),
            true);
  }
}
