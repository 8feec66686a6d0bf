package dev.sidescope.collectors.xray.api;

import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.model.traffic.TracedService;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.xray.model.Edge;
import software.amazon.awssdk.services.xray.model.GetServiceGraphResponse;
import software.amazon.awssdk.services.xray.model.Service;

/**
 * One reading of X-Ray's service graph, in tracing's terms: every service with the calls it
 * answered, and every edge as the calls from one service to another.
 *
 * <p>How the graph's nodes and edges become these:
 *
 * <ul>
 *   <li>A service node becomes a {@link TracedService}: its {@code Name}, {@code Type}, {@code
 *       SummaryStatistics} and {@code ResponseTimeHistogram}, covering its {@code EndTime -
 *       StartTime} (else the page's, else the window asked for). A {@code client} node is not a
 *       service: it stands for callers outside tracing, and its calls are the entry service's own
 *       figures.
 *   <li>An edge becomes a {@link TracedCall} from the node that lists it to the node its {@code
 *       ReferenceId} names (callee and callee type are that node's {@code Name} and {@code Type};
 *       the host is its name when the type is {@code remote}). Edges out of {@code client} nodes
 *       are left out, and so are edges to a node that is on none of the pages.
 *   <li>Nodes that share a name (a Lambda function and the Lambda service, say), and the calls
 *       between the same two names, are added together ({@link CallStats#plus}); the first one's
 *       type stands.
 * </ul>
 *
 * @param services by name
 * @param calls by {@link TracedCall#subject()}
 */
record TracedGraph(Map<String, TracedService> services, Map<String, TracedCall> calls) {
  /** X-Ray's type for the callers that are not traced themselves. */
  static final String CLIENT = "client";

  /** X-Ray's type for a host reached over HTTP that sends no segments of its own. */
  static final String REMOTE = "remote";

  TracedGraph {
    services = Map.copyOf(services);
    calls = Map.copyOf(calls);
  }

  /**
   * The graph that {@code pages} (one {@code GetServiceGraph} answer, page by page) describe.
   *
   * @param requested the window asked for, for nodes and edges that give no times of their own
   */
  static TracedGraph read(List<GetServiceGraphResponse> pages, Duration requested) {
    Map<Integer, Service> byReference = new HashMap<>();
    for (GetServiceGraphResponse page : pages) {
      for (Service s : page.services()) {
        if (s.referenceId() != null) {
          byReference.putIfAbsent(s.referenceId(), s);
        }
      }
    }
    Map<String, TracedService> services = new LinkedHashMap<>();
    Map<String, TracedCall> calls = new LinkedHashMap<>();
    for (GetServiceGraphResponse page : pages) {
      Duration pageCovered = covered(page.startTime(), page.endTime(), requested);
      for (Service s : page.services()) {
        if (s.name() == null || CLIENT.equals(s.type())) {
          continue;
        }
        TracedService service =
            new TracedService(
                s.name(),
                Optional.ofNullable(s.type()),
                XRayStatistics.of(
                    s.summaryStatistics(),
                    s.responseTimeHistogram(),
                    covered(s.startTime(), s.endTime(), pageCovered)));
        services.merge(
            service.name(),
            service,
            (first, second) ->
                new TracedService(first.name(), first.type(), first.stats().plus(second.stats())));
        for (Edge e : s.edges()) {
          Service callee = e.referenceId() == null ? null : byReference.get(e.referenceId());
          if (callee == null || callee.name() == null) {
            continue;
          }
          Optional<String> calleeType = Optional.ofNullable(callee.type());
          TracedCall call =
              new TracedCall(
                  s.name(),
                  callee.name(),
                  calleeType,
                  calleeType.filter(REMOTE::equals).map(t -> callee.name()),
                  XRayStatistics.of(
                      e.summaryStatistics(),
                      e.responseTimeHistogram(),
                      covered(e.startTime(), e.endTime(), pageCovered)));
          calls.merge(
              call.subject(),
              call,
              (first, second) ->
                  new TracedCall(
                      first.caller(),
                      first.callee(),
                      first.calleeType(),
                      first.host(),
                      first.stats().plus(second.stats())));
        }
      }
    }
    return new TracedGraph(services, calls);
  }

  /** What the source publishes: {@code TRACED_SERVICES} and {@code TRACED_CALLS}. */
  OverlayData overlay() {
    return OverlayData.EMPTY
        .with(OverlayKeys.TRACED_SERVICES, services)
        .with(OverlayKeys.TRACED_CALLS, calls);
  }

  private static Duration covered(Instant start, Instant end, Duration otherwise) {
    if (start == null || end == null || !end.isAfter(start)) {
      return otherwise;
    }
    return Duration.between(start, end);
  }
}
