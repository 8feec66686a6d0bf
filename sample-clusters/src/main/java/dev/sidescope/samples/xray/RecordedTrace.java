package dev.sidescope.samples.xray;

import dev.sidescope.samples.traffic.SimulatedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One trace an {@link XRayRecorder} keeps: one simulated request, whose segment documents are
 * rendered when asked for (the same every time).
 *
 * <p>Immutable; thread-safe.
 */
public final class RecordedTrace {
  /**
   * One segment of the trace.
   *
   * @param id the segment's id, 16 hex digits
   * @param document the segment document, JSON text
   */
  public record Segment(String id, String document) {}

  private final SimulatedRequest request;
  private final SegmentRenderer renderer;

  RecordedTrace(SimulatedRequest request, SegmentRenderer renderer) {
    this.request = Objects.requireNonNull(request, "request");
    this.renderer = Objects.requireNonNull(renderer, "renderer");
  }

  /** The request traced. */
  public SimulatedRequest request() {
    return request;
  }

  /** The trace id. */
  public String id() {
    return request.traceId();
  }

  /** When its root segment started. */
  public Instant start() {
    return request.start();
  }

  /** From its first segment's start to its last one's end. */
  public Duration duration() {
    return request.duration();
  }

  /** Whether a segment or subsegment of it has a fault (5xx). */
  public boolean fault() {
    return request.status() >= 500;
  }

  /** Whether one has an error (4xx). */
  public boolean error() {
    return request.status() >= 400 && request.status() < 500;
  }

  /** Whether one was throttled (429). */
  public boolean throttle() {
    return request.status() == 429;
  }

  /** The service whose segment is the root: the caller when traced, else the callee. */
  public String entry() {
    return renderer.origins().isWorkload(request.from()) ? request.from() : request.to();
  }

  /** The entry service's type in the service graph, where known. */
  public Optional<String> entryType() {
    return renderer.origins().isWorkload(request.from())
        ? renderer.callerType(request.from())
        : renderer.calleeType(request.to());
  }

  /** The caller's name in X-Ray. */
  public String caller() {
    return request.from();
  }

  /** The callee's name in X-Ray ({@code DynamoDB} for an AWS service's host). */
  public String callee() {
    return renderer.calleeName(request);
  }

  /** The names of the services it touches, entry first. */
  public List<String> services() {
    List<String> out = new ArrayList<>(2);
    if (renderer.origins().isWorkload(request.from())) {
      out.add(caller());
    }
    out.add(callee());
    return out;
  }

  /** The request's URL, as the segments record it. */
  public String url() {
    return "http://" + request.to() + request.path();
  }

  /** Its segment documents, root first. */
  public List<Segment> segments() {
    List<String> documents = renderer.documents(request);
    List<Segment> out = new ArrayList<>(documents.size());
    boolean callerTraced = renderer.origins().isWorkload(request.from());
    for (int i = 0; i < documents.size(); i++) {
      String id =
          i == 0 && callerTraced
              ? SegmentRenderer.callerSegmentId(request)
              : request.serverSpanId();
      out.add(new Segment(id, documents.get(i)));
    }
    return out;
  }
}
