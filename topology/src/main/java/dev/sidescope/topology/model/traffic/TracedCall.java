package dev.sidescope.topology.model.traffic;

import java.util.Objects;
import java.util.Optional;

/**
 * Calls from one traced service to another, or to a host or an AWS service it reached: an edge of
 * X-Ray's service graph, or what a daemon port's subsegments and segments say about one pair.
 *
 * @param caller the calling service's name, as its segments give it
 * @param callee the called service's name: a traced service's segment name, or for a call known
 *     only from the caller's subsegment, that subsegment's name (a host, or the AWS service, e.g.
 *     {@code DynamoDB})
 * @param calleeType X-Ray's type for the callee where known ({@code remote}, {@code
 *     AWS::DynamoDB::Table}, {@code AWS::ECS::Container})
 * @param host the host the caller's request went to, from {@code http.request.url}, where known
 * @param stats the calls
 */
public record TracedCall(
    String caller,
    String callee,
    Optional<String> calleeType,
    Optional<String> host,
    CallStats stats) {
  public TracedCall {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(callee, "callee");
    Objects.requireNonNull(calleeType, "calleeType");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(stats, "stats");
  }

  /** The subject it is published under: {@code caller -> callee}. */
  public static String subject(String caller, String callee) {
    return caller + " -> " + callee;
  }

  /** {@link #subject(String, String)} of this call. */
  public String subject() {
    return subject(caller, callee);
  }
}
