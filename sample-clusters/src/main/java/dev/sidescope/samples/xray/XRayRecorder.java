package dev.sidescope.samples.xray;

import dev.sidescope.samples.traffic.RequestListener;
import dev.sidescope.samples.traffic.SimulatedRequest;
import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.model.traffic.TracedService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps what the X-Ray API answers from, in bounded memory, as a {@link RequestListener} of a
 * sample's traffic:
 *
 * <ul>
 *   <li>per minute (of the requests' start) for the last {@link #RETENTION}: per service and per
 *       caller to callee pair, the counts (ok, errors, faults, throttles), the total response time
 *       and a response-time histogram (see {@link CallCounter}); older minutes are dropped as the
 *       traffic moves on;
 *   <li>the last {@code traceCapacity} traces, whose documents are rendered when asked for.
 * </ul>
 *
 * <p>A service's statistics are the calls it answered, as its own segments (or, for a host or an
 * AWS service, its callers' subsegments) time them; a service that answers nothing in the model (an
 * entry point, such as a storefront) counts its own root segments instead. A call counts toward its
 * caller to callee pair only when the caller is traced: a request from outside is only its callee's
 * root segment.
 *
 * <p>Threading: {@link #onRequest} on the traffic's thread; every query from any thread (the AWS
 * endpoint's). All are serialized on this object; queries copy what they return.
 */
public final class XRayRecorder implements RequestListener {
  /** How long per-minute statistics are kept. */
  public static final Duration RETENTION = Duration.ofMinutes(60);

  /** How many traces are kept unless told otherwise. */
  public static final int DEFAULT_TRACE_CAPACITY = 5_000;

  private static final long MINUTES = RETENTION.toMinutes();

  private final SegmentRenderer renderer;
  private final int traceCapacity;
  private final TreeMap<Long, Minute> minutes = new TreeMap<>();
  private final Map<String, Optional<String>> types = new LinkedHashMap<>();
  private final Map<String, TracedPair> pairs = new LinkedHashMap<>();
  private final ArrayDeque<RecordedTrace> traces = new ArrayDeque<>();
  private final Map<String, RecordedTrace> tracesById = new HashMap<>();
  private long requests;
  private Instant firstHeard;
  private Instant lastHeard;

  /** A recorder that keeps {@value #DEFAULT_TRACE_CAPACITY} traces. */
  public XRayRecorder(SegmentRenderer renderer) {
    this(renderer, DEFAULT_TRACE_CAPACITY);
  }

  /** A recorder that keeps the last {@code traceCapacity} traces. */
  public XRayRecorder(SegmentRenderer renderer, int traceCapacity) {
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    if (traceCapacity < 1) {
      throw new IllegalArgumentException("a recorder keeps at least one trace: " + traceCapacity);
    }
    this.traceCapacity = traceCapacity;
  }

  /** How the requests are rendered. */
  public SegmentRenderer renderer() {
    return renderer;
  }

  @Override
  public synchronized void onRequest(SimulatedRequest request) {
    requests++;
    if (firstHeard == null || request.start().isBefore(firstHeard)) {
      firstHeard = request.start();
    }
    if (lastHeard == null || request.start().isAfter(lastHeard)) {
      lastHeard = request.start();
    }
    long minute = Math.floorDiv(request.start().getEpochSecond(), 60);
    if (!minutes.isEmpty() && minute < minutes.lastKey() - MINUTES + 1) {
      return;
    }
    Minute m = minutes.computeIfAbsent(minute, k -> new Minute());
    minutes.headMap(minutes.lastKey() - MINUTES + 1).clear();
    double ms = request.duration().toNanos() / 1e6;
    boolean callerTraced = renderer.origins().isWorkload(request.from());
    String callee = renderer.calleeName(request);
    types.computeIfAbsent(callee, k -> renderer.calleeType(request.to()));
    m.answered.computeIfAbsent(callee, k -> new CallCounter()).add(request.status(), ms);
    if (callerTraced) {
      types.computeIfAbsent(request.from(), renderer::callerType);
      m.roots.computeIfAbsent(request.from(), k -> new CallCounter()).add(request.status(), ms);
      TracedPair pair =
          pairs.computeIfAbsent(
              TracedCall.subject(request.from(), callee),
              k -> new TracedPair(request.from(), callee, request.to()));
      m.calls.computeIfAbsent(pair.subject(), k -> new CallCounter()).add(request.status(), ms);
    }
    if (callerTraced || renderer.origins().isWorkload(request.to())) {
      RecordedTrace trace = new RecordedTrace(request, renderer);
      traces.addLast(trace);
      tracesById.put(trace.id(), trace);
      if (traces.size() > traceCapacity) {
        tracesById.remove(traces.removeFirst().id());
      }
    }
  }

  /** How many requests it has heard, kept or not. */
  public synchronized long requests() {
    return requests;
  }

  /** The start of the first minute still kept, if any. */
  public synchronized Optional<Instant> oldestMinute() {
    return minutes.isEmpty()
        ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond(minutes.firstKey() * 60));
  }

  /** The end of the last minute that has requests, if any. */
  public synchronized Optional<Instant> newestMinuteEnd() {
    return minutes.isEmpty()
        ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond((minutes.lastKey() + 1) * 60));
  }

  /**
   * The service graph of the minutes that overlap {@code [start, end)}: each minute whose requests
   * started in it counts whole. The stats cover those minutes, from the first one's start to the
   * last one's end, but no earlier than the first request heard and no later than the last: a
   * sample served for twenty seconds has twenty seconds of traffic, not five minutes, and its rates
   * say so.
   */
  public synchronized ServiceGraph graph(Instant start, Instant end) {
    Instant from = minuteStart(start);
    Instant to = minuteEnd(end);
    if (firstHeard != null && firstHeard.isAfter(from) && firstHeard.isBefore(to)) {
      from = firstHeard;
    }
    if (lastHeard != null && lastHeard.isBefore(to) && lastHeard.isAfter(from)) {
      to = lastHeard;
    }
    Duration covered = positive(Duration.between(from, to));
    Minute sum = new Minute();
    for (Minute m : overlapping(start, end).values()) {
      sum.addAll(m);
    }
    List<TracedService> services = new ArrayList<>();
    for (Map.Entry<String, Optional<String>> named : types.entrySet()) {
      CallCounter counter = serviceCounter(sum, named.getKey(), answers(named.getKey()));
      if (counter != null) {
        services.add(new TracedService(named.getKey(), named.getValue(), counter.stats(covered)));
      }
    }
    List<TracedCall> calls = new ArrayList<>();
    for (TracedPair pair : pairs.values()) {
      CallCounter counter = sum.calls.get(pair.subject());
      if (counter != null) {
        calls.add(
            new TracedCall(
                pair.caller(),
                pair.callee(),
                types.getOrDefault(pair.callee(), Optional.empty()),
                Optional.of(pair.host()),
                counter.stats(covered)));
      }
    }
    return new ServiceGraph(from, to, services, calls);
  }

  /**
   * The statistics of {@code subject} (a service, or a caller to callee pair) per {@code period}
   * from the minute of {@code start} to {@code end}, limited to the minutes kept and heard: a
   * period without calls has zero counts. {@code period} is a whole number of minutes.
   */
  public synchronized List<TimePoint> timeSeries(
      TraceSubject subject, Instant start, Instant end, Duration period) {
    long periodMinutes = period.toMinutes();
    if (periodMinutes < 1 || !period.equals(Duration.ofMinutes(periodMinutes))) {
      throw new IllegalArgumentException("a period of whole minutes, not " + period);
    }
    List<TimePoint> out = new ArrayList<>();
    if (minutes.isEmpty()) {
      return out;
    }
    long from = Math.max(Math.floorDiv(start.getEpochSecond(), 60), minutes.firstKey());
    long to = Math.min(ceilMinute(end), minutes.lastKey() + 1);
    boolean answers = answers(subject.service());
    for (long p = from; p < to; p += periodMinutes) {
      CallCounter counter = new CallCounter();
      for (Minute m : minutes.subMap(p, true, Math.min(p + periodMinutes, to), false).values()) {
        CallCounter c =
            subject.callee().isPresent()
                ? m.calls.get(TracedCall.subject(subject.service(), subject.callee().get()))
                : serviceCounter(m, subject.service(), answers);
        if (c != null) {
          counter.addAll(c);
        }
      }
      out.add(new TimePoint(Instant.ofEpochSecond(p * 60), period, counter.stats(period)));
    }
    return out;
  }

  /** The traces kept that started in {@code [start, end)}, newest first. */
  public synchronized List<RecordedTrace> traces(Instant start, Instant end) {
    List<RecordedTrace> out = new ArrayList<>();
    Iterator<RecordedTrace> newestFirst = traces.descendingIterator();
    while (newestFirst.hasNext()) {
      RecordedTrace trace = newestFirst.next();
      if (!trace.start().isBefore(start) && trace.start().isBefore(end)) {
        out.add(trace);
      }
    }
    return out;
  }

  /** The trace with this id, if it is still kept. */
  public synchronized Optional<RecordedTrace> trace(String id) {
    return Optional.ofNullable(tracesById.get(id));
  }

  private boolean answers(String service) {
    for (Minute m : minutes.values()) {
      if (m.answered.containsKey(service)) {
        return true;
      }
    }
    return false;
  }

  private static CallCounter serviceCounter(Minute m, String service, boolean answers) {
    return answers ? m.answered.get(service) : m.roots.get(service);
  }

  private NavigableMap<Long, Minute> overlapping(Instant start, Instant end) {
    long from = Math.floorDiv(start.getEpochSecond(), 60);
    long to = ceilMinute(end);
    return from < to ? minutes.subMap(from, true, to, false) : new TreeMap<>();
  }

  private static long ceilMinute(Instant t) {
    long seconds = t.getEpochSecond() + (t.getNano() > 0 ? 1 : 0);
    return Math.floorDiv(seconds + 59, 60);
  }

  private static Instant minuteStart(Instant t) {
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 60) * 60);
  }

  private static Instant minuteEnd(Instant t) {
    return Instant.ofEpochSecond(ceilMinute(t) * 60);
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** A caller to callee pair and the host its requests went to. */
  private record TracedPair(String caller, String callee, String host) {
    String subject() {
      return TracedCall.subject(caller, callee);
    }
  }

  /** One minute's counters. */
  private static final class Minute {
    final Map<String, CallCounter> answered = new HashMap<>();
    final Map<String, CallCounter> roots = new HashMap<>();
    final Map<String, CallCounter> calls = new HashMap<>();

    void addAll(Minute other) {
      merge(answered, other.answered);
      merge(roots, other.roots);
      merge(calls, other.calls);
    }

    private static void merge(Map<String, CallCounter> into, Map<String, CallCounter> from) {
      from.forEach((k, v) -> into.computeIfAbsent(k, x -> new CallCounter()).addAll(v));
    }
  }
}
