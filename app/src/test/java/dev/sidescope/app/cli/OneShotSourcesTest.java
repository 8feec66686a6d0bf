package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OneShotSourcesTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Cannot reach ECS at http://127.0.0.1:1 (connection refused), retrying in 31 s."
            + " | Cannot reach ECS at http://127.0.0.1:1 (connection refused)",
        "connection refused to http://127.0.0.1:1; retrying | connection refused to http://127.0.0.1:1",
        "Cannot reach X-Ray at http://x (connection refused); next try in 61 s."
            + " | Cannot reach X-Ray at http://x (connection refused)",
        "X-Ray is throttling Sidescope; ask again in a minute. | X-Ray is throttling Sidescope",
        "Forbidden to list pods; asking again in 10 s. | Forbidden to list pods",
        "Forbidden to list events; trying again in 5 s | Forbidden to list events",
        "No Envoy admin answered. | No Envoy admin answered",
        "retrying is a word mid-sentence, here. | retrying is a word mid-sentence, here",
      })
  void aStatusIsToldWithoutWhatTheSourceWouldDoNext(String message, String told) {
    assertThat(OneShotSources.withoutNextAttempt(message)).isEqualTo(told);
  }

  @ParameterizedTest
  @CsvSource({
    "down, true",
    "connecting, true",
    "down:connecting, true",
    "live, false",
    "down:live, false",
    "down:stale, false",
    "down:degraded, false",
    "'', false",
  })
  void noSourceIsReachedWhenEveryOneIsDownOrStillConnecting(String states, boolean noneReached) {
    assertThat(OneShotSources.noneReached(snapshot(states))).isEqualTo(noneReached);
  }

  @ParameterizedTest
  @CsvSource({"degraded, true", "live, false"})
  void xrayBesideEcsCountsOnlyWhenItRead(String xray, boolean noneReached) {
    TopologySnapshot snapshot =
        withSources(
            List.of(
                SourceStatus.of("ecs/us-east-1", SourceState.DOWN, "Cannot reach ECS.", NOW),
                SourceStatus.of(
                    "xray/us-east-1",
                    SourceState.valueOf(xray.toUpperCase(Locale.ROOT)),
                    null,
                    NOW)));

    assertThat(OneShotSources.noneReached(snapshot)).isEqualTo(noneReached);
  }

  private static TopologySnapshot snapshot(String states) {
    List<SourceStatus> sources =
        Arrays.stream(states.split(":"))
            .filter(s -> !s.isEmpty())
            .map(
                s ->
                    SourceStatus.of(
                        "src/" + s, SourceState.valueOf(s.toUpperCase(Locale.ROOT)), null, NOW))
            .toList();
    return withSources(sources);
  }

  private static TopologySnapshot withSources(List<SourceStatus> sources) {
    return new TopologySnapshot(
        NOW, Grouping.POD, sources, List.of(), List.of(), List.of(), List.of());
  }
}
