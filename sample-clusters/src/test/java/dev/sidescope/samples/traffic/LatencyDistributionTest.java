package dev.sidescope.samples.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sidescope.samples.folder.TrafficFlow;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyDistributionTest {
  private static LatencyDistribution latencies(double p50, double p90, double p99) {
    return LatencyDistribution.of(new TrafficFlow("a", "b", 1, p50, p90, p99, 0));
  }

  @Test
  void theFlowsPercentilesAreTheDistributionsQuantiles() {
    LatencyDistribution storefront = latencies(35, 80, 160);

    assertThat(storefront.quantileMs(0.5)).isCloseTo(35, within(1e-9));
    assertThat(storefront.quantileMs(0.9)).isCloseTo(80, within(1e-9));
    assertThat(storefront.quantileMs(0.99)).isCloseTo(160, within(1e-9));
  }

  @Test
  void theTailGoesOnToP999AtTheRateFromP90ToP99AndNoFurther() {
    LatencyDistribution storefront = latencies(35, 80, 160);

    assertThat(storefront.quantileMs(0.999)).isCloseTo(320, within(1e-6));
    assertThat(storefront.capMs()).isCloseTo(320, within(1e-6));
    assertThat(storefront.quantileMs(0.999999)).isCloseTo(320, within(1e-6));
  }

  @Test
  void theFastestRequestIsOnTheLineThroughTheMedianAndP90() {
    LatencyDistribution storefront = latencies(35, 80, 160);
    double perNine = Math.log(80.0 / 35) / (1 - Math.log10(2));

    assertThat(storefront.quantileMs(0))
        .isCloseTo(35 * Math.exp(-perNine * Math.log10(2)), within(1e-9))
        .isBetween(24.0, 25.0);
  }

  @Test
  void quantilesNeverFallAsTheQuantileRises() {
    LatencyDistribution broken = latencies(45, 120, 900);
    double previous = 0;
    for (int i = 0; i < 10_000; i++) {
      double q = i / 10_000.0;
      assertThat(broken.quantileMs(q)).as("quantile %s", q).isGreaterThanOrEqualTo(previous);
      previous = broken.quantileMs(q);
    }
  }

  @Test
  void everyDrawLiesBetweenTheFastestRequestAndTheCap() {
    LatencyDistribution broken = latencies(45, 120, 900);
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 100_000; i++) {
      assertThat(broken.drawMs(random)).isBetween(broken.quantileMs(0), broken.capMs());
    }
  }

  @Test
  void aFlowWithoutLatenciesTakesAMicrosecond() {
    LatencyDistribution none = latencies(0, 0, 0);

    assertThat(none.quantileMs(0)).isCloseTo(LatencyDistribution.FLOOR_MS, within(1e-12));
    assertThat(none.capMs()).isCloseTo(LatencyDistribution.FLOOR_MS, within(1e-12));
  }

  @Test
  void percentilesWrittenOutOfOrderAreRaisedToTheOneBelow() {
    LatencyDistribution muddled = latencies(50, 20, 30);

    assertThat(muddled.quantileMs(0.9)).isCloseTo(50, within(1e-9));
    assertThat(muddled.quantileMs(0.99)).isCloseTo(50, within(1e-9));
    assertThat(muddled.capMs()).isCloseTo(50, within(1e-9));
  }
}
