package dev.sidescope.samples.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.folder.SampleClusterFolder;
import dev.sidescope.samples.folder.TrafficFlow;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator in simulated time only: no test waits for a clock.
 *
 * <p>The statistical checks allow four standard errors of the quantity checked at the number of
 * requests simulated: a Poisson count {@code rps·T ± 4√(rps·T)}; an error count {@code n·r ±
 * 4√(n·r·(1−r))}; a percentile {@code q} of the durations must have the model's value between the
 * sample's quantiles at {@code q ± 4√(q(1−q)/n)} (a confidence interval that needs no assumption
 * about the distribution). A simulator that is right misses one of these by chance with a
 * probability of about 6·10⁻⁵ per check, and the seeds are fixed, so the outcome is the same on
 * every run; a simulator that is wrong by more than the bound fails.
 */
class TrafficSimulatorTest {
  static final Instant ORIGIN = Instant.parse("2026-11-26T10:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final double SIGMAS = 4;

  static final TrafficFlow STOREFRONT =
      new TrafficFlow("storefront", "order-service", 40, 35, 80, 160, 0.002);

  /** Every request of {@code flows} until {@code ORIGIN + length}, advanced in one step. */
  static List<SimulatedRequest> run(List<TrafficFlow> flows, long seed, Duration length) {
    TrafficSimulator simulator = new TrafficSimulator(flows, seed, ORIGIN);
    List<SimulatedRequest> heard = heardFrom(simulator);
    simulator.advanceTo(ORIGIN.plus(length));
    return heard;
  }

  /** A list that {@code simulator} adds each request it hands over to. */
  private static List<SimulatedRequest> heardFrom(TrafficSimulator simulator) {
    List<SimulatedRequest> heard = new ArrayList<>();
    simulator.addListener(heard::add);
    return heard;
  }

  private static List<TrafficFlow> builtInTraffic(String sample) throws IOException {
    return SampleClusterFolder.read(BuiltInSamples.folder(sample).orElseThrow()).traffic();
  }

  @Test
  void aSimulatedMinuteOfTheSeedSampleFollowsItsTrafficModel() throws IOException {
    List<TrafficFlow> flows = builtInTraffic("seed");
    assertThat(flows).hasSize(4);

    List<SimulatedRequest> minute = run(flows, 1, MINUTE);

    for (TrafficFlow flow : flows) {
      assertFollowsTheModel(flow, ofFlow(minute, flow), MINUTE);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"seed", "mesh", "broken"})
  void tenSimulatedMinutesOfEachBuiltInSampleFollowItsTrafficModel(String sample)
      throws IOException {
    List<TrafficFlow> flows = builtInTraffic(sample);
    Duration length = Duration.ofMinutes(10);

    List<SimulatedRequest> requests = run(flows, 7, length);

    for (TrafficFlow flow : flows) {
      assertFollowsTheModel(flow, ofFlow(requests, flow), length);
    }
  }

  @Test
  void theStorefrontsPercentilesComeOutWithinAFewPercentOfTheModel() {
    // 24,000 requests in ten minutes. Four standard errors of the quantile, q ± 4√(q(1−q)/n),
    // carried through the model's slopes, are ±1.3% at p50, −3.8%/+2.4% at p90, −7%/+9.5% at p99.
    List<Double> sorted = sortedMs(run(List.of(STOREFRONT), 3, Duration.ofMinutes(10)));

    assertThat(quantile(sorted, 0.5)).isBetween(35 * 0.97, 35 * 1.03);
    assertThat(quantile(sorted, 0.9)).isBetween(80 * 0.95, 80 * 1.05);
    assertThat(quantile(sorted, 0.99)).isBetween(160 * 0.90, 160 * 1.10);
  }

  @Test
  void theSameSeedGivesTheSameRequests() throws IOException {
    List<TrafficFlow> flows = builtInTraffic("broken");

    assertThat(run(flows, 42, MINUTE)).isNotEmpty().isEqualTo(run(flows, 42, MINUTE));
  }

  @Test
  void aDifferentSeedGivesDifferentRequests() throws IOException {
    List<TrafficFlow> flows = builtInTraffic("broken");
    List<SimulatedRequest> one = run(flows, 42, MINUTE);
    List<SimulatedRequest> other = run(flows, 43, MINUTE);

    assertThat(other).isNotEqualTo(one);
    assertThat(other.get(0).start()).isNotEqualTo(one.get(0).start());
    assertThat(other.get(0).traceId()).isNotEqualTo(one.get(0).traceId());
  }

  @Test
  void requestsComeInTheOrderTheyStart() throws IOException {
    List<SimulatedRequest> requests = run(builtInTraffic("mesh"), 1, MINUTE);

    assertThat(requests).hasSizeGreaterThan(2_000);
    for (int i = 1; i < requests.size(); i++) {
      assertThat(requests.get(i).start()).isAfterOrEqualTo(requests.get(i - 1).start());
    }
    assertThat(requests.get(0).start()).isAfter(ORIGIN);
    assertThat(requests.get(requests.size() - 1).start()).isBeforeOrEqualTo(ORIGIN.plus(MINUTE));
  }

  @Test
  void advancingInSmallStepsGivesTheSameRequestsAsOneLargeStep() throws IOException {
    List<TrafficFlow> flows = builtInTraffic("seed");
    List<SimulatedRequest> oneStep = run(flows, 9, MINUTE);

    TrafficSimulator simulator = new TrafficSimulator(flows, 9, ORIGIN);
    List<SimulatedRequest> steps = heardFrom(simulator);
    Random stepSizes = new Random(9);
    Instant t = ORIGIN;
    while (t.isBefore(ORIGIN.plus(MINUTE))) {
      // Steps of 0 to 5 ms, many of them ending between two requests, some on none at all.
      t = t.plusNanos(stepSizes.nextInt(5_000_001));
      t = t.isAfter(ORIGIN.plus(MINUTE)) ? ORIGIN.plus(MINUTE) : t;
      simulator.advanceTo(t);
    }

    assertThat(steps).isEqualTo(oneStep);
  }

  @Test
  void aStepThatEndsOnARequestsStartHandsItOverOnce() throws IOException {
    List<TrafficFlow> flows = builtInTraffic("seed");
    List<SimulatedRequest> oneStep = run(flows, 11, MINUTE);

    TrafficSimulator simulator = new TrafficSimulator(flows, 11, ORIGIN);
    List<SimulatedRequest> steps = heardFrom(simulator);
    for (SimulatedRequest request : oneStep) {
      int before = steps.size();
      simulator.advanceTo(request.start());
      assertThat(steps.subList(before, steps.size())).contains(request);
      assertThat(simulator.now()).isEqualTo(request.start());
    }
    simulator.advanceTo(ORIGIN.plus(MINUTE));

    assertThat(steps).isEqualTo(oneStep);
  }

  @Test
  void advancingToAnEarlierTimeHandsOverNothing() {
    TrafficSimulator simulator = new TrafficSimulator(List.of(STOREFRONT), 1, ORIGIN);
    List<SimulatedRequest> heard = heardFrom(simulator);
    simulator.advanceTo(ORIGIN.plus(MINUTE));
    int afterAMinute = heard.size();

    assertThat(simulator.advanceTo(ORIGIN.plusSeconds(30))).isZero();
    assertThat(simulator.advanceTo(ORIGIN.minusSeconds(30))).isZero();
    assertThat(heard).hasSize(afterAMinute);
    assertThat(simulator.now()).isEqualTo(ORIGIN.plus(MINUTE));
  }

  @Test
  void aFlowWithErrorRateZeroHasNoFaults() {
    TrafficFlow clean = new TrafficFlow("ledger", "ledger-db.internal", 30, 5, 12, 40, 0);

    List<SimulatedRequest> requests = run(List.of(clean), 1, Duration.ofMinutes(10));

    assertThat(requests).hasSizeGreaterThan(17_000).noneMatch(SimulatedRequest::isFault);
  }

  @Test
  void aFlowWithErrorRateOneFailsEveryTime() {
    TrafficFlow down = new TrafficFlow("checkout", "ledger", 30, 5, 12, 40, 1);

    assertThat(run(List.of(down), 1, MINUTE))
        .isNotEmpty()
        .allMatch(SimulatedRequest::isFault)
        .allMatch(r -> Set.of(500, 503, 504).contains(r.status()));
  }

  @Test
  void aFlowWithRateZeroProducesNothing() {
    TrafficFlow idle = new TrafficFlow("cron", "reports", 0, 5, 12, 40, 0.5);

    assertThat(run(List.of(idle), 1, Duration.ofHours(1))).isEmpty();
  }

  @Test
  void aFlowsRequestsDoNotDependOnTheRatesOfTheFlowsBeforeIt() {
    TrafficFlow idle = new TrafficFlow("cron", "reports", 0, 5, 12, 40, 0.5);
    TrafficFlow busy = new TrafficFlow("cron", "reports", 25, 5, 12, 40, 0.5);

    List<SimulatedRequest> afterIdle = run(List.of(idle, STOREFRONT), 1, MINUTE);
    List<SimulatedRequest> afterBusy = run(List.of(busy, STOREFRONT), 1, MINUTE);

    assertThat(afterIdle)
        .isNotEmpty()
        .isEqualTo(afterBusy.stream().filter(r -> r.from().equals("storefront")).toList());
  }

  @Test
  void skippingAheadHandsOverNothingBeforeAndCarriesOnAtTheRate() {
    TrafficSimulator simulator = new TrafficSimulator(List.of(STOREFRONT), 1, ORIGIN);
    List<SimulatedRequest> heard = heardFrom(simulator);

    simulator.skipTo(ORIGIN.plus(Duration.ofHours(8)));
    simulator.advanceTo(ORIGIN.plus(Duration.ofHours(8)).plus(MINUTE));

    assertThat(heard)
        .allMatch(r -> r.start().isAfter(ORIGIN.plus(Duration.ofHours(8))))
        .hasSizeBetween(2_400 - 4 * 49, 2_400 + 4 * 49);
  }

  @Test
  void eachRequestCarriesIdsInTheShapesOfXRayAndEnvoy() {
    List<SimulatedRequest> requests = run(List.of(STOREFRONT), 1, MINUTE);
    Set<String> traces = new HashSet<>();
    Set<String> spans = new HashSet<>();

    for (SimulatedRequest r : requests) {
      assertThat(r.traceId())
          .matches("1-[0-9a-f]{8}-[0-9a-f]{24}")
          .startsWith("1-" + Long.toHexString(r.start().getEpochSecond()) + "-");
      assertThat(r.clientSpanId()).matches("[0-9a-f]{16}");
      assertThat(r.serverSpanId()).matches("[0-9a-f]{16}");
      assertThat(r.requestId())
          .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      assertThat(r.path()).isEqualTo("/order-service");
      assertThat(r.end()).isEqualTo(r.start().plus(r.duration()));
      traces.add(r.traceId());
      spans.add(r.clientSpanId());
      spans.add(r.serverSpanId());
    }
    assertThat(traces).hasSize(requests.size());
    assertThat(spans).hasSize(2 * requests.size());
  }

  @Test
  void aFlowWithANegativeRateIsRefused() {
    TrafficFlow backwards = new TrafficFlow("a", "b", -1, 5, 12, 40, 0);

    assertThatThrownBy(() -> new TrafficSimulator(List.of(backwards), 1, ORIGIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a -> b");
  }

  // ---- the model's checks -----------------------------------------------------------------

  private static List<SimulatedRequest> ofFlow(List<SimulatedRequest> all, TrafficFlow flow) {
    return all.stream()
        .filter(r -> r.from().equals(flow.from()) && r.to().equals(flow.to()))
        .toList();
  }

  /** Count, percentiles and faults of one flow's requests against its model, as the class says. */
  private static void assertFollowsTheModel(
      TrafficFlow flow, List<SimulatedRequest> requests, Duration length) {
    String name = flow.from() + " -> " + flow.to();
    double expected = flow.rps() * length.toSeconds();
    assertThat((double) requests.size())
        .as("%s: requests in %s (%s expected)", name, length, expected)
        .isBetween(
            expected - SIGMAS * Math.sqrt(expected), expected + SIGMAS * Math.sqrt(expected));

    List<Double> sorted = sortedMs(requests);
    assertQuantileIsTheModels(name, sorted, 0.5, flow.p50Ms());
    assertQuantileIsTheModels(name, sorted, 0.9, flow.p90Ms());
    assertQuantileIsTheModels(name, sorted, 0.99, flow.p99Ms());

    long faults = requests.stream().filter(SimulatedRequest::isFault).count();
    double n = requests.size();
    double expectedFaults = n * flow.errorRate();
    double spread = SIGMAS * Math.sqrt(n * flow.errorRate() * (1 - flow.errorRate()));
    assertThat((double) faults)
        .as("%s: faults of %s requests at error rate %s", name, requests.size(), flow.errorRate())
        .isBetween(expectedFaults - spread, expectedFaults + spread);
  }

  /**
   * The model's {@code q}-quantile lies between the sample's quantiles at {@code q} minus and plus
   * four standard errors of a proportion: the share of durations below the model's value is {@code
   * q} within that error. Skipped when fewer than ten durations are expected above the quantile (a
   * p99 of a few dozen requests, say): then the sample's top says nothing about it.
   */
  private static void assertQuantileIsTheModels(
      String name, List<Double> sorted, double q, double modelMs) {
    if (sorted.size() * (1 - q) < 10) {
      return;
    }
    double error = SIGMAS * Math.sqrt(q * (1 - q) / sorted.size());
    assertThat(modelMs)
        .as("%s: p%s of %s durations", name, Math.round(q * 100), sorted.size())
        .isBetween(quantile(sorted, Math.max(0, q - error)), quantile(sorted, q + error));
  }

  private static List<Double> sortedMs(List<SimulatedRequest> requests) {
    return requests.stream().map(r -> r.duration().toNanos() / 1e6).sorted().toList();
  }

  /** The sample's {@code q}-quantile: the value at rank ⌈q·n⌉ (from 1), at most the largest. */
  private static double quantile(List<Double> sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.min(sorted.size(), Math.max(1, rank)) - 1);
  }
}
