package dev.sidescope.topology.source;

import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.Trace;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TraceSummary;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Questions a person asks about a selection, answered by a tracing source on demand: the X-Ray API
 * ({@code GetTimeSeriesServiceStatistics}, {@code GetTraceSummaries}, {@code BatchGetTraces}) or a
 * local daemon port from what it kept.
 *
 * <p>Threading: every method returns at once; the answer is worked out on the source's threads and
 * completes the future there (never on the caller's). A failed question completes exceptionally
 * with an exception whose message is one sentence for a person.
 */
public interface TraceQueries {

  /** Traces wanted from {@link #traces}. */
  enum TraceFilter {
    /** The slowest of the window, slowest first. */
    SLOWEST,
    /** Those with a fault, an error or a throttle, newest first. */
    FAILED
  }

  /**
   * The subject's calls period by period (a minute each where the source can), oldest first, over
   * the last {@code span}.
   */
  CompletableFuture<List<TimePoint>> timeSeries(TraceSubject subject, Duration span);

  /** At most {@code limit} traces of the window that pass through the subject. */
  CompletableFuture<List<TraceSummary>> traces(TraceSubject subject, TraceFilter filter, int limit);

  /** One whole trace; empty when the source no longer has it. */
  CompletableFuture<Optional<Trace>> trace(String traceId);
}
