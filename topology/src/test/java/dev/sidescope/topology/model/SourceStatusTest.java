package dev.sidescope.topology.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SourceStatusTest {
  private static final Instant T0 = Instant.parse("2026-12-08T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(5);

  @Test
  void theSameStateKeepsWhenItWasEnteredAndTakesTheNewMessage() {
    SourceStatus degraded = SourceStatus.of("envoy", SourceState.DEGRADED, "1 of 3 silent.", T0);

    SourceStatus next = degraded.then(SourceState.DEGRADED, "2 of 3 silent.", T1);

    assertThat(next.since()).contains(T0);
    assertThat(next.message()).contains("2 of 3 silent.");
    assertThat(next.id()).isEqualTo("envoy");
  }

  @Test
  void anotherStateIsEnteredNow() {
    SourceStatus live = SourceStatus.live("envoy", T0);

    SourceStatus next = live.then(SourceState.DOWN, "No sidecar answers.", T1);

    assertThat(next.since()).contains(T1);
    assertThat(next.status()).isEqualTo(SourceState.DOWN);
  }
}
