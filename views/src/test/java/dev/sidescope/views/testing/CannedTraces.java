package dev.sidescope.views.testing;

import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.Trace;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TraceSummary;
import dev.sidescope.topology.source.TraceQueries;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * {@link TraceQueries} with canned answers, for tests and screenshots: each question is recorded,
 * and answered at once from the functions set, or held until the test completes it ({@link
 * #holding}).
 */
public final class CannedTraces implements TraceQueries {
  /** Every question asked, in order: "timeSeries order-service", "traces order-service SLOWEST". */
  public final List<String> asked = new CopyOnWriteArrayList<>();

  /** The futures of held questions, by the question. */
  public final Map<String, CompletableFuture<?>> held = new ConcurrentHashMap<>();

  private volatile boolean holding;
  private volatile Function<TraceSubject, List<TimePoint>> series = s -> List.of();
  private volatile Function<TraceSubject, List<TraceSummary>> slowest = s -> List.of();
  private volatile Function<TraceSubject, List<TraceSummary>> failed = s -> List.of();
  private volatile Function<String, Optional<Trace>> traces = id -> Optional.empty();
  private volatile String failure;

  public CannedTraces series(Function<TraceSubject, List<TimePoint>> value) {
    series = value;
    return this;
  }

  public CannedTraces slowest(Function<TraceSubject, List<TraceSummary>> value) {
    slowest = value;
    return this;
  }

  public CannedTraces failed(Function<TraceSubject, List<TraceSummary>> value) {
    failed = value;
    return this;
  }

  public CannedTraces traces(Function<String, Optional<Trace>> value) {
    traces = value;
    return this;
  }

  /** From now on every question fails with this sentence. */
  public CannedTraces failing(String sentence) {
    failure = sentence;
    return this;
  }

  /** From now on questions wait in {@link #held} until the test completes them. */
  public CannedTraces holding(boolean value) {
    holding = value;
    return this;
  }

  /** Completes a held question with a value. */
  @SuppressWarnings("unchecked")
  public <T> void complete(String question, T value) {
    ((CompletableFuture<T>) held.remove(question)).complete(value);
  }

  private <T> CompletableFuture<T> answer(String question, java.util.function.Supplier<T> value) {
    asked.add(question);
    if (holding) {
      CompletableFuture<T> f = new CompletableFuture<>();
      held.put(question, f);
      return f;
    }
    if (failure != null) {
      return CompletableFuture.failedFuture(new IllegalStateException(failure));
    }
    return CompletableFuture.completedFuture(value.get());
  }

  @Override
  public CompletableFuture<List<TimePoint>> timeSeries(TraceSubject subject, Duration span) {
    return answer("timeSeries " + subject, () -> series.apply(subject));
  }

  @Override
  public CompletableFuture<List<TraceSummary>> traces(
      TraceSubject subject, TraceFilter filter, int limit) {
    return answer(
        "traces " + subject + " " + filter,
        () -> (filter == TraceFilter.SLOWEST ? slowest : failed).apply(subject));
  }

  @Override
  public CompletableFuture<Optional<Trace>> trace(String traceId) {
    return answer("trace " + traceId, () -> traces.apply(traceId));
  }
}
