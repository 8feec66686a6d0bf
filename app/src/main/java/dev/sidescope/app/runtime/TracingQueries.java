package dev.sidescope.app.runtime;

import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.Trace;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TraceSummary;
import dev.sidescope.topology.source.TraceQueries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every running tracing source (the X-Ray API, a local daemon port) as one {@link TraceQueries}, so
 * that the console asks one place whichever sources run. A question goes to each source; answers
 * are joined: the first source with a time series gives it, trace lists are merged (a trace known
 * to two sources is listed once) and cut to the limit, the first source that has a trace gives it.
 * A source that fails is left out when another answered; when all fail, the first failure's
 * sentence is the answer's.
 *
 * <p>Threading: sources are added and removed from any thread; questions may be asked from any
 * thread and return at once; answers complete on the sources' threads.
 */
public final class TracingQueries implements TraceQueries {
  /** The sentence when no tracing source runs. */
  public static final String NONE_RUNNING = "No tracing source is running.";

  private final List<TraceQueries> sources = new CopyOnWriteArrayList<>();

  /** Asks {@code source} too, from the next question on. */
  public void add(TraceQueries source) {
    sources.add(source);
  }

  /** Stops asking {@code source}. */
  public void remove(TraceQueries source) {
    sources.remove(source);
  }

  @Override
  public CompletableFuture<List<TimePoint>> timeSeries(TraceSubject subject, Duration span) {
    return firstOf(sources.stream().map(s -> s.timeSeries(subject, span)).toList(), List::isEmpty)
        .thenApply(o -> o.orElse(List.of()));
  }

  @Override
  public CompletableFuture<List<TraceSummary>> traces(
      TraceSubject subject, TraceFilter filter, int limit) {
    List<CompletableFuture<List<TraceSummary>>> asked =
        sources.stream().map(s -> s.traces(subject, filter, limit)).toList();
    return all(asked)
        .thenApply(
            lists -> {
              List<TraceSummary> merged = new ArrayList<>();
              Set<String> seen = new HashSet<>();
              for (List<TraceSummary> list : lists) {
                for (TraceSummary t : list) {
                  if (seen.add(t.id())) {
                    merged.add(t);
                  }
                }
              }
              merged.sort(
                  filter == TraceFilter.SLOWEST
                      ? Comparator.comparing(TraceSummary::duration).reversed()
                      : Comparator.comparing(TraceSummary::start).reversed());
              return List.copyOf(merged.subList(0, Math.min(limit, merged.size())));
            });
  }

  @Override
  public CompletableFuture<Optional<Trace>> trace(String traceId) {
    return firstOf(sources.stream().map(s -> s.trace(traceId)).toList(), Optional::isEmpty)
        .thenApply(o -> o.flatMap(t -> t));
  }

  /**
   * The answers that did not fail, in the sources' order; fails with the first failure when every
   * source failed, and with {@link #NONE_RUNNING} when there is no source.
   */
  private static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> asked) {
    if (asked.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalStateException(NONE_RUNNING));
    }
    return CompletableFuture.allOf(
            asked.stream().map(f -> f.handle((v, e) -> null)).toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<T> answers = new ArrayList<>();
              Throwable first = null;
              for (CompletableFuture<T> f : asked) {
                try {
                  answers.add(f.join());
                } catch (CompletionException | java.util.concurrent.CancellationException e) {
                  first = first == null ? (e.getCause() == null ? e : e.getCause()) : first;
                }
              }
              if (answers.isEmpty()) {
                throw new CompletionException(first);
              }
              return answers;
            });
  }

  /** The first answer, in the sources' order, that is not {@code empty}. */
  private static <T> CompletableFuture<Optional<T>> firstOf(
      List<CompletableFuture<T>> asked, java.util.function.Predicate<T> empty) {
    return all(asked)
        .thenApply(answers -> answers.stream().filter(a -> !empty.test(a)).findFirst());
  }
}
