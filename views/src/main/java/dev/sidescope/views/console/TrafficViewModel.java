package dev.sidescope.views.console;

import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TraceSummary;
import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.model.traffic.TracedService;
import dev.sidescope.topology.picture.TrafficThresholds;
import dev.sidescope.topology.source.TraceQueries;
import dev.sidescope.topology.source.TraceQueries.TraceFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The Traffic tab's state, without JavaFX: for the node inspected, if tracing knows it, its figures
 * and calls from the snapshot's traced overlays; its p99 and requests over the last half hour; its
 * slowest and failed traces; and one trace opened as a waterfall. The subject is the node's
 * service, or one of its calls chosen from the list of calls (the picture selects nodes, not
 * arrows).
 *
 * <p>Threads: made, used and listened to on the view model's thread (the FX thread). Questions go
 * to the {@link TraceQueries}, which answer on their own threads; answers come back through the
 * window executor and are dropped when the subject (or the trace asked for) changed meanwhile. The
 * time series and trace lists are asked when the subject changes, and again with a snapshot at most
 * every {@link #REFRESH}.
 */
public final class TrafficViewModel {
  /** The least time between two askings about the same subject. */
  public static final Duration REFRESH = Duration.ofSeconds(30);

  /** Traces asked for in each list. */
  public static final int TRACE_LIMIT = 20;

  private final TraceQueries queries;
  private final Executor window;
  private final Clock clock;
  private final TrafficThresholds thresholds;

  private final Watched<Optional<TrafficOverview>> overview = new Watched<>(Optional.empty());
  private final Watched<Reply<List<Sparkline>>> history = new Watched<>(Reply.none());
  private final Watched<TraceFilter> filter = new Watched<>(TraceFilter.SLOWEST);
  private final Watched<Reply<List<TraceRow>>> traces = new Watched<>(Reply.none());
  private final Watched<Reply<Waterfall>> trace = new Watched<>(Reply.none());
  private final Watched<Set<String>> expanded = new Watched<>(Set.of());

  private final Map<TraceFilter, Reply<List<TraceRow>>> lists = new EnumMap<>(TraceFilter.class);

  private TopologySnapshot snapshot;
  private Optional<String> node = Optional.empty();
  private String service;
  private TraceSubject subject;
  private Instant askedAt;

  /** Bumped with every round of questions: answers of an older round are dropped. */
  private long round;

  /** Bumped with every trace opened or closed. */
  private long traceRound;

  /**
   * @param window back onto the view model's thread
   * @param clock for the half hour the sparklines cover, the refresh and the times of traces
   */
  TrafficViewModel(TraceQueries queries, Executor window, Clock clock) {
    this(queries, window, clock, TrafficThresholds.DEFAULTS);
  }

  /** As above, with the thresholds the arrows are drawn by, so that a call reads as its arrow. */
  TrafficViewModel(
      TraceQueries queries, Executor window, Clock clock, TrafficThresholds thresholds) {
    this.thresholds = thresholds;
    this.queries = queries;
    this.window = window;
    this.clock = clock;
  }

  // ---- what the tab shows

  /** The figures and calls; empty when tracing knows nothing of the node inspected. */
  public Watched<Optional<TrafficOverview>> overview() {
    return overview;
  }

  /** The sparklines: p99, then requests. */
  public Watched<Reply<List<Sparkline>>> history() {
    return history;
  }

  /** Which traces the list shows. */
  public Watched<TraceFilter> filter() {
    return filter;
  }

  /** The traces of the {@link #filter()}. */
  public Watched<Reply<List<TraceRow>>> traces() {
    return traces;
  }

  /** The trace opened; {@link Reply.State#NONE} when none is. */
  public Watched<Reply<Waterfall>> trace() {
    return trace;
  }

  /** The spans of the open trace whose details show. */
  public Watched<Set<String>> expanded() {
    return expanded;
  }

  /** The subject asked about, where there is one. */
  public Optional<TraceSubject> subject() {
    return Optional.ofNullable(subject);
  }

  /** Whether the Traffic tab shows: tracing has a name for the node. */
  static boolean traced(TopologySnapshot snapshot, Optional<String> node) {
    return tracedName(snapshot, node).isPresent();
  }

  private static Optional<String> tracedName(TopologySnapshot snapshot, Optional<String> node) {
    return node.flatMap(id -> snapshot.overlays().get(id, OverlayKeys.TRACED_NAME));
  }

  // ---- what the console tells it

  /**
   * A snapshot was shown or a node inspected: the figures follow the snapshot; a new node (or a
   * node tracing now names differently) is a new subject, asked about at once; the same subject is
   * asked about again when {@link #REFRESH} has passed.
   */
  void inspect(TopologySnapshot shown, Optional<String> inspected) {
    this.snapshot = shown;
    Optional<String> name = tracedName(shown, inspected);
    if (name.isEmpty()) {
      boolean moved = !inspected.equals(node);
      node = inspected;
      if (service == null && moved && traceOpen()) {
        closeTrace(); // a trace opened from a log line of the node left
      }
      if (service != null) {
        service = null;
        subject = null;
        askedAt = null;
        round++;
        traceRound++;
        overview.set(Optional.empty());
        history.set(Reply.none());
        lists.clear();
        traces.set(Reply.none());
        trace.set(Reply.none());
        expanded.set(Set.of());
      }
      return;
    }
    boolean same = inspected.equals(node) && name.get().equals(service);
    node = inspected;
    if (!same) {
      service = name.get();
      subject = TraceSubject.service(service);
      askAboutSubject();
      return;
    }
    overview.set(Optional.of(overviewOf(subject)));
    if (!clock.instant().isBefore(askedAt.plus(REFRESH))) {
      ask(false);
    }
  }

  // ---- what a person does in the tab

  /** A call chosen in the list of calls: the tab shows it alone. */
  public void chooseCall(String callSubject) {
    if (snapshot == null || service == null) {
      return;
    }
    snapshot
        .overlays()
        .get(callSubject, OverlayKeys.TRACED_CALLS)
        .ifPresent(
            c -> {
              subject = TraceSubject.call(c.caller(), c.callee());
              askAboutSubject();
            });
  }

  /** Back from one call to the whole service. */
  public void backToService() {
    if (service != null && subject.callee().isPresent()) {
      subject = TraceSubject.service(service);
      askAboutSubject();
    }
  }

  /** Shows the slowest or the failed traces. */
  public void showTraces(TraceFilter which) {
    filter.set(which);
    traces.set(lists.getOrDefault(which, Reply.none()));
  }

  /** Opens a trace of the list as a waterfall. */
  public void openTrace(String traceId) {
    if (subject == null) {
      return;
    }
    long mine = ++traceRound;
    long subjectRound = round;
    expanded.set(Set.of());
    trace.set(Reply.asking("Opening trace " + traceId + "…"));
    answer(
        call(() -> queries.trace(traceId)),
        () -> mine == traceRound && subjectRound == round,
        found ->
            trace.set(
                found
                    .map(t -> Reply.ready(Waterfall.of(t)))
                    .orElse(
                        Reply.failed("The tracing source no longer has trace " + traceId + "."))),
        why -> trace.set(Reply.failed(why)));
  }

  /**
   * Opens a trace by its id, whatever the subject (a trace id in a log line): it shows over the tab
   * until closed or until another node is inspected.
   */
  public void openTraceById(String traceId) {
    long mine = ++traceRound;
    expanded.set(Set.of());
    trace.set(Reply.asking("Opening trace " + traceId + "…"));
    answer(
        call(() -> queries.trace(traceId)),
        () -> mine == traceRound,
        found ->
            trace.set(
                found
                    .map(t -> Reply.ready(Waterfall.of(t)))
                    .orElse(Reply.failed("The tracing source has no trace " + traceId + "."))),
        why -> trace.set(Reply.failed(why)));
  }

  /** Whether a trace is open (or being opened). */
  public boolean traceOpen() {
    return trace.get().state() != Reply.State.NONE;
  }

  /** Closes the trace open. */
  public void closeTrace() {
    traceRound++;
    trace.set(Reply.none());
    expanded.set(Set.of());
  }

  /** Shows or hides a span's details. */
  public void toggleDetails(String spanId) {
    setDetails(spanId, !expanded.get().contains(spanId));
  }

  /** Shows ({@code true}) or hides a span's details. */
  public void setDetails(String spanId, boolean shown) {
    Set<String> now = new HashSet<>(expanded.get());
    if (shown ? now.add(spanId) : now.remove(spanId)) {
      expanded.set(Set.copyOf(now));
    }
  }

  // ---- questions and answers

  private void askAboutSubject() {
    traceRound++;
    trace.set(Reply.none());
    expanded.set(Set.of());
    overview.set(Optional.of(overviewOf(subject)));
    ask(true);
  }

  /**
   * Asks for the time series and both trace lists. A new subject shows "asking" meanwhile; a
   * refresh keeps what is shown until the answers arrive.
   */
  private void ask(boolean fresh) {
    long mine = ++round;
    TraceSubject about = subject;
    askedAt = clock.instant();
    if (fresh) {
      history.set(Reply.asking("Asking for the last 30 minutes…"));
      lists.clear();
      for (TraceFilter f : TraceFilter.values()) {
        lists.put(f, Reply.asking("Asking for traces…"));
      }
      traces.set(lists.get(filter.get()));
    }
    answer(
        call(() -> queries.timeSeries(about, Sparkline.SPAN)),
        () -> mine == round,
        series -> history.set(Reply.ready(sparklines(series))),
        why -> history.set(Reply.failed(why)));
    for (TraceFilter f : TraceFilter.values()) {
      answer(
          call(() -> queries.traces(about, f, TRACE_LIMIT)),
          () -> mine == round,
          found -> listed(f, Reply.ready(rows(found))),
          why -> listed(f, Reply.failed(why)));
    }
  }

  private List<Sparkline> sparklines(List<TimePoint> series) {
    Instant now = clock.instant();
    return List.of(Sparkline.p99(series, now), Sparkline.requests(series, now));
  }

  private List<TraceRow> rows(List<TraceSummary> found) {
    return found.stream().map(t -> TraceRow.of(t, clock.getZone())).toList();
  }

  private void listed(TraceFilter f, Reply<List<TraceRow>> reply) {
    lists.put(f, reply);
    if (filter.get() == f) {
      traces.set(reply);
    }
  }

  /** A question asked: one that throws at once is a failed answer like any other. */
  private static <T> CompletableFuture<T> call(
      java.util.function.Supplier<CompletableFuture<T>> q) {
    try {
      return q.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Hands an answer to the view model's thread; there it is used only while {@code current} still
   * holds.
   */
  private <T> void answer(
      CompletableFuture<T> future,
      java.util.function.BooleanSupplier current,
      Consumer<T> ready,
      Consumer<String> failed) {
    future.whenComplete(
        (value, error) -> {
          try {
            window.execute(
                () -> {
                  if (!current.getAsBoolean()) {
                    return; // the selection moved on: a stale answer
                  }
                  if (error != null) {
                    failed.accept(sentence(error));
                  } else {
                    ready.accept(value);
                  }
                });
          } catch (RuntimeException closing) {
            // The window is closing; nobody is waiting for the answer.
          }
        });
  }

  /** The failure's own sentence, as the port promises one. */
  static String sentence(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return "The tracing source did not answer (" + e.getClass().getSimpleName() + ").";
    }
    return m.lines().findFirst().orElse(m).strip();
  }

  // ---- figures from the snapshot

  private TrafficOverview overviewOf(TraceSubject about) {
    if (about.callee().isPresent()) {
      String callee = about.callee().get();
      Optional<TracedCall> c =
          snapshot
              .overlays()
              .get(TracedCall.subject(about.service(), callee), OverlayKeys.TRACED_CALLS);
      return new TrafficOverview(
          about.service() + " → " + callee,
          Optional.of(service),
          c.map(x -> TrafficFigures.of(x.stats())),
          "Tracing saw no calls from " + about.service() + " to " + callee + " in its window.",
          List.of());
    }
    Optional<TracedService> s =
        snapshot.overlays().get(about.service(), OverlayKeys.TRACED_SERVICES);
    List<CallRow> out = new ArrayList<>();
    List<CallRow> in = new ArrayList<>();
    for (TracedCall c : snapshot.overlays().all(OverlayKeys.TRACED_CALLS).values()) {
      if (c.caller().equals(about.service())) {
        out.add(CallRow.of(c, true, thresholds));
      } else if (c.callee().equals(about.service())) {
        in.add(CallRow.of(c, false, thresholds));
      }
    }
    out.sort(Comparator.comparing(CallRow::other));
    in.sort(Comparator.comparing(CallRow::other));
    out.addAll(in);
    return new TrafficOverview(
        about.service(),
        Optional.empty(),
        s.map(x -> TrafficFigures.of(x.stats())),
        "Tracing saw no calls to " + about.service() + " in its window.",
        out);
  }
}
