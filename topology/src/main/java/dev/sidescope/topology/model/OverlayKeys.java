package dev.sidescope.topology.model;

/**
 * Every kind of overlay data, in one place. Sources publish measurements under the keys marked
 * "measured"; appenders write the keys marked "worked out" into the snapshot for the views.
 */
public final class OverlayKeys {
  private OverlayKeys() {}

  /**
   * Measured: the traffic on an edge. Subject: the edge's key, {@link Edge#key(String, String,
   * EdgeKind)}. Read by {@code EdgeTrafficAppender}, which puts it on the edge.
   */
  public static final OverlayKey<EdgeTraffic> EDGE_TRAFFIC =
      new OverlayKey<>("edge-traffic", EdgeTraffic.class, (first, second) -> first);

  /**
   * Worked out: the status of the source that reported a workload, where that source is down or
   * stale, so that the views grey what it said. Subjects: the workload's id and each of its
   * containers' ids. Written by {@code SourceHealthAppender}. A box of several workloads keeps the
   * first one's.
   */
  public static final OverlayKey<SourceStatus> SOURCE_UNAVAILABLE =
      new OverlayKey<>("source-unavailable", SourceStatus.class, (first, second) -> first);
}
