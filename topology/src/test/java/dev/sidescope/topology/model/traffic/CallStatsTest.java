package dev.sidescope.topology.model.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CallStatsTest {
  private static final List<ResponseTimeBucket> TEN =
      List.of(
          new ResponseTimeBucket(20, 3),
          new ResponseTimeBucket(10, 5),
          new ResponseTimeBucket(50, 2));

  @Test
  void percentilesAreReadByNearestRankWorkedOutByHand() {
    // 10 ms x5, 20 ms x3, 50 ms x2. p50: rank 5 -> 10 ms; p90: rank 9 -> 50 ms (8 after 20 ms);
    // p80: rank 8 -> 20 ms; p99: rank 10 -> 50 ms.
    assertThat(CallStats.percentile(TEN, 0.50)).hasValue(10);
    assertThat(CallStats.percentile(TEN, 0.80)).hasValue(20);
    assertThat(CallStats.percentile(TEN, 0.90)).hasValue(50);
    assertThat(CallStats.percentile(TEN, 0.99)).hasValue(50);
    assertThat(CallStats.percentile(List.of(), 0.5)).isEqualTo(OptionalDouble.empty());
  }

  @Test
  void ratesAndErrorsComeFromTheCountsAndTheCoveredTime() {
    CallStats s = CallStats.fromHistogram(90, 6, 4, 2, 2_000, Duration.ofSeconds(20), TEN);
    assertThat(s.requests()).isEqualTo(100);
    assertThat(s.rps().getAsDouble()).isCloseTo(5.0, within(1e-9));
    assertThat(s.errorRate().getAsDouble()).isCloseTo(0.10, within(1e-9));
    assertThat(s.meanMs().getAsDouble()).isCloseTo(20.0, within(1e-9));
    assertThat(s.metrics().p90Ms()).hasValue(50);
    assertThat(s.histogram()).extracting(ResponseTimeBucket::ms).containsExactly(10.0, 20.0, 50.0);
  }

  @Test
  void twoWindowsAddUpAndTheirPercentilesComeFromTheMergedBars() {
    CallStats a =
        CallStats.fromHistogram(
            5, 0, 0, 0, 50, Duration.ofSeconds(60), List.of(new ResponseTimeBucket(10, 5)));
    CallStats b =
        CallStats.fromHistogram(
            4, 0, 1, 0, 500, Duration.ofSeconds(60), List.of(new ResponseTimeBucket(100, 5)));
    CallStats both = a.plus(b);
    assertThat(both.requests()).isEqualTo(10);
    assertThat(both.faults()).isEqualTo(1);
    assertThat(both.covered()).isEqualTo(Duration.ofSeconds(60));
    assertThat(both.p50Ms()).hasValue(10);
    assertThat(both.p90Ms()).hasValue(100);
  }
}
