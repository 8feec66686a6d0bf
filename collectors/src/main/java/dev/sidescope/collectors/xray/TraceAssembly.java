package dev.sidescope.collectors.xray;

import dev.sidescope.topology.model.traffic.Trace;
import dev.sidescope.topology.model.traffic.TraceSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts one trace's documents together as a waterfall: every segment and subsegment becomes a {@link
 * TraceSpan}, each followed by the spans under it, those by start time. A nested subsegment is
 * under the document it is nested in; a segment or a subsegment sent on its own is under its {@code
 * parent_id}, which may be a subsegment of another service's segment (the call that reached it). A
 * span whose parent is not among the documents is a root, so a trace missing a part still shows the
 * rest; documents that name each other as parents show from the earliest. Where a document came
 * twice (in progress, then complete), the complete one stands.
 *
 * <p>Stateless and thread-safe.
 */
public final class TraceAssembly {
  private static final Comparator<SegmentDocument> BY_START =
      Comparator.comparingDouble(SegmentDocument::startSeconds).thenComparing(SegmentDocument::id);

  private TraceAssembly() {}

  /** The trace {@code traceId} made of {@code documents}, in any order. */
  public static Trace assemble(String traceId, List<SegmentDocument> documents) {
    Map<String, SegmentDocument> byId = new LinkedHashMap<>();
    Map<String, String> parentOf = new HashMap<>();
    Map<String, Boolean> isSegment = new HashMap<>();
    Deque<SegmentDocument> todo = new ArrayDeque<>();
    for (SegmentDocument d : documents) {
      keep(byId, d);
    }
    // Flatten the nested subsegments; their parent is the document they are nested in.
    List<SegmentDocument> tops = new ArrayList<>(byId.values());
    byId.clear();
    for (SegmentDocument top : tops) {
      keep(byId, top);
      top.parentId().ifPresent(p -> parentOf.put(top.id(), p));
      isSegment.put(top.id(), top.isSegment());
      todo.push(top);
    }
    while (!todo.isEmpty()) {
      SegmentDocument d = todo.pop();
      for (SegmentDocument s : d.subsegments()) {
        if (!byId.containsKey(s.id())) {
          byId.put(s.id(), s);
          parentOf.put(s.id(), d.id());
          isSegment.put(s.id(), false);
          todo.push(s);
        }
      }
    }
    Map<String, List<SegmentDocument>> children = new HashMap<>();
    List<SegmentDocument> roots = new ArrayList<>();
    for (SegmentDocument d : byId.values()) {
      String parent = parentOf.get(d.id());
      if (parent != null && byId.containsKey(parent) && !parent.equals(d.id())) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(d);
      } else {
        roots.add(d);
      }
    }
    roots.sort(BY_START);
    children.values().forEach(c -> c.sort(BY_START));

    List<TraceSpan> spans = new ArrayList<>(byId.size());
    Set<String> placed = new HashSet<>();
    for (SegmentDocument root : roots) {
      place(root, children, parentOf, isSegment, placed, spans);
    }
    // Documents that name each other as parents have no root among them: they still show, each
    // loop from its earliest span, rather than vanish.
    List<SegmentDocument> left = new ArrayList<>();
    for (SegmentDocument d : byId.values()) {
      if (!placed.contains(d.id())) {
        left.add(d);
      }
    }
    left.sort(BY_START);
    for (SegmentDocument d : left) {
      place(d, children, parentOf, isSegment, placed, spans);
    }
    double first = Double.MAX_VALUE;
    double last = -Double.MAX_VALUE;
    for (SegmentDocument d : byId.values()) {
      first = Math.min(first, d.startSeconds());
      last = Math.max(last, d.endSeconds().orElse(d.startSeconds()));
    }
    Duration duration =
        spans.isEmpty() ? Duration.ZERO : Duration.ofNanos(Math.round((last - first) * 1e9));
    return new Trace(traceId, duration, spans);
  }

  /** {@code top} and everything under it, depth first, each span once. */
  private static void place(
      SegmentDocument top,
      Map<String, List<SegmentDocument>> children,
      Map<String, String> parentOf,
      Map<String, Boolean> isSegment,
      Set<String> placed,
      List<TraceSpan> spans) {
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {top, 0});
    while (!stack.isEmpty()) {
      Object[] next = stack.pop();
      SegmentDocument d = (SegmentDocument) next[0];
      int depth = (Integer) next[1];
      if (!placed.add(d.id())) {
        continue; // a cycle of parent ids: each span once
      }
      spans.add(span(d, Optional.ofNullable(parentOf.get(d.id())), isSegment.get(d.id()), depth));
      List<SegmentDocument> under = children.getOrDefault(d.id(), List.of());
      for (int i = under.size() - 1; i >= 0; i--) {
        stack.push(new Object[] {under.get(i), depth + 1});
      }
    }
  }

  private static void keep(Map<String, SegmentDocument> byId, SegmentDocument d) {
    SegmentDocument before = byId.get(d.id());
    if (before == null || before.inProgress() && !d.inProgress()) {
      byId.put(d.id(), d);
    }
  }

  private static TraceSpan span(
      SegmentDocument d, Optional<String> parent, boolean segment, int depth) {
    return new TraceSpan(
        d.id(),
        parent,
        d.name(),
        segment,
        d.namespace(),
        instant(d.startSeconds()),
        d.endSeconds().isPresent()
            ? Optional.of(instant(d.endSeconds().getAsDouble()))
            : Optional.empty(),
        depth,
        d.httpStatus(),
        d.fault(),
        d.error(),
        d.throttle(),
        d.annotations());
  }

  /** Epoch seconds with fraction as an instant, to the microsecond X-Ray records. */
  public static Instant instant(double epochSeconds) {
    long micros = Math.round(epochSeconds * 1e6);
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
