package dev.sidescope.collectors.xray;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One X-Ray segment or subsegment document, with what Sidescope reads of it; unknown fields are
 * ignored. A segment is a service's own work and carries the service's {@code name}; a subsegment
 * is a part of it, often a call out ({@code namespace} {@code remote} for HTTP, {@code aws} for an
 * AWS SDK call). A subsegment sent on its own ({@code "type": "subsegment"}) carries {@code
 * trace_id} and {@code parent_id} but not the service's name.
 *
 * @param name the service's name (segment) or the call's (subsegment: a host, or {@code DynamoDB})
 * @param id 16 hex digits
 * @param traceId the trace's id; empty for a subsegment nested in another document
 * @param parentId the subsegment this one was called from or is part of; empty for a root
 * @param standaloneSubsegment whether it is a subsegment sent on its own
 * @param startSeconds epoch seconds with fraction
 * @param endSeconds epoch seconds with fraction; empty while in progress
 * @param namespace {@code remote} or {@code aws}, where given
 * @param origin the segment's resource type, e.g. {@code AWS::ECS::Container}
 * @param method the HTTP method, where recorded
 * @param url the HTTP request's URL, where recorded
 * @param httpStatus the HTTP response's status, where recorded
 * @param error a client error (4xx)
 * @param fault a server error (5xx)
 * @param throttle throttled (429)
 * @param awsOperation for an AWS SDK call, its operation ({@code PutItem})
 * @param annotations annotation values as text
 * @param subsegments the subsegments nested in it, in document order
 */
public record SegmentDocument(
    String name,
    String id,
    Optional<String> traceId,
    Optional<String> parentId,
    boolean standaloneSubsegment,
    double startSeconds,
    OptionalDouble endSeconds,
    Optional<String> namespace,
    Optional<String> origin,
    Optional<String> method,
    Optional<String> url,
    OptionalInt httpStatus,
    boolean error,
    boolean fault,
    boolean throttle,
    Optional<String> awsOperation,
    Map<String, String> annotations,
    List<SegmentDocument> subsegments) {

  public SegmentDocument {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    annotations = Map.copyOf(annotations);
    subsegments = List.copyOf(subsegments);
  }

  /** Whether it is a segment: a service's own work, not a subsegment. */
  public boolean isSegment() {
    return !standaloneSubsegment;
  }

  /** Whether it is still running ({@code in_progress}, or no end time). */
  public boolean inProgress() {
    return endSeconds.isEmpty();
  }

  /** {@code end - start} in milliseconds; empty while in progress. */
  public OptionalDouble durationMs() {
    return endSeconds.isPresent()
        ? OptionalDouble.of(Math.max(0, (endSeconds.getAsDouble() - startSeconds) * 1000))
        : OptionalDouble.empty();
  }

  /** The host of {@link #url()}, lower case, without port; empty when there is no URL or host. */
  public Optional<String> host() {
    return url.flatMap(SegmentDocuments::hostOf);
  }

  /** Whether it calls out: a subsegment in the {@code remote} or {@code aws} namespace. */
  public boolean isCallOut() {
    return namespace.filter(n -> n.equals("remote") || n.equals("aws")).isPresent();
  }
}
