package dev.sidescope.topology.model;

import dev.sidescope.topology.model.proxy.ProxyReading;
import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.model.traffic.TracedService;

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

  /**
   * Measured: calls between traced services over the source's window (X-Ray's service graph, or a
   * local daemon port). Subject: {@link TracedCall#subject(String, String)}, in tracing's names,
   * not the picture's. Read by {@code TracedTrafficAppender}, which finds the edges they belong on,
   * and copied into the snapshot for the Traffic tab.
   */
  public static final OverlayKey<TracedCall> TRACED_CALLS =
      new OverlayKey<>("traced-calls", TracedCall.class, (first, second) -> first);

  /**
   * Measured: traced services with the calls they answered. Subject: the service's name as tracing
   * gives it. Read by {@code TracedTrafficAppender}; those that match nothing in the picture become
   * service nodes. Copied into the snapshot for the Traffic tab.
   */
  public static final OverlayKey<TracedService> TRACED_SERVICES =
      new OverlayKey<>("traced-services", TracedService.class, (first, second) -> first);

  /**
   * Worked out: the name tracing gives what the picture draws, so that the Traffic tab and the
   * trace list can ask about a selection. Subjects: the ids of workloads, containers and nodes
   * matched to a traced service. Written by {@code TracedTrafficAppender}. A box of several keeps
   * the first one's.
   */
  public static final OverlayKey<String> TRACED_NAME =
      new OverlayKey<>("traced-name", String.class, (first, second) -> first);

  /**
   * Measured: one poll of a proxy sidecar's admin API. Subject: {@link ProxyReading#subject()}, the
   * sidecar container's id (or {@code proxy/<admin URL>} for a proxy matching no container). Read
   * by {@code ProxyUpstreamAppender}, which puts its upstreams on the sidecar's edges, and copied
   * into the snapshot for the Envoy tab.
   */
  public static final OverlayKey<ProxyReading> PROXY_READINGS =
      new OverlayKey<>("proxy-readings", ProxyReading.class, (first, second) -> first);
}
