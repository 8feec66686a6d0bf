package dev.sidescope.views.console;

import static dev.sidescope.testing.SeedSample.ORDER_APP;
import static dev.sidescope.testing.SeedSample.ORDER_POD;
import static dev.sidescope.testing.SeedSample.ORDER_XRAY;
import static dev.sidescope.testing.SeedSample.PAYMENT_POD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.picture.TrafficLevel;
import dev.sidescope.topology.source.TraceQueries.TraceFilter;
import dev.sidescope.views.NoTracing;
import dev.sidescope.views.testing.CannedTraces;
import dev.sidescope.views.testing.TracedSeed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The Traffic tab's decisions, with no toolkit: answers are handed back at once. */
class TrafficViewModelTest {
  private static final Executor AT_ONCE = Runnable::run;
  private static final Instant NOW = Instant.parse("2026-12-07T21:00:00Z");
  private static final TopologySnapshot SEED = SeedSample.snapshot();
  private static final TopologySnapshot TRACED = TracedSeed.traced(SEED);

  private final MovableClock clock = new MovableClock(NOW);
  private final CannedTraces queries = TracedSeed.queries(NOW);

  private TrafficViewModel model() {
    return new TrafficViewModel(queries, AT_ONCE, clock);
  }

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  // ---- when the tab shows

  @Test
  void theTabShowsOnlyForANodeTracingNames() {
    assertThat(
            SideTab.forNode(
                Optional.of(ORDER_POD), TrafficViewModel.traced(TRACED, Optional.of(ORDER_POD))))
        .containsExactly(SideTab.INSPECTOR, SideTab.TRAFFIC);
    assertThat(TrafficViewModel.traced(TRACED, Optional.of(ORDER_XRAY))).isFalse();
    assertThat(TrafficViewModel.traced(SEED, Optional.of(ORDER_POD)))
        .as("no tracing data")
        .isFalse();
    assertThat(SideTab.forNode(Optional.empty(), true)).containsExactly(SideTab.INSPECTOR);
  }

  @Test
  void aNodeWithoutTracingDataAsksNothingAndShowsNothing() {
    TrafficViewModel m = model();
    m.inspect(TRACED, Optional.of(ORDER_XRAY));
    assertThat(m.overview().get()).isEmpty();
    assertThat(queries.asked).isEmpty();
  }

  // ---- figures from the snapshot

  @Test
  void theFiguresComeFromTheTracedServiceOfTheSnapshot() {
    TrafficViewModel m = model();
    m.inspect(TRACED, Optional.of(ORDER_APP));
    TrafficOverview o = m.overview().get().orElseThrow();
    assertThat(o.heading()).isEqualTo("order-service");
    TrafficFigures f = o.figures().orElseThrow();
    CallStats stats = TracedSeed.order(0);
    assertThat(f.requests()).isEqualTo(stats.requests());
    assertThat(f.ok()).isEqualTo(stats.ok());
    assertThat(f.errors()).isEqualTo(14);
    assertThat(f.faults()).isEqualTo(7);
    assertThat(f.throttles()).isEqualTo(3);
    assertThat(f.p99()).isEqualTo(Figures.ms(stats.p99Ms().getAsDouble()));
    assertThat(f.summary()).startsWith("1,240 requests in 5 min · 4.1 rps · 1.7 % failed");
    assertThat(f.bars()).hasSize(16);
    assertThat(f.bars()).extracting(TrafficFigures.Bar::height).contains(1.0);
  }

  @Test
  void theCallsOfTheServiceAreListedOutgoingFirstWithTheirFigures() {
    TrafficViewModel m = model();
    m.inspect(TRACED, Optional.of(ORDER_POD));
    List<CallRow> calls = m.overview().get().orElseThrow().calls();
    assertThat(calls)
        .extracting(CallRow::label)
        .containsExactly("→ DynamoDB", "→ payment-service", "← api-gateway");
    assertThat(calls.get(1).figures()).isEqualTo("1.4 rps · p99 1.20 s · 2.2 % failed");
    // p99 1.20 s and 2.2 % failed: past the arrows' bad p99 (1 s), as its arrow is drawn.
    assertThat(calls.get(1).level()).isEqualTo(TrafficLevel.BAD);
    assertThat(calls.get(0).level()).isNotEqualTo(TrafficLevel.BAD);
  }

