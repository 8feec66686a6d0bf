package dev.sidescope.views.picture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.views.testing.Traffic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveRestyleTest {
  private static final TopologySnapshot SEED =
      SeedSample.snapshot(SeedSample.observations(), Grouping.POD);
  private static final LaidOutPicture SHOWN =
      new IncrementalLayout()
          .next(Traffic.onUpstream(SEED, Traffic.of(12, 180, 0)), Optional.empty(), true);

  @Test
  void newNumbersOnTheSameArrowsKeepThePlacesAndTakeTheNewLabels() {
    TopologySnapshot slower = Traffic.onUpstream(SEED, Traffic.of(3, 1200, 0.1));

    LaidOutPicture next = LiveRestyle.of(SHOWN, slower).orElseThrow();

    assertThat(next.geometry()).isSameAs(SHOWN.geometry());
    assertThat(next.tags()).isSameAs(SHOWN.tags());
    assertThat(next.fullLayout()).isFalse();
    assertThat(next.snapshot()).isSameAs(slower);
    assertThat(next.picture().edges())
        .anySatisfy(
            e -> assertThat(e.lines()).contains("3 rps · p50 300 · p99 1200 ms · 10% errors"));
  }

  @Test
  void numbersAppearingOnAnArrowNotMeasuredBeforeAreStillOnlyNumbers() {
    LaidOutPicture bare = new IncrementalLayout().next(SEED, Optional.empty(), true);

    assertThat(LiveRestyle.of(bare, Traffic.onUpstream(SEED, Traffic.of(1, 10, 0)))).isPresent();
  }

  @Test
  void aNewPodNeedsALayout() {
    TopologySnapshot more = SeedSample.snapshot(SeedSample.withExtraPod(), Grouping.POD);

    assertThat(LiveRestyle.of(SHOWN, more)).isEmpty();
  }

  @Test
  void aNewFindingMarkerNeedsALayoutSinceItChangesANodesLines() {
    List<Finding> findings = new ArrayList<>(SEED.findings());
    findings.add(
        new Finding(Severity.ERROR, "TEST", SeedSample.ORDER_XRAY, Optional.empty(), "Broken."));
    TopologySnapshot marked =
        new TopologySnapshot(
            SEED.takenAt(),
            SEED.grouping(),
            SEED.sources(),
            SEED.workloads(),
            SEED.nodes(),
            SEED.edges(),
            findings);

    assertThat(LiveRestyle.of(SHOWN, marked)).isEmpty();
  }

  @Test
  void anotherGroupingNeedsALayout() {
    TopologySnapshot byWorkload = SeedSample.snapshot(SeedSample.observations(), Grouping.WORKLOAD);

    assertThat(LiveRestyle.of(SHOWN, byWorkload)).isEmpty();
  }

  @Test
  void anSvgExportDrawsMeasuredArrowsByTheirLevel() {
    LaidOutPicture slow =
        LiveRestyle.of(SHOWN, Traffic.onUpstream(SEED, Traffic.of(3, 1200, 0))).orElseThrow();

    String svg = SvgWriter.write(slow, PicturePalette.of(Theme.LIGHT), Set.of());

    assertThat(svg)
        .contains("class=\"edge upstream traffic-bad\"")
        .contains("url(#arrow-traffic-bad)")
        .contains("3 rps · p50 300 · p99 1200 ms");
  }
}
