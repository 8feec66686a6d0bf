package dev.sidescope.samples.xray;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidescope.samples.traffic.SimulatedRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders a {@link SimulatedRequest} as the X-Ray segment documents the X-Ray SDKs would emit for
 * it, as JSON:
 *
 * <ul>
 *   <li>when the caller is a traced workload, its segment (named after it, the trace's root) with
 *       one subsegment for the call ({@code id} = the request's {@code clientSpanId}): {@code
 *       namespace: "remote"}, {@code http.request.url} naming the callee ({@code
 *       http://payment-service/...}, {@code http://payments-db.internal/...}), {@code
 *       http.response.status} and the {@code fault}, {@code error} and {@code throttle} flags; for
 *       a host of an AWS service the picture knows ({@code dynamodb.us-east-1.amazonaws.com}),
 *       {@code namespace: "aws"}, named after the service ({@code DynamoDB}), with {@code
 *       aws.operation};
 *   <li>when the callee is a traced workload, its segment ({@code id} = {@code serverSpanId}),
 *       named after it, {@code parent_id} the caller's subsegment (none when the caller is not
 *       traced: then it is the root), with {@code http} request and response, the flags, and the
 *       workload's {@code origin} ({@code AWS::EKS::Container}, {@code AWS::ECS::Container}).
 * </ul>
 *
 * <p>Times are epoch seconds with fractions; ids are the request's (a trace id {@code
 * 1-xxxxxxxx-<24 hex>}, 16-hex segment ids), and the caller's segment id is derived from its
 * subsegment's, so the same request always renders the same documents. A 5xx is a {@code fault}, a
 * 4xx an {@code error}, a 429 also a {@code throttle}.
 *
 * <p>Immutable; thread-safe.
 */
public final class SegmentRenderer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final String SDK = "X-Ray for Java";
  private static final String SDK_VERSION = "2.18.2";

  private final WorkloadOrigins origins;

  /** A renderer that asks {@code origins} which names are traced workloads. */
  public SegmentRenderer(WorkloadOrigins origins) {
    this.origins = Objects.requireNonNull(origins, "origins");
  }

  /** Which names are traced workloads. */
  public WorkloadOrigins origins() {
    return origins;
  }

  /** The segments of {@code request}, as JSON objects: caller's first; none, one or two. */
  public List<ObjectNode> segments(SimulatedRequest request) {
    List<ObjectNode> out = new ArrayList<>(2);
    if (origins.isWorkload(request.from())) {
      out.add(callerSegment(request));
    }
    if (origins.isWorkload(request.to())) {
      out.add(calleeSegment(request));
    }
    return out;
  }

  /** {@link #segments} as JSON text, one document each. */
  public List<String> documents(SimulatedRequest request) {
    List<String> out = new ArrayList<>(2);
    for (ObjectNode segment : segments(request)) {
      out.add(text(segment));
    }
    return out;
  }

  /** The caller's segment id for {@code request}: 16 hex digits derived from its subsegment's. */
  public static String callerSegmentId(SimulatedRequest request) {
    long sub = Long.parseUnsignedLong(request.clientSpanId(), 16);
    return HEX.toHexDigits(Long.rotateLeft(sub * 0x9E3779B97F4A7C15L, 17) ^ 0x5DEECE66DL);
  }

  /**
   * The name the callee has in X-Ray: the workload's or host's name, or for an AWS service the
   * service's ({@code DynamoDB}).
   */
  public String calleeName(SimulatedRequest request) {
    return AwsServiceCall.of(request.to()).map(AwsServiceCall::name).orElse(request.to());
  }

  /**
   * The callee's type in X-Ray's service graph: a workload's origin, an AWS service's type, or
   * {@code remote} for a host; empty for a workload of unknown origin.
   */
  public Optional<String> calleeType(String to) {
    if (origins.isWorkload(to)) {
      return origins.origin(to);
    }
    return Optional.of(AwsServiceCall.of(to).map(AwsServiceCall::type).orElse("remote"));
  }

  /** The caller's type in X-Ray's service graph, where known: its origin. */
  public Optional<String> callerType(String from) {
    return origins.origin(from);
  }

  private ObjectNode callerSegment(SimulatedRequest r) {
    ObjectNode segment = JSON.createObjectNode();
    segment.put("name", r.from());
    segment.put("id", callerSegmentId(r));
    segment.put("trace_id", r.traceId());
    segment.put("start_time", seconds(r.start()));
    segment.put("end_time", seconds(r.end()));
    origins.origin(r.from()).ifPresent(o -> segment.put("origin", o));
    sdk(segment);
    ObjectNode call = segment.putArray("subsegments").addObject();
    call.put("id", r.clientSpanId());
    Optional<AwsServiceCall> aws = AwsServiceCall.of(r.to());
    call.put("name", calleeName(r));
    call.put("start_time", seconds(r.start()));
    call.put("end_time", seconds(r.end()));
    call.put("namespace", aws.isPresent() ? "aws" : "remote");
    ObjectNode http = call.putObject("http");
    http.putObject("request").put("method", r.method()).put("url", url(r));
    http.putObject("response").put("status", r.status()).put("content_length", r.responseBytes());
    aws.ifPresent(
        a -> {
          ObjectNode fields = call.putObject("aws");
          fields.put("operation", a.operation());
          if (!a.region().isEmpty()) {
            fields.put("region", a.region());
          }
          fields.put("request_id", r.requestId());
          fields.put("retries", 0);
        });
    flags(call, r.status());
    return segment;
  }

  private ObjectNode calleeSegment(SimulatedRequest r) {
    ObjectNode segment = JSON.createObjectNode();
    segment.put("name", r.to());
    segment.put("id", r.serverSpanId());
    segment.put("trace_id", r.traceId());
    if (origins.isWorkload(r.from())) {
      segment.put("parent_id", r.clientSpanId());
    }
    segment.put("start_time", seconds(r.start()));
    segment.put("end_time", seconds(r.end()));
    origins.origin(r.to()).ifPresent(o -> segment.put("origin", o));
    ObjectNode http = segment.putObject("http");
    ObjectNode request = http.putObject("request").put("method", r.method()).put("url", url(r));
    if (!origins.isWorkload(r.from())) {
      request.put("user_agent", r.from());
    }
    http.putObject("response").put("status", r.status()).put("content_length", r.responseBytes());
    flags(segment, r.status());
    sdk(segment);
    return segment;
  }

  private static String url(SimulatedRequest r) {
    return "http://" + r.to() + r.path();
  }

  private static void flags(ObjectNode node, int status) {
    if (status >= 500) {
      node.put("fault", true);
    } else if (status >= 400) {
      node.put("error", true);
      if (status == 429) {
        node.put("throttle", true);
      }
    }
  }

  private static void sdk(ObjectNode segment) {
    segment.putObject("aws").putObject("xray").put("sdk", SDK).put("sdk_version", SDK_VERSION);
  }

  /** Epoch seconds with fractions, to the microsecond. */
  static double seconds(Instant t) {
    return t.getEpochSecond() + Math.round(t.getNano() / 1_000.0) / 1e6;
  }

  static String text(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a segment that Jackson cannot write", e);
    }
  }
}
