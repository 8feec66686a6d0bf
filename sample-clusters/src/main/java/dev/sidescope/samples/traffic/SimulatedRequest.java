package dev.sidescope.samples.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One request of a sample's simulated traffic: everything the endpoints that render traffic need,
 * so that an X-Ray segment, an Envoy counter and histogram, and an access-log line made from it
 * tell the same story.
 *
 * <p>Which fields serve whom: X-Ray builds a trace from {@code traceId}, the caller's subsegment
 * ({@code clientSpanId}) and the callee's segment ({@code serverSpanId}, whose parent is the
 * subsegment), {@code start}, {@link #end()}, {@code method}, {@code path}, {@code status} and
 * {@link #isFault()}; Envoy counts {@code status} classes and records {@code duration} in its
 * {@code upstream_rq_time} histogram, and its access log writes {@code start}, {@code method},
 * {@code path}, {@code status}, the two byte counts, {@code duration} and {@code requestId} (its
 * {@code x-request-id}).
 *
 * @param from the calling workload (or external node), as the traffic model names it
 * @param to the called workload or external node
 * @param start when the request started
 * @param duration how long it took, drawn from the flow's latency percentiles
 * @param status the HTTP status answered: 200 or 201, or for a failed request 500, 503 or 504
 * @param method {@code GET} or {@code POST}
 * @param path {@code /<to>} without any domain: the traffic model has no routes
 * @param requestBytes the request body's size ({@code 0} for a GET)
 * @param responseBytes the response body's size
 * @param traceId an X-Ray trace id, {@code 1-<start in epoch seconds, 8 hex>-<24 hex>}
 * @param clientSpanId 16 hex digits: the caller's span (its X-Ray subsegment)
 * @param serverSpanId 16 hex digits: the callee's span (its X-Ray segment)
 * @param requestId a random UUID, as Envoy puts in {@code x-request-id}
 */
public record SimulatedRequest(
    String from,
    String to,
    Instant start,
    Duration duration,
    int status,
    String method,
    String path,
    long requestBytes,
    long responseBytes,
    String traceId,
    String clientSpanId,
    String serverSpanId,
    String requestId) {
  public SimulatedRequest {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(clientSpanId, "clientSpanId");
    Objects.requireNonNull(serverSpanId, "serverSpanId");
    Objects.requireNonNull(requestId, "requestId");
  }

  /** When the answer was complete: {@code start + duration}. */
  public Instant end() {
    return start.plus(duration);
  }

  /**
   * Whether the request failed on the server's side (a 5xx): what the flow's {@code errorRate}
   * counts, X-Ray marks {@code fault} and Envoy counts in {@code upstream_rq_5xx}.
   */
  public boolean isFault() {
    return status >= 500;
  }
}
