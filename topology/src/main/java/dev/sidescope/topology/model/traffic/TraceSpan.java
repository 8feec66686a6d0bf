package dev.sidescope.topology.model.traffic;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One segment or subsegment of a trace, flattened: the waterfall draws one row per span, indented
 * by {@code depth}.
 *
 * @param id its id, 16 hex digits
 * @param parentId the span it is part of or was called from; empty for the trace's root
 * @param name the service (a segment) or the call (a subsegment), e.g. {@code payment-service},
 *     {@code DynamoDB}
 * @param segment whether it is a segment (a service's own work), not a subsegment
 * @param namespace {@code remote} or {@code aws} for a subsegment that calls out, where given
 * @param start when it started
 * @param end when it ended; empty while in progress
 * @param depth 0 for a root, its parent's depth + 1 otherwise
 * @param httpStatus the HTTP status it records, where it records one
 * @param fault whether it has a fault
 * @param error whether it has an error
 * @param throttle whether it was throttled
 * @param annotations its annotations, values as text, secrets masked
 */
public record TraceSpan(
    String id,
    Optional<String> parentId,
    String name,
    boolean segment,
    Optional<String> namespace,
    Instant start,
    Optional<Instant> end,
    int depth,
    OptionalInt httpStatus,
    boolean fault,
    boolean error,
    boolean throttle,
    Map<String, String> annotations) {
  public TraceSpan {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(parentId, "parentId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(httpStatus, "httpStatus");
    annotations = Map.copyOf(annotations);
  }
}