  @Test
  void aNewSnapshotUpdatesTheFiguresWithoutAskingAgain() {
    TrafficViewModel m = model();
    m.inspect(TRACED, Optional.of(ORDER_POD));
    int asked = queries.asked.size();
    m.inspect(TracedSeed.traced(SEED, 100), Optional.of(ORDER_POD));
    assertThat(m.overview().get().orElseThrow().figures().orElseThrow().requests()).isEqualTo(1340);
    assertThat(queries.asked).hasSize(asked);
  }

  @Test
  void manyHistogramBarsAreBinnedOnALogScale() {
    List<dev.sidescope.topology.model.traffic.ResponseTimeBucket> many =
        new java.util.ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      many.add(new dev.sidescope.topology.model.traffic.ResponseTimeBucket(i * 5, 1));
    }
    List<TrafficFigures.Bar> bars = TrafficFigures.bars(many);
    assertThat(bars).hasSize(TrafficFigures.MAX_BARS);
    assertThat(bars.stream().mapToLong(TrafficFigures.Bar::count).sum()).isEqualTo(200);
    assertThat(bars.get(bars.size() - 1).label()).isEqualTo("≤ 1.00 s");
  }

  // ---- questions

  @Test
  void aNewSelectionAsksForTheSeriesAndBothTraceLists() {
    TrafficViewModel m = model();
    m.inspect(TRACED, Optional.of(ORDER_POD));
    assertThat(queries.asked)
        .containsExactly(
            "timeSeries order-service",
            "traces order-service SLOWEST",
            "traces order-service FAILED");
    assertThat(m.history().get().state()).isEqualTo(Reply.State.READY);
    assertThat(m.traces().get().value().orElseThrow()).hasSize(8);
    m.showTraces(TraceFilter.FAILED);
    assertThat(m.traces().get().value().orElseThrow())
        .extracting(TraceRow::status)
        .containsExactly("503 fault", "429 throttled", "404 error");
  }

  @Test
  void theSameSubjectIsAskedAgainOnlyAfterThirtySeconds() {
    TrafficViewModel m = model();
    m.inspect(TRACED, Optional.of(ORDER_POD));
    clock.advance(Duration.ofSeconds(29));
    m.inspect(TRACED, Optional.of(ORDER_POD));
    m.inspect(TRACED, Optional.of(ORDER_APP)); // another node, the same service: a new subject
    assertThat(queries.asked).hasSize(6);
    clock.advance(Duration.ofSeconds(29));
    m.inspect(TRACED, Optional.of(ORDER_APP));
    assertThat(queries.asked).hasSize(6);
    clock.advance(Duration.ofSeconds(1));
    m.inspect(TRACED, Optional.of(ORDER_APP));
    assertThat(queries.asked).hasSize(9);
  }

  @Test
  void aRefreshKeepsTheSparklinesShownUntilItsAnswerArrives() {
    TrafficViewModel m = model();
    m.inspect(TRACED, Optional.of(ORDER_POD));
    queries.holding(true);
    clock.advance(Duration.ofSeconds(30));
    m.inspect(TRACED, Optional.of(ORDER_POD));
    assertThat(m.history().get().state()).isEqualTo(Reply.State.READY);
  }

  @Test
  void anAnswerForAnEarlierSelectionIsDropped() {
    queries.holding(true);
    TrafficViewModel m = model();
    m.inspect(TRACED, Optional.of(ORDER_POD));
    m.inspect(TRACED, Optional.of(PAYMENT_POD));
    assertThat(m.history().get().state()).isEqualTo(Reply.State.ASKING);
    queries.complete("timeSeries order-service", TracedSeed.series(NOW));
    assertThat(m.history().get().state())
        .as("order-service's answer, stale")
        .isEqualTo(Reply.State.ASKING);
    queries.complete("timeSeries payment-service", List.<TimePoint>of());
    assertThat(m.history().get().state()).isEqualTo(Reply.State.READY);
  }

  @Test
  void anAnswerAfterTheSelectionWasClearedIsDropped() {
    queries.holding(true);
    TrafficViewModel m = model();
    m.inspect(TRACED, Optional.of(ORDER_POD));
    m.inspect(TRACED, Optional.empty());
    queries.complete("traces order-service SLOWEST", TracedSeed.slowest(NOW));
    assertThat(m.traces().get().state()).isEqualTo(Reply.State.NONE);
    assertThat(m.overview().get()).isEmpty();
  }

  @Test
  void aFailedQuestionShowsItsSentence() {
    queries.failing("X-Ray refused the call: the profile lacks xray:GetTraceSummaries.");
    TrafficViewModel m = model();
    m.inspect(TRACED, Optional.of(ORDER_POD));
    assertThat(m.traces().get().state()).isEqualTo(Reply.State.FAILED);
    assertThat(m.traces().get().message())
        .isEqualTo("X-Ray refused the call: the profile lacks xray:GetTraceSummaries.");
    assertThat(m.overview().get()).as("the figures still show").isPresent();
  }

  @Test
  void withoutATracingSourceTheTabSaysSo() {
    TrafficViewModel m = new TrafficViewModel(NoTracing.INSTANCE, AT_ONCE, clock);
    m.inspect(TRACED, Optional.of(ORDER_POD));
    assertThat(m.history().get().message()).isEqualTo("No tracing source is running.");
    assertThat(m.traces().get().message()).isEqualTo("No tracing source is running.");
  }

  @Test
  void aCallChosenFromTheListBecomesTheSubjectAndBackReturnsToTheService() {
    TrafficViewModel m = model();
    m.inspect(TRACED, Optional.of(ORDER_POD));
    m.chooseCall("order-service -> payment-service");
    assertThat(m.subject()).contains(TraceSubject.call("order-service", "payment-service"));
    TrafficOverview o = m.overview().get().orElseThrow();
    assertThat(o.heading()).isEqualTo("order-service → payment-service");
    assertThat(o.back()).contains("order-service");
    assertThat(o.figures().orElseThrow().faults()).isEqualTo(9);
    assertThat(queries.asked).contains("timeSeries order-service -> payment-service");
    m.inspect(TracedSeed.traced(SEED, 5), Optional.of(ORDER_POD));
    assertThat(m.subject())
        .as("kept with the next snapshot")
        .contains(TraceSubject.call("order-service", "payment-service"));
    m.backToService();
    assertThat(m.subject()).contains(TraceSubject.service("order-service"));
  }

  // ---- sparklines

  @Test
  void sparklinePointsSpanTheLastHalfHourScaledToThePeak() {
    Instant start = NOW.minus(Duration.ofMinutes(30));
    List<TimePoint> series =
        List.of(
            point(start, 100, OptionalDouble.of(50)),
            point(start.plus(Duration.ofMinutes(14)), 300, OptionalDouble.empty()),
            point(start.plus(Duration.ofMinutes(29)), 200, OptionalDouble.of(200)),
            point(start.minus(Duration.ofMinutes(5)), 999, OptionalDouble.of(999)));
    Sparkline p99 = Sparkline.p99(series, NOW);
    assertThat(p99.points()).hasSize(2);
    assertThat(p99.points().get(0).x()).isCloseTo(0.5 / 30, within(1e-9));
    assertThat(p99.points().get(0).y()).isCloseTo(0.25, within(1e-9));
    assertThat(p99.points().get(1).x()).isCloseTo(29.5 / 30, within(1e-9));
    assertThat(p99.points().get(1).y()).isEqualTo(1.0);
    assertThat(p99.latest()).isEqualTo("200 ms");
    assertThat(p99.peak()).isEqualTo("200 ms");
    Sparkline requests = Sparkline.requests(series, NOW);
    assertThat(requests.points())
        .extracting(Sparkline.Point::y)
        .containsExactly(1 / 3.0, 1.0, 2 / 3.0);
    assertThat(requests.peak()).isEqualTo("300");
  }

  private static TimePoint point(Instant start, long requests, OptionalDouble p99) {
    CallStats s =
        new CallStats(
            requests, requests, 0, 0, 0, 0, Duration.ofMinutes(1), p99, p99, p99, List.of());
    return new TimePoint(start, Duration.ofMinutes(1), s);
  }

  // ---- one trace

  @Test
  void waterfallRowsPlaceEachSpanOnTheTracesTimeLine() {
    Waterfall w = Waterfall.of(TracedSeed.trace(TracedSeed.FAILED_TRACE, NOW));
    assertThat(w.title()).isEqualTo("1.42 s · 7 spans");
    Waterfall.Row root = w.rows().get(0);
    assertThat(root.left()).isZero();
    assertThat(root.width()).isEqualTo(1.0);
    Waterfall.Row dynamo = w.rows().get(2);
    assertThat(dynamo.name()).isEqualTo("DynamoDB");
    assertThat(dynamo.depth()).isEqualTo(2);
    assertThat(dynamo.offsetMs()).isEqualTo(20);
    assertThat(dynamo.durationMs()).hasValue(38);
    assertThat(dynamo.left()).isCloseTo(20 / 1420.0, within(1e-9));
    assertThat(dynamo.width()).isCloseTo(38 / 1420.0, within(1e-9));
    assertThat(dynamo.offset()).isEqualTo("+20 ms");
    assertThat(dynamo.duration()).isEqualTo("38 ms");
    assertThat(dynamo.status()).isEqualTo("200");
    assertThat(dynamo.details()).contains("operation = GetItem", "table = orders");
    Waterfall.Row db = w.rows().get(5);
    assertThat(db.status()).isEmpty();
    assertThat(db.fault()).isTrue();
    assertThat(db.flags()).isEqualTo("fault");
  }

  @Test
  void aSpanStillRunningReachesTheEndOfTheTrace() {
    Waterfall w = Waterfall.of(TracedSeed.trace(TracedSeed.FAILED_TRACE, NOW));
    Waterfall.Row audit = w.rows().get(6);
    assertThat(audit.durationMs()).isEmpty();
    assertThat(audit.duration()).isEqualTo("in progress");
    assertThat(audit.left() + audit.width()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void openingATraceShowsItsWaterfallAndATraceGoneSaysSo() {
    TrafficViewModel m = model();
    m.inspect(TRACED, Optional.of(ORDER_POD));
    m.openTrace(TracedSeed.SLOW_TRACE);
    assertThat(m.trace().get().value().orElseThrow().rows()).hasSize(7);
    m.toggleDetails("a000000000000003");
    assertThat(m.expanded().get()).containsExactly("a000000000000003");
    m.closeTrace();
    assertThat(m.trace().get().state()).isEqualTo(Reply.State.NONE);
    assertThat(m.expanded().get()).isEmpty();

    queries.traces(id -> Optional.empty());
    m.openTrace("1-gone");
    assertThat(m.trace().get().message())
        .isEqualTo("The tracing source no longer has trace 1-gone.");
  }

  @Test
  void aTraceAnswerAfterAnotherWasOpenedIsDropped() {
    TrafficViewModel m = model();
    m.inspect(TRACED, Optional.of(ORDER_POD));
    queries.holding(true);
    m.openTrace("1-first");
    m.openTrace("1-second");
    queries.complete("trace 1-first", Optional.of(TracedSeed.trace("1-first", NOW)));
    assertThat(m.trace().get().state()).isEqualTo(Reply.State.ASKING);
    queries.complete("trace 1-second", Optional.of(TracedSeed.trace("1-second", NOW)));
    assertThat(m.trace().get().value().orElseThrow().traceId()).isEqualTo("1-second");
  }
}
