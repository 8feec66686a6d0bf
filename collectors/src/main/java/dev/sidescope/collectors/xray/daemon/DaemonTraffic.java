package dev.sidescope.collectors.xray.daemon;

import dev.sidescope.collectors.xray.MalformedSegmentException;
import dev.sidescope.collectors.xray.SegmentDocument;
import dev.sidescope.collectors.xray.SegmentDocuments;
import dev.sidescope.collectors.xray.TraceAssembly;
import dev.sidescope.collectors.xray.daemon.EventTally.Kind;
import dev.sidescope.collectors.xray.daemon.LatencyRing.Counts;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.Trace;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TraceSummary;
import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.model.traffic.TracedService;
import dev.sidescope.topology.source.TraceQueries.TraceFilter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * What a local X-Ray daemon port has heard, worked out into the shared latency model: a {@link
 * TracedService} per segment name and a {@link TracedCall} per caller and callee, over a sliding
 * window, plus minute-by-minute series and the latest traces kept whole.
 *
 * <p>Each datagram is a header line ({@code {"format": "json", "version": 1}}) and one segment or
 * subsegment document, read with {@link SegmentDocuments}. A datagram over the size limit, without
 * that header, or whose document does not read is counted and skipped.
 *
 * <p>Services: a segment's own duration and outcome count for the service it names. Calls: every
 * subsegment in the {@code remote} or {@code aws} namespace, at any depth, is a call from the
 * segment's service; its callee is the subsegment's name (for AWS, the AWS service, typed {@code
 * AWS::<name>}). When a segment of service B names as its parent a remote subsegment of service A,
 * in whichever order the two arrive, the calls A made under that subsegment's name are B's from
 * then on, typed by B's {@code origin}. A subsegment sent on its own counts for the service of its
 * parent; until that parent is known it waits, for a minute at most and at most {@value
 * #MAX_ORPHANS} of them.
 *
 * <p>Time is what the caller passes in, in epoch milliseconds: when a datagram was received, not
 * what its document says, so that skewed clocks do not move the window.
 *
 * <p>Not thread-safe: one thread owns it (the daemon port's aggregating thread, or a benchmark's).
 */
public final class DaemonTraffic {
  /** Standalone subsegments waiting for their parent, at most. */
  static final int MAX_ORPHANS = 10_000;

  /** How long a standalone subsegment waits for its parent. */
  static final long ORPHAN_WAIT_MS = 60_000;

  private static final int MAX_INDEXED_IDS = 200_000;
  private static final int MAX_REMOTE_CALL_IDS = 100_000;
  private static final int MAX_WAITING_CALLEES = 100_000;
  private static final int MAX_ALIASES = 20_000;
  private static final int MAX_DOCUMENTS_PER_TRACE = 500;
  private static final int MAX_HEADER_BYTES = 200;

  /** The daemon's header, keys in either order, any whitespace. */
  private static final Pattern HEADER =
      Pattern.compile(
          "\\s*\\{\\s*(?:\"format\"\\s*:\\s*\"json\"\\s*,\\s*\"version\"\\s*:\\s*1"
              + "|\"version\"\\s*:\\s*1\\s*,\\s*\"format\"\\s*:\\s*\"json\")\\s*}\\s*");

  private final Duration window;
  private final int maxDatagramBytes;
  private final int keptTraces;
  private final EventTally tally;

  private final Map<String, ServiceTraffic> services = new HashMap<>();
  private final Map<CallKey, CallTraffic> calls = new HashMap<>();
  private final Map<String, String> serviceOfId = bounded(MAX_INDEXED_IDS);
  private final Map<String, CallKey> remoteCallOfId = bounded(MAX_REMOTE_CALL_IDS);
  private final Map<String, Callee> calleeWaitingForCall = bounded(MAX_WAITING_CALLEES);
  private final Map<CallKey, Callee> aliases = bounded(MAX_ALIASES);
  private final LinkedHashMap<String, List<Held>> orphans = new LinkedHashMap<>();
  private int orphanCount;
  private final LinkedHashMap<String, KeptTrace> traces = new LinkedHashMap<>();

  private long lastMs = Long.MIN_VALUE;
  private boolean changed;

  /** Traffic counted as {@code settings} say: window, datagram limit, traces kept. */
  public DaemonTraffic(XRayDaemonSettings settings) {
    this.window = settings.window();
    this.maxDatagramBytes = settings.maxDatagramBytes();
    this.keptTraces = settings.keptTraces();
    this.tally = new EventTally(window);
  }

  /**
   * Takes one datagram, the first {@code length} bytes of {@code datagram}, received at {@code
   * receivedAtMs}. Never throws for what the datagram holds: what cannot be read is counted.
   */
  public void ingest(byte[] datagram, int length, long receivedAtMs) {
    long now = now(receivedAtMs);
    if (length > maxDatagramBytes) {
      tally.add(Kind.OVERSIZE, now, 1);
      return;
    }
    int newline = -1;
    for (int i = 0, end = Math.min(length, MAX_HEADER_BYTES); i < end; i++) {
      if (datagram[i] == '\n') {
        newline = i;
        break;
      }
    }
    if (newline < 0
        || !HEADER
            .matcher(new String(datagram, 0, newline, StandardCharsets.ISO_8859_1))
            .matches()) {
      tally.add(Kind.HEADERLESS, now, 1);
      return;
    }
    SegmentDocument document;
    try {
      document = SegmentDocuments.parse(datagram, newline + 1, length - newline - 1);
    } catch (MalformedSegmentException | RuntimeException e) {
      tally.add(Kind.MALFORMED, now, 1);
      return;
    }
    tally.add(Kind.SEGMENTS, now, 1);
    accept(document, now);
  }

  /** Counts datagrams the receiving thread could not queue. */
  public void noteDropped(long count, long nowMs) {
    tally.add(Kind.DROPPED, now(nowMs), count);
  }

  /** Counts datagrams that could not be relayed to the forward address. */
  void noteUnforwarded(long count, long nowMs) {
    tally.add(Kind.UNFORWARDED, now(nowMs), count);
  }

  private long now(long ms) {
    // A clock that steps back must not reopen closed slices.
    lastMs = Math.max(lastMs, ms);
    return lastMs;
  }

  // ---- documents ----

  private void accept(SegmentDocument document, long now) {
    KeptTrace kept = keep(document, now);
    if (document.isSegment()) {
      String service = document.name();
      ServiceTraffic traffic = services.computeIfAbsent(service, s -> new ServiceTraffic(window));
      document.origin().ifPresent(o -> traffic.type = Optional.of(o));
      if (!document.inProgress()) {
        traffic.ring.record(now, micros(document), outcome(document));
        changed = true;
      }
      addOnce(kept.services, service);
      document
          .parentId()
          .ifPresent(parent -> calledAs(parent, new Callee(service, document.origin())));
      attribute(service, document, false, kept, now);
    } else {
      Optional<String> parent = document.parentId();
      String service = parent.map(serviceOfId::get).orElse(null);
      if (service != null) {
        attribute(service, document, true, kept, now);
      } else if (parent.isPresent()) {
        hold(parent.get(), document, kept, now);
      }
    }
  }

  /**
   * Counts the calls out under {@code top} (and {@code top} itself when {@code topIsPart}, a
   * standalone subsegment) for {@code service}, learns whose its ids are, and lets in the
   * standalone subsegments that waited for them.
   */
  private void attribute(
      String service, SegmentDocument top, boolean topIsPart, KeptTrace kept, long now) {
    Deque<Attribution> work = new ArrayDeque<>();
    work.add(new Attribution(service, top, topIsPart, kept));
    while (!work.isEmpty()) {
      Attribution a = work.poll();
      Deque<SegmentDocument> stack = new ArrayDeque<>();
      stack.push(a.document);
      while (!stack.isEmpty()) {
        SegmentDocument d = stack.pop();
        serviceOfId.put(d.id(), a.service);
        if ((d != a.document || a.documentIsPart) && d.isCallOut()) {
          call(a.service, d, a.kept, now);
        }
        List<Held> waiting = orphans.remove(d.id());
        if (waiting != null) {
          orphanCount -= waiting.size();
          for (Held h : waiting) {
            work.add(new Attribution(a.service, h.document, true, h.kept));
          }
        }
        for (SegmentDocument s : d.subsegments()) {
          stack.push(s);
        }
      }
    }
  }

  private void call(String service, SegmentDocument d, KeptTrace kept, long now) {
    boolean aws = d.namespace().filter("aws"::equals).isPresent();
    CallKey key = new CallKey(service, d.name());
    CallTraffic traffic = calls.computeIfAbsent(key, k -> new CallTraffic(window, aws, k.callee));
    if (traffic.host.isEmpty()) {
      traffic.host = d.host();
    }
    if (aws && d.origin().isPresent()) {
      traffic.type = d.origin();
    }
    if (!d.inProgress()) {
      traffic.ring.record(now, micros(d), outcome(d));
      changed = true;
    }
    addOnce(kept.calls, key);
    if (!aws) {
      remoteCallOfId.put(d.id(), key);
      Callee waiting = calleeWaitingForCall.remove(d.id());
      if (waiting != null) {
        learn(key, waiting);
      }
    }
  }

  /** A segment of {@code callee} whose parent is {@code parentId}: maybe a remote call's id. */
  private void calledAs(String parentId, Callee callee) {
    CallKey call = remoteCallOfId.get(parentId);
    if (call != null) {
      learn(call, callee);
    } else {
      calleeWaitingForCall.put(parentId, callee);
    }
  }

  private void learn(CallKey call, Callee callee) {
    Callee before = aliases.put(call, callee);
    if (!callee.equals(before)) {
      changed = true;
    }
  }

  private void hold(String parentId, SegmentDocument document, KeptTrace kept, long now) {
    if (orphanCount >= MAX_ORPHANS) {
      Iterator<List<Held>> eldest = orphans.values().iterator();
      orphanCount -= eldest.next().size();
      eldest.remove();
    }
    orphans.computeIfAbsent(parentId, p -> new ArrayList<>()).add(new Held(document, kept, now));
    orphanCount++;
  }

  private KeptTrace keep(SegmentDocument document, long now) {
    Optional<String> traceId = document.traceId();
    if (traceId.isEmpty()) {
      return new KeptTrace(document, now);
    }
    KeptTrace kept = traces.get(traceId.get());
    if (kept == null) {
      kept = new KeptTrace(document, now);
      traces.put(traceId.get(), kept);
      while (traces.size() > keptTraces) {
        Iterator<KeptTrace> eldest = traces.values().iterator();
        eldest.next();
        eldest.remove();
      }
    } else if (kept.documents.size() < MAX_DOCUMENTS_PER_TRACE) {
      kept.documents.add(document);
      kept.lastMs = now;
    }
    return kept;
  }

  private static <T> void addOnce(List<T> list, T item) {
    if (!list.contains(item)) {
      list.add(item);
    }
  }

  private static long micros(SegmentDocument d) {
    return Math.round(d.durationMs().orElse(0) * 1000);
  }

  static Outcome outcome(SegmentDocument d) {
    return Outcome.of(d.error(), d.fault(), d.throttle(), d.httpStatus());
  }

  // ---- the window ----

  /**
   * Moves the window to {@code nowMs}: slices that left it are let go, services and calls with
   * nothing left are forgotten, standalone subsegments that waited too long are dropped. Whether
   * anything left the window.
   */
  boolean advance(long nowMs) {
    long now = now(nowMs);
    boolean expired = false;
    for (Iterator<ServiceTraffic> i = services.values().iterator(); i.hasNext(); ) {
      LatencyRing ring = i.next().ring;
      expired |= ring.advance(now);
      if (ring.isEmpty()) {
        i.remove();
      }
    }
    for (Iterator<CallTraffic> i = calls.values().iterator(); i.hasNext(); ) {
      LatencyRing ring = i.next().ring;
      expired |= ring.advance(now);
      if (ring.isEmpty()) {
        i.remove();
      }
    }
    for (Iterator<List<Held>> i = orphans.values().iterator(); i.hasNext(); ) {
      List<Held> held = i.next();
      if (held.get(0).atMs > now - ORPHAN_WAIT_MS) {
        break;
      }
      orphanCount -= held.size();
      i.remove();
    }
    changed |= expired;
    return expired;
  }

  /**
   * The overlay to publish at {@code nowMs} when something changed since the last one (or while the
   * window still fills, its rates falling as time passes); empty otherwise. {@code
   * listeningSinceMs}: when the port began to listen, so that rates count only the time listened.
   */
  public Optional<OverlayData> changedOverlay(long nowMs, long listeningSinceMs) {
    advance(nowMs);
    boolean filling =
        lastMs - listeningSinceMs < window.toMillis() && !(services.isEmpty() && calls.isEmpty());
    if (!changed && !filling) {
      return Optional.empty();
    }
    changed = false;
    return Optional.of(overlayNow(listeningSinceMs));
  }

  /** Everything in the window at {@code nowMs}, as overlay data. */
  public OverlayData overlay(long nowMs, long listeningSinceMs) {
    advance(nowMs);
    return overlayNow(listeningSinceMs);
  }

  /** Everything in the window as it was last advanced to. */
  private OverlayData overlayNow(long listeningSinceMs) {
    long now = lastMs;
    Duration covered = covered(now, listeningSinceMs);
    OverlayData.Builder out = OverlayData.builder();
    services.forEach(
        (name, traffic) -> {
          if (traffic.ring.requests() > 0) {
            out.put(
                name,
                OverlayKeys.TRACED_SERVICES,
                new TracedService(name, traffic.type, traffic.ring.windowStats(covered)));
          }
        });
    Map<CallKey, List<CallTraffic>> edges = new LinkedHashMap<>();
    calls.forEach(
        (key, traffic) -> {
          if (traffic.ring.requests() > 0) {
            edges.computeIfAbsent(published(key), k -> new ArrayList<>()).add(traffic);
          }
        });
    edges.forEach(
        (edge, parts) -> {
          TracedCall call = tracedCall(edge, parts, covered);
          out.put(call.subject(), OverlayKeys.TRACED_CALLS, call);
        });
    return out.build();
  }

  private TracedCall tracedCall(CallKey edge, List<CallTraffic> parts, Duration covered) {
    CallTraffic first = parts.get(0);
    CallStats stats;
    if (parts.size() == 1) {
      stats = first.ring.windowStats(covered);
    } else {
      Histogram h = LatencyRing.emptyHistogram();
      Counts counts = new Counts();
      parts.forEach(p -> p.ring.addWindowTo(h, counts));
      stats = counts.stats(h, covered);
    }
    Callee alias = aliases.get(new CallKey(edge.caller, first.rawCallee));
    Optional<String> type = alias != null ? alias.origin : first.type;
    return new TracedCall(edge.caller, edge.callee, type, first.host, stats);
  }

  /** The caller and callee a call is published under: the callee's own name once known. */
  private CallKey published(CallKey raw) {
    Callee alias = aliases.get(raw);
    return alias == null ? raw : new CallKey(raw.caller, alias.service);
  }

  private Duration covered(long now, long listeningSinceMs) {
    long from = Math.max(listeningSinceMs, LatencyRing.windowStartMs(now, window));
    return Duration.ofMillis(Math.max(1, now - from));
  }

  // ---- questions ----

  /** The subject's calls minute by minute, oldest first, over the last {@code span}. */
  List<TimePoint> timeSeries(
      TraceSubject subject, Duration span, long nowMs, long listeningSinceMs) {
    advance(nowMs);
    long now = lastMs;
    long minutes =
        Math.min(
            LatencyRing.MINUTES,
            Math.max(1, (span.toMillis() + LatencyRing.MINUTE_MS - 1) / LatencyRing.MINUTE_MS));
    long toMinute = Math.floorDiv(now, LatencyRing.MINUTE_MS);
    long fromMinute =
        Math.max(toMinute - minutes + 1, Math.floorDiv(listeningSinceMs, LatencyRing.MINUTE_MS));
    int n = (int) (toMinute - fromMinute + 1);
    if (n <= 0) {
      return List.of();
    }
    List<Histogram> histograms = new ArrayList<>(n);
    List<Counts> counts = new ArrayList<>(n);
    List<Duration> covered = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      histograms.add(LatencyRing.emptyHistogram());
      counts.add(new Counts());
      long start = (fromMinute + i) * LatencyRing.MINUTE_MS;
      long end = Math.min(start + LatencyRing.MINUTE_MS, now);
      covered.add(Duration.ofMillis(Math.max(1, end - Math.max(start, listeningSinceMs))));
    }
    for (LatencyRing ring : rings(subject)) {
      ring.addMinutesTo(fromMinute, toMinute, histograms, counts);
    }
    return LatencyRing.timePoints(fromMinute, histograms, counts, covered);
  }

  private List<LatencyRing> rings(TraceSubject subject) {
    if (subject.callee().isEmpty()) {
      ServiceTraffic traffic = services.get(subject.service());
      return traffic == null ? List.of() : List.of(traffic.ring);
    }
    List<LatencyRing> rings = new ArrayList<>();
    calls.forEach(
        (key, traffic) -> {
          if (passes(key, subject)) {
            rings.add(traffic.ring);
          }
        });
    return rings;
  }

  private boolean passes(CallKey raw, TraceSubject subject) {
    CallKey edge = published(raw);
    return edge.caller.equals(subject.service())
        && subject.callee().filter(edge.callee::equals).isPresent();
  }

  /** At most {@code limit} kept traces of the window through the subject. */
  List<TraceSummary> traces(TraceSubject subject, TraceFilter filter, int limit, long nowMs) {
    long from = LatencyRing.windowStartMs(now(nowMs), window);
    List<TraceSummary> found = new ArrayList<>();
    traces.forEach(
        (id, kept) -> {
          if (kept.lastMs >= from && through(kept, subject)) {
            TraceSummary summary = kept.summary(id);
            if (filter == TraceFilter.SLOWEST || summary.failed()) {
              found.add(summary);
            }
          }
        });
    Comparator<TraceSummary> order =
        filter == TraceFilter.SLOWEST
            ? Comparator.comparing(TraceSummary::duration).reversed()
            : Comparator.comparing(TraceSummary::start).reversed();
    found.sort(order.thenComparing(TraceSummary::id));
    return List.copyOf(found.subList(0, Math.min(Math.max(0, limit), found.size())));
  }

  private boolean through(KeptTrace kept, TraceSubject subject) {
    if (subject.callee().isEmpty()) {
      return kept.services.contains(subject.service());
    }
    for (CallKey call : kept.calls) {
      if (passes(call, subject)) {
        return true;
      }
    }
    return false;
  }

  /** One kept trace, put together; empty when it is no longer kept. */
  Optional<Trace> trace(String traceId) {
    KeptTrace kept = traces.get(traceId);
    return kept == null
        ? Optional.empty()
        : Optional.of(TraceAssembly.assemble(traceId, kept.documents));
  }

  // ---- status ----

  /** Whether anything was skipped or dropped within the window. */
  boolean turnedAwayRecently(long nowMs) {
    return tally.anyTurnedAway(now(nowMs));
  }

  /**
   * "12,345 segments in the last 5 min; skipped 3 malformed, 1 over 64 KB, 2 without a header;
   * dropped 0", and where relaying failed, "; could not forward 4".
   */
  String statusMessage(long nowMs) {
    long now = now(nowMs);
    long segments = tally.sum(Kind.SEGMENTS, now);
    String text =
        String.format(
            Locale.ROOT,
            "%,d %s in the last %s; skipped %,d malformed, %,d over %s, %,d without a header;"
                + " dropped %,d",
            segments,
            segments == 1 ? "segment" : "segments",
            spoken(window),
            tally.sum(Kind.MALFORMED, now),
            tally.sum(Kind.OVERSIZE, now),
            maxDatagramBytes % 1024 == 0
                ? maxDatagramBytes / 1024 + " KB"
                : maxDatagramBytes + " bytes",
            tally.sum(Kind.HEADERLESS, now),
            tally.sum(Kind.DROPPED, now));
    long unforwarded = tally.sum(Kind.UNFORWARDED, now);
    return unforwarded > 0
        ? text + String.format(Locale.ROOT, "; could not forward %,d", unforwarded)
        : text;
  }

  /** 5 min, 30 s, 1 h, 90 min. */
  static String spoken(Duration d) {
    long s = d.toSeconds();
    if (s % 3600 == 0) {
      return s / 3600 + " h";
    }
    if (s % 60 == 0) {
      return s / 60 + " min";
    }
    return s + " s";
  }

  private static <K, V> Map<K, V> bounded(int max) {
    return new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }

  // ---- state ----

  private record CallKey(String caller, String callee) {}

  /** The service a remote call reached, as its own segment names it. */
  private record Callee(String service, Optional<String> origin) {}

  private record Attribution(
      String service, SegmentDocument document, boolean documentIsPart, KeptTrace kept) {}

  private record Held(SegmentDocument document, KeptTrace kept, long atMs) {}

  private static final class ServiceTraffic {
    final LatencyRing ring;
    Optional<String> type = Optional.empty();

    ServiceTraffic(Duration window) {
      ring = new LatencyRing(window);
    }
  }

  private static final class CallTraffic {
    final LatencyRing ring;
    final String rawCallee;
    Optional<String> type;
    Optional<String> host = Optional.empty();

    CallTraffic(Duration window, boolean aws, String callee) {
      ring = new LatencyRing(window);
      rawCallee = callee;
      type = Optional.of(aws ? "AWS::" + callee : "remote");
    }
  }

  /** One trace's documents as received, and what it passes through. */
  private static final class KeptTrace {
    final List<SegmentDocument> documents = new ArrayList<>();
    // A trace passes through few services and calls: small lists beat hash sets here.
    final List<String> services = new ArrayList<>(2);
    final List<CallKey> calls = new ArrayList<>(2);
    long lastMs;

    KeptTrace(SegmentDocument first, long now) {
      documents.add(first);
      lastMs = now;
    }

    TraceSummary summary(String id) {
      double start = Double.MAX_VALUE;
      double end = -Double.MAX_VALUE;
      SegmentDocument entry = null;
      boolean fault = false;
      boolean error = false;
      boolean throttle = false;
      for (SegmentDocument d : documents) {
        start = Math.min(start, d.startSeconds());
        end = Math.max(end, d.endSeconds().orElse(d.startSeconds()));
        if (d.isSegment()
            && d.parentId().isEmpty()
            && (entry == null || entry.inProgress() && !d.inProgress())) {
          entry = d;
        }
        // Any span's failure counts: a 503 from a callee the entry service absorbed is one too.
        Deque<SegmentDocument> spans = new ArrayDeque<>();
        spans.push(d);
        while (!spans.isEmpty()) {
          SegmentDocument span = spans.pop();
          Outcome o = outcome(span);
          fault |= o == Outcome.FAULT;
          error |= o == Outcome.ERROR || o == Outcome.THROTTLE;
          throttle |= o == Outcome.THROTTLE;
          span.subsegments().forEach(spans::push);
        }
      }
      Optional<SegmentDocument> root = Optional.ofNullable(entry);
      return new TraceSummary(
          id,
          TraceAssembly.instant(start),
          Duration.ofNanos(Math.round(Math.max(0, end - start) * 1e9)),
          root.map(SegmentDocument::name),
          root.map(SegmentDocument::httpStatus).orElse(OptionalInt.empty()),
          fault,
          error,
          throttle);
    }
  }
}
