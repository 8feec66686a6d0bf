package dev.sidescope.topology.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrafficThresholdsTest {

  @ParameterizedTest(name = "{0} rps, p99 {1} ms, errors {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "12 | 180   | 0.004 | OK",
        "12 | 249.9 | 0.0099| OK",
        "12 | 250   | 0     | WARN",
        "12 | 999   | -     | WARN",
        "12 | 1000  | 0     | BAD",
        "12 | 40    | 0.01  | WARN",
        "12 | 40    | 0.05  | BAD",
        "12 | 300   | 0.06  | BAD",
        "0  | 5000  | 0.5   | NO_TRAFFIC",
        "0  | -     | -     | NO_TRAFFIC",
        "-  | 180   | -     | OK",
        "-  | -     | 0.2   | BAD",
      })
  void theDefaultsShouldStyleByTheWorseOfP99AndErrorRate(
      Double rps, Double p99, Double errors, TrafficLevel level) {
    EdgeMetrics m =
        new EdgeMetrics(
            optional(rps),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            optional(p99),
            optional(errors));

    assertThat(TrafficThresholds.DEFAULTS.levelOf(m)).isEqualTo(level);
  }

  @Test
  void anEdgeWithNoFiguresHasNoDataWhichIsNotTheSameAsNoTraffic() {
    PictureEdge bare = new PictureEdge("a", "b", EdgeKind.UPSTREAM, List.of(), Optional.empty());
    PictureEdge idle =
        new PictureEdge(
            "a",
            "b",
            EdgeKind.UPSTREAM,
            List.of(),
            Optional.empty(),
            new EdgeMetrics(
                OptionalDouble.of(0),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty()));

    assertThat(bare.traffic(TrafficThresholds.DEFAULTS)).isEqualTo(TrafficLevel.NO_DATA);
    assertThat(idle.traffic(TrafficThresholds.DEFAULTS)).isEqualTo(TrafficLevel.NO_TRAFFIC);
    assertThat(TrafficLevel.NO_DATA.measured()).isFalse();
    assertThat(TrafficLevel.NO_TRAFFIC.measured()).isTrue();
  }

  @Test
  void otherThresholdsMoveTheBounds() {
    TrafficThresholds strict = new TrafficThresholds(50, 100, 0.001, 0.002);
    EdgeMetrics m =
        new EdgeMetrics(
            OptionalDouble.of(3),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.of(60),
            OptionalDouble.of(0));

    assertThat(strict.levelOf(m)).isEqualTo(TrafficLevel.WARN);
    assertThat(TrafficThresholds.DEFAULTS.levelOf(m)).isEqualTo(TrafficLevel.OK);
  }

  @Test
  void aBadBoundBelowItsWarningBoundIsRefused() {
    assertThatThrownBy(() -> new TrafficThresholds(500, 250, 0.01, 0.05))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TrafficThresholds(250, 1000, 0.05, 0.01))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void classNamesAreCssFriendly() {
    assertThat(TrafficLevel.NO_TRAFFIC.className()).isEqualTo("traffic-no-traffic");
    assertThat(TrafficLevel.BAD.className()).isEqualTo("traffic-bad");
  }

  private static OptionalDouble optional(Double value) {
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }
}
