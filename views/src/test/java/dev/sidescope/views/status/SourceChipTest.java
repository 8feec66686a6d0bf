package dev.sidescope.views.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
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
}
