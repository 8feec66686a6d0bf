package dev.sidescope.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.Trace;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TraceSummary;
import dev.sidescope.topology.source.TraceQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class TracingQueriesTest {
  private static final TraceSubject ORDERS = TraceSubject.service("order-service");

  /** A tracing source that knows a fixed set of traces and a series, or fails every question. */
  private record Known(List<TraceSummary> traces, List<TimePoint> series, String failure)
      implements TraceQueries {
    private <T> CompletableFuture<T> answer(T value) {
      return failure == null
          ? CompletableFuture.completedFuture(value)
          : CompletableFuture.failedFuture(new IllegalStateException(failure));
    }

    @Override
    public CompletableFuture<List<TimePoint>> timeSeries(TraceSubject subject, Duration span) {
      return answer(series);
    }

    @Override
    public CompletableFuture<List<TraceSummary>> traces(
        TraceSubject subject, TraceFilter filter, int limit) {
      return answer(traces.subList(0, Math.min(limit, traces.size())));
    }

    @Override
    public CompletableFuture<Optional<Trace>> trace(String traceId) {
      return answer(
          traces.stream()
              .filter(t -> t.id().equals(traceId))
              .findFirst()
              .map(t -> new Trace(t.id(), t.duration(), List.of())));
    }
  }

  private static TraceSummary trace(String id, long ms, long startSecond) {
    return new TraceSummary(
        id,
        Instant.ofEpochSecond(startSecond),
        Duration.ofMillis(ms),
        Optional.of("order-service"),
        OptionalInt.of(200),
        false,
        false,
        false);
  }

  @Test
  void traceListsOfTwoSourcesAreMergedOnceEachSlowestFirstAndCut() throws Exception {
    TracingQueries q = new TracingQueries();
    q.add(new Known(List.of(trace("a", 100, 1), trace("b", 300, 2)), List.of(), null));
    q.add(new Known(List.of(trace("b", 300, 2), trace("c", 200, 3)), List.of(), null));
    assertThat(q.traces(ORDERS, TraceQueries.TraceFilter.SLOWEST, 2).get())
        .extracting(TraceSummary::id)
        .containsExactly("b", "c");
    assertThat(q.traces(ORDERS, TraceQueries.TraceFilter.FAILED, 5).get())
        .extracting(TraceSummary::id)
        .containsExactly("c", "b", "a");
  }

  @Test
  void aFailingSourceIsLeftOutWhileAnotherAnswers() throws Exception {
    TracingQueries q = new TracingQueries();
    q.add(new Known(List.of(), List.of(), "X-Ray denied xray:GetTraceSummaries."));
    TimePoint minute =
        new TimePoint(
            Instant.EPOCH,
            Duration.ofMinutes(1),
            CallStats.fromHistogram(1, 0, 0, 0, 5, Duration.ofMinutes(1), List.of()));
    q.add(new Known(List.of(trace("a", 100, 1)), List.of(minute), null));
    assertThat(q.timeSeries(ORDERS, Duration.ofMinutes(30)).get()).containsExactly(minute);
    assertThat(q.trace("a").get()).isPresent();
    assertThat(q.trace("zzz").get()).isEmpty();
  }

  @Test
  void withEveryoneFailingOrNobodyRunningTheAnswerIsOneSentence() {
    TracingQueries none = new TracingQueries();
    assertThatThrownBy(() -> none.trace("a").get())
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage(TracingQueries.NONE_RUNNING);
    TracingQueries failing = new TracingQueries();
    failing.add(new Known(List.of(), List.of(), "X-Ray is throttling Sidescope."));
    assertThatThrownBy(() -> failing.traces(ORDERS, TraceQueries.TraceFilter.FAILED, 5).get())
        .hasRootCauseMessage("X-Ray is throttling Sidescope.");
  }
}
