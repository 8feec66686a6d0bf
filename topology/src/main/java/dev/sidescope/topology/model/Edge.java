package dev.sidescope.topology.model;

import dev.sidescope.topology.model.proxy.UpstreamHealth;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A directed edge between two node ids (containers, services, AWS sinks, external hosts). {@code
 * (from, to, kind)} is unique in a snapshot.
 *
 * @param detail what a person may want to read on the edge, e.g. the log group
 * @param metrics traffic, where any source measured it: a proxy's own view where a proxy measured
 *     it ({@link Evidence#ENVOY}), else tracing's
 * @param measuredBy each measuring source's figures, by its evidence, where more than one measured
 *     the edge or one did; empty when none did
 * @param upstream what only the calling proxy knows of the upstream (hosts, ejections, connections,
 *     retries, circuit breakers), where a proxy measured the edge
 */
public record Edge(
    String from,
    String to,
    EdgeKind kind,
    Set<Evidence> evidence,
    Optional<String> detail,
    EdgeMetrics metrics,
    Map<Evidence, EdgeMetrics> measuredBy,
    Optional<UpstreamHealth> upstream) {

  /**
   * The order of edges in a snapshot: by from, then to, then kind. Written out rather than chained
   * from key extractors, since a snapshot sorts many thousands of edges with it.
   */
  public static final Comparator<Edge> ORDER =
      (a, b) -> {
        // Edges of one container share its id's very string: no need to compare it letter by
        // letter, which is most of the cost of sorting a snapshot's edges.
        int c = a.from == b.from ? 0 : a.from.compareTo(b.from);
        if (c == 0) {
          c = a.to == b.to ? 0 : a.to.compareTo(b.to);
        }
        return c != 0 ? c : a.kind.compareTo(b.kind);
      };

  public Edge {
    evidence =
        evidence.isEmpty()
            ? Set.of()
            : evidence.size() == 1
                ? only(evidence.iterator().next())
                : Set.copyOf(EnumSet.copyOf(evidence));
    detail = detail == null ? Optional.empty() : detail;
    metrics = metrics == null ? EdgeMetrics.NONE : metrics;
    measuredBy =
        measuredBy == null || measuredBy.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new EnumMap<>(measuredBy));
    upstream = upstream == null ? Optional.empty() : upstream;
  }

  /** An edge no source measured by more than its {@code metrics}, and no proxy's upstream. */
  public Edge(
      String from,
      String to,
      EdgeKind kind,
      Set<Evidence> evidence,
      Optional<String> detail,
      EdgeMetrics metrics) {
    this(from, to, kind, evidence, detail, metrics, Map.of(), Optional.empty());
  }

  /** {@code Set.of(evidence)}, one shared instance per kind of evidence. */
  private static Set<Evidence> only(Evidence evidence) {
    return SINGLE_EVIDENCE.get(Objects.requireNonNull(evidence));
  }

  private static final Map<Evidence, Set<Evidence>> SINGLE_EVIDENCE = singleEvidence();

  private static Map<Evidence, Set<Evidence>> singleEvidence() {
    Map<Evidence, Set<Evidence>> sets = new EnumMap<>(Evidence.class);
    for (Evidence e : Evidence.values()) {
      sets.put(e, Set.of(e));
    }
    return sets;
  }

  /** An edge known from manifests, with no detail and no metrics. */
  public static Edge fromManifest(String from, String to, EdgeKind kind) {
    return new Edge(from, to, kind, Set.of(Evidence.MANIFEST), Optional.empty(), EdgeMetrics.NONE);
  }

  /** The identity of this edge within a snapshot. */
  public String key() {
    return key(from, to, kind);
  }

  /**
   * The identity of the edge {@code from -> to} of this kind, e.g. {@code a -> b [upstream]}: how
   * overlay data names an edge as its subject.
   */
  public static String key(String from, String to, EdgeKind kind) {
    return from + " -> " + to + " [" + kind.wireName() + "]";
  }

  public Edge withMetrics(EdgeMetrics newMetrics) {
    return new Edge(from, to, kind, evidence, detail, newMetrics, measuredBy, upstream);
  }

  public Edge withDetail(String newDetail) {
    return new Edge(
        from, to, kind, evidence, Optional.ofNullable(newDetail), metrics, measuredBy, upstream);
  }

  /**
   * This edge measured by one more source: its evidence added, its figures kept under that
   * evidence, and on {@code metrics} when it is a proxy's or nothing else measured the edge.
   */
  public Edge measured(Evidence by, EdgeMetrics figures, Optional<UpstreamHealth> health) {
    Set<Evidence> newEvidence = EnumSet.of(by);
    newEvidence.addAll(evidence);
    Map<Evidence, EdgeMetrics> byEvidence = new EnumMap<>(Evidence.class);
    byEvidence.putAll(measuredBy);
    if (!metrics.isEmpty() && byEvidence.isEmpty()) {
      // measured before by a source that did not say so: keep it under the evidence it has
      evidence.stream()
          .filter(e -> e == Evidence.XRAY || e == Evidence.ENVOY)
          .findFirst()
          .ifPresent(e -> byEvidence.put(e, metrics));
    }
    byEvidence.put(by, figures);
    boolean onTop = by == Evidence.ENVOY || !byEvidence.containsKey(Evidence.ENVOY);
    return new Edge(
        from,
        to,
        kind,
        newEvidence,
        detail,
        onTop ? figures : metrics,
        byEvidence,
        health.isPresent() ? health : upstream);
  }
}
