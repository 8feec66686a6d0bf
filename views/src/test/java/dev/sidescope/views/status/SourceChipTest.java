package dev.sidescope.views.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SourceChipTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void liveSourceShouldSayLive() {
    SourceChip chip = SourceChip.of(SourceStatus.live("kubernetes/kind-dev", NOW), NOW);
    assertThat(chip.text()).isEqualTo("kubernetes/kind-dev · live");
    assertThat(chip.styleClass()).isEqualTo("source-live");
  }

  @Test
  void degradedSourceShouldSayWhy() {
    SourceChip chip =
        SourceChip.of(
            SourceStatus.of(
                "ecs/us-east-1", SourceState.DEGRADED, "throttled, retrying in 8 s", NOW),
            NOW);
    assertThat(chip.text()).isEqualTo("ecs/us-east-1 · throttled, retrying in 8 s");
    assertThat(chip.styleClass()).isEqualTo("source-degraded");
  }

  @Test
  void downSourceShouldSayDownAndWhy() {
    SourceChip chip =
        SourceChip.of(
            SourceStatus.of(
                "kubernetes/prod", SourceState.DOWN, "connection refused", NOW.minusSeconds(90)),
            NOW);
    assertThat(chip.text()).isEqualTo("kubernetes/prod · down, connection refused");
    assertThat(chip.styleClass()).isEqualTo("source-down");
    assertThat(chip.tooltip()).contains("1 min ago");
  }

  @Test
  void staleSourceShouldSayForHowLong() {
    SourceChip chip =
        SourceChip.of(
            SourceStatus.of("manifests", SourceState.STALE, null, NOW.minusSeconds(7200)), NOW);
    assertThat(chip.text()).isEqualTo("manifests · stale for 2 h");
  }

  @Test
  void liveSourceThatContributesNoWorkloadShouldSaySo() {
    TopologySnapshot seed = SeedSample.snapshot();
    assertThat(seed.workloads()).anyMatch(w -> w.spec().source().equals(SeedSample.ECS));
    assertThat(seed.workloads()).anyMatch(w -> w.spec().source().equals(SeedSample.KUBERNETES));
    TopologySnapshot kubernetesOnly =
        new TopologySnapshot(
            seed.takenAt(),
            seed.grouping(),
            seed.sources(),
            seed.workloads().stream()
                .filter(w -> !w.spec().source().equals(SeedSample.ECS))
                .toList(),
            seed.nodes(),
            seed.edges(),
            seed.findings(),
            seed.overlays());
    TopologySnapshot ecsOnly =
        new TopologySnapshot(
            seed.takenAt(),
            seed.grouping(),
            seed.sources(),
            seed.workloads().stream()
                .filter(w -> !w.spec().source().equals(SeedSample.KUBERNETES))
                .toList(),
            seed.nodes(),
            seed.edges(),
            seed.findings(),
            seed.overlays());
    SourceStatus ecs = SourceStatus.live(SeedSample.ECS, NOW);
    SourceStatus kubernetes = SourceStatus.live(SeedSample.KUBERNETES, NOW);

    assertThat(SourceChip.of(ecs, NOW, kubernetesOnly).text())
        .isEqualTo(SeedSample.ECS + " · live, 0 tasks");
    assertThat(SourceChip.of(kubernetes, NOW, ecsOnly).text())
        .isEqualTo(SeedSample.KUBERNETES + " · live, 0 pods");
    assertThat(SourceChip.of(ecs, NOW, seed).text()).isEqualTo(SeedSample.ECS + " · live");
    assertThat(SourceChip.of(kubernetes, NOW, seed).text())
        .isEqualTo(SeedSample.KUBERNETES + " · live");
    assertThat(SourceChip.of(SourceStatus.live("manifests", NOW), NOW, kubernetesOnly).text())
        .isEqualTo("manifests · live");
  }
}
