package dev.sidescope.topology.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologyBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayPipelineTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final TopologyBase EMPTY =
      new TopologyBase(
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(SourceStatus.live("kubernetes/test", T0)),
          null);

  @Test
  void theStandardAppendersRunTrafficFirstTracedBeforeTheProxysBeforeMeasuredAndSourceHealthLast() {
    assertThat(OverlayPipeline.standard().names())
        .containsExactly("traced-traffic", "proxy-upstreams", "edge-traffic", "source-health");
  }

  @Test
  void appendersRunInTheOrderGivenEachOnThePreviousOnesResult() {
    List<String> ran = new ArrayList<>();
    OverlayPipeline pipeline =
        OverlayPipeline.of(List.of(recording("first", ran), recording("second", ran)));

    pipeline.run(EMPTY, OverlayData.EMPTY, T0);

    assertThat(ran).containsExactly("first", "second");
  }

  @Test
  void aFailingAppenderIsADegradedSourceAndTheOthersStillRun() {
    List<String> ran = new ArrayList<>();
    Appender failing =
        new Appender() {
          @Override
          public String name() {
            return "failing";
          }

          @Override
          public TopologyBase append(TopologyBase topology, OverlayData measurements) {
            throw new ArithmeticException("/ by zero");
          }
        };
    OverlayPipeline pipeline = OverlayPipeline.of(List.of(failing, recording("after", ran)));

    TopologyBase result = pipeline.run(EMPTY, OverlayData.EMPTY, T0);

    assertThat(ran).containsExactly("after");
    assertThat(result.sources())
        .extracting(SourceStatus::id)
        .containsExactly("kubernetes/test", "overlay/failing");
    SourceStatus overlay = result.sources().get(1);
    assertThat(overlay.status()).isEqualTo(SourceState.DEGRADED);
    assertThat(overlay.since()).contains(T0);
    assertThat(overlay.message().orElseThrow())
        .isEqualTo(
            "The failing overlay failed (ArithmeticException) and is left out of the picture;"
                + " the log file has the details.");
  }

  @Test
  void anAppenderThatReturnsNothingCountsAsFailed() {
    Appender nothing =
        new Appender() {
          @Override
          public String name() {
            return "nothing";
          }

          @Override
          public TopologyBase append(TopologyBase topology, OverlayData measurements) {
            return null;
          }
        };

    TopologyBase result = OverlayPipeline.of(List.of(nothing)).run(EMPTY, OverlayData.EMPTY, T0);

    assertThat(result.sources()).extracting(SourceStatus::id).contains("overlay/nothing");
  }

  private static Appender recording(String name, List<String> ran) {
    return new Appender() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public TopologyBase append(TopologyBase topology, OverlayData measurements) {
        ran.add(name);
        return topology;
      }
    };
  }
}
