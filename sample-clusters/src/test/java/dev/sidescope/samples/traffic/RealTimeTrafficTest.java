package dev.sidescope.samples.traffic;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.samples.folder.TrafficFlow;
import dev.sidescope.testing.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The simulator on a clock that the test moves: the traffic thread ticks in real time, but what it
 * produces depends only on where the clock stands, and the test waits for the requests it expects.
 */
class RealTimeTrafficTest {
  private static final Instant ORIGIN = TrafficSimulatorTest.ORIGIN;
  private static final TrafficFlow STOREFRONT = TrafficSimulatorTest.STOREFRONT;

  private final ManualClock clock = new ManualClock(ORIGIN);
  private final TrafficSimulator simulator = new TrafficSimulator(List.of(STOREFRONT), 1, ORIGIN);
  private final BlockingQueue<SimulatedRequest> heard = new LinkedBlockingQueue<>();

  RealTimeTrafficTest() {
    simulator.addListener(heard::add);
  }

  @Test
  void listenersHearTheRequestsUpToWhereTheClockStandsAndNoFurther() throws Exception {
    List<SimulatedRequest> firstSecond =
        TrafficSimulatorTest.run(List.of(STOREFRONT), 1, Duration.ofSeconds(1));

    try (RealTimeTraffic traffic = new RealTimeTraffic(simulator, clock)) {
      traffic.start();
      clock.set(ORIGIN.plusSeconds(1));
      for (SimulatedRequest expected : firstSecond) {
        assertThat(heard.poll(10, SECONDS)).isEqualTo(expected);
      }
    }

    assertThat(heard).isEmpty();
    assertThat(simulator.now()).isEqualTo(ORIGIN.plusSeconds(1));
  }

  @Test
  void stoppingEndsTheTrafficThread() {
    RealTimeTraffic traffic = new RealTimeTraffic(simulator, clock);
    traffic.start();
    assertThat(traffic.isRunning()).isTrue();

    traffic.stop();

    assertThat(traffic.isRunning()).isFalse();
    traffic.stop();
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheTraffic() throws Exception {
    AtomicInteger thrown = new AtomicInteger();
    simulator.addListener(
        r -> {
          thrown.incrementAndGet();
          throw new IllegalStateException("a listener's bug");
        });

    try (RealTimeTraffic traffic = new RealTimeTraffic(simulator, clock)) {
      traffic.start();
      clock.set(ORIGIN.plusSeconds(1));

      // Each throw ends an advance after one request; only a later tick hands over the second.
      SimulatedRequest first = heard.poll(10, SECONDS);
      SimulatedRequest second = heard.poll(10, SECONDS);
      assertThat(first).isNotNull();
      assertThat(second).isNotNull();
      assertThat(thrown).as("the listener threw before the second request").hasPositiveValue();
    }
  }

  @Test
  void aClockFarAheadIsCaughtUpWithOnlyItsLastSeconds() throws Exception {
    Instant later = ORIGIN.plus(Duration.ofHours(8));

    try (RealTimeTraffic traffic = new RealTimeTraffic(simulator, clock)) {
      clock.set(later);
      traffic.start();

      SimulatedRequest first = heard.poll(10, SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.start()).isAfter(later.minus(RealTimeTraffic.MAX_CATCH_UP));
    }
  }
}
