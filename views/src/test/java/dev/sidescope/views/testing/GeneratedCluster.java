package dev.sidescope.views.testing;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.views.ScalePods;
import dev.sidescope.views.picture.IncrementalLayout;
import dev.sidescope.views.picture.LaidOutPicture;
import java.util.Optional;

/**
 * A generated cluster of realistic shape for tests of scale: {@code pods} pods, each with one to
 * three sidecars ({@link ScalePods}), in the seed's Kubernetes source and at its time.
 */
public final class GeneratedCluster {
  private GeneratedCluster() {}

  public static Observations observations(int pods) {
    return ScalePods.of(pods, SeedSample.KUBERNETES, SeedSample.NOW);
  }

  /** The cluster's snapshot by pod, laid out whole. */
  public static LaidOutPicture laidOut(int pods) {
    return new IncrementalLayout()
        .next(SeedSample.snapshot(observations(pods), Grouping.POD), Optional.empty(), true);
  }
}
