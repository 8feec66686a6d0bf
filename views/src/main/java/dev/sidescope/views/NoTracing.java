package dev.sidescope.views;

import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.Trace;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TraceSummary;
import dev.sidescope.topology.source.TraceQueries;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The console's tracing when the app runs no tracing source: every question fails at once with
 * {@link #SENTENCE}, which the Traffic tab shows where the answer would be.
 */
public final class NoTracing implements TraceQueries {
  /** What the Traffic tab says instead of an answer. */
  public static final String SENTENCE = "No tracing source is running.";

  public static final NoTracing INSTANCE = new NoTracing();

  private NoTracing() {}

  private static <T> CompletableFuture<T> none() {
    return CompletableFuture.failedFuture(new IllegalStateException(SENTENCE));
  }

  @Override
  public CompletableFuture<List<TimePoint>> timeSeries(TraceSubject subject, Duration span) {
    return none();
  }

  @Override
  public CompletableFuture<List<TraceSummary>> traces(
      TraceSubject subject, TraceFilter filter, int limit) {
    return none();
  }

  @Override
  public CompletableFuture<Optional<Trace>> trace(String traceId) {
    return none();
  }
}
