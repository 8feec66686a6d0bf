package dev.sidescope.views.picture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.views.testing.GeneratedCluster;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LayoutScaleTest {
  @Test
  void fiveHundredPodsShouldBeLaidOutWithinSecondsAndStayLandscape() {
    TopologySnapshot s = SeedSample.snapshot(GeneratedCluster.observations(500), Grouping.POD);
    IncrementalLayout layout = new IncrementalLayout();
    layout.next(
        SeedSample.snapshot(GeneratedCluster.observations(20), Grouping.POD),
        Optional.empty(),
        false);
    long start = System.nanoTime();
    LaidOutPicture p = layout.next(s, Optional.empty(), false);
    long millis = (System.nanoTime() - start) / 1_000_000;
    // Generous for a busy two-core machine; about a second on a quiet one.
    assertThat(millis).isLessThan(15_000);
    Rect b = p.geometry().bounds();
    assertThat(b.w() / b.h()).isBetween(0.9, 3.5);
    System.out.println(
        "500 pods laid out in " + millis + " ms, " + Math.round(b.w()) + "×" + Math.round(b.h()));
  }
}
