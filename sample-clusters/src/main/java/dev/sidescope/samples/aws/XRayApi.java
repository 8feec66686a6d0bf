package dev.sidescope.samples.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidescope.samples.xray.RecordedTrace;
import dev.sidescope.samples.xray.ServiceGraph;
import dev.sidescope.samples.xray.XRayRecorder;
import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.ResponseTimeBucket;
import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.model.traffic.TracedService;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The X-Ray operations of the sample endpoint, in X-Ray's REST-JSON protocol as the AWS SDKs send
 * them ({@code POST} with a JSON body; timestamps as epoch seconds), answered from the sample's
 * {@link XRayRecorder}, or as an account without traces when the sample runs no traffic:
 *
 * <ul>
 *   <li>{@code POST /ServiceGraph}: {@code GetServiceGraph}, a page of {@link #pageSize} services;
 *   <li>{@code POST /TimeSeriesServiceStatistics}: {@code GetTimeSeriesServiceStatistics} for
 *       {@code service("name")} or {@code edge("a", "b")}, {@code Period} a multiple of 60;
 *   <li>{@code POST /TraceSummaries}: {@code GetTraceSummaries}, newest first, with the filter
 *       subset of {@link XRayFilter}, a page of {@link #pageSize} summaries;
 *   <li>{@code POST /Traces}: {@code BatchGetTraces}, at most five ids.
 * </ul>
 *
 * <p>Bad input is X-Ray's 400 {@code InvalidRequestException}, in one sentence.
 *
 * <p>Thread-safe: the recorder serializes, the rest is immutable.
 */
final class XRayApi {
  /** The operation each X-Ray path stands for. */
  static final Map<String, String> OPERATIONS =
      Map.of(
          "/ServiceGraph", "GetServiceGraph",
          "/TimeSeriesServiceStatistics", "GetTimeSeriesServiceStatistics",
          "/TraceSummaries", "GetTraceSummaries",
          "/Traces", "BatchGetTraces");

  static final int MAX_TRACE_IDS = 5;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<Optional<XRayRecorder>> recorder;
  private final int pageSize;

  XRayApi(Supplier<Optional<XRayRecorder>> recorder, int pageSize) {
    this.recorder = recorder;
    this.pageSize = pageSize;
  }

  XRayApi withPageSize(int size) {
    return new XRayApi(recorder, size);
  }

  ObjectNode call(String operation, JsonNode request) {
    try {
      return switch (operation) {
        case "GetServiceGraph" -> serviceGraph(request);
        case "GetTimeSeriesServiceStatistics" -> timeSeries(request);
        case "GetTraceSummaries" -> traceSummaries(request);
        case "BatchGetTraces" -> batchGetTraces(request);
        default -> throw new IllegalArgumentException("No such operation: " + operation + ".");
      };
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  // ---- GetServiceGraph --------------------------------------------------------------------

  private ObjectNode serviceGraph(JsonNode request) {
    Instant start = time(request, "StartTime");
    Instant end = time(request, "EndTime");
    window(start, end);
    int offset = token(request);
    ObjectNode out = JSON.createObjectNode();
    ArrayNode services = JSON.createArrayNode();
    Optional<ServiceGraph> graph = recorder.get().map(r -> r.graph(start, end));
    if (graph.isPresent()) {
      List<TracedService> all = graph.get().services();
      Map<String, Integer> refs = new HashMap<>();
      for (int i = 0; i < all.size(); i++) {
        refs.put(all.get(i).name(), i);
      }
      Set<String> called = new HashSet<>();
      graph.get().calls().forEach(c -> called.add(c.callee()));
      for (int i = offset; i < Math.min(all.size(), offset + pageSize); i++) {
        services.add(
            service(all.get(i), i, refs, graph.get(), !called.contains(all.get(i).name())));
      }
      if (offset + pageSize < all.size()) {
        out.put("NextToken", Integer.toString(offset + pageSize));
      }
    }
    out.put("StartTime", seconds(graph.map(ServiceGraph::start).orElse(start)));
    out.put("EndTime", seconds(graph.map(ServiceGraph::end).orElse(end)));
    out.set("Services", services);
    out.put("ContainsOldGroupVersions", false);
    return out;
  }

  private static ObjectNode service(
      TracedService s, int ref, Map<String, Integer> refs, ServiceGraph graph, boolean root) {
    ObjectNode node = JSON.createObjectNode();
    node.put("ReferenceId", ref);
    node.put("Name", s.name());
    node.putArray("Names").add(s.name());
    node.put("Root", root);
    s.type().ifPresent(t -> node.put("Type", t));
    node.put("State", s.type().filter(t -> t.equals("remote")).isPresent() ? "unknown" : "active");
    node.put("StartTime", seconds(graph.start()));
    node.put("EndTime", seconds(graph.end()));
    ArrayNode edges = node.putArray("Edges");
    for (TracedCall call : graph.calls()) {
      Integer callee = refs.get(call.callee());
      if (call.caller().equals(s.name()) && callee != null) {
        ObjectNode edge = edges.addObject();
        edge.put("ReferenceId", callee);
        edge.put("StartTime", seconds(graph.start()));
        edge.put("EndTime", seconds(graph.end()));
        edge.set("SummaryStatistics", statistics(call.stats()));
        edge.set("ResponseTimeHistogram", histogram(call.stats()));
        edge.putArray("Aliases");
      }
    }
    node.set("SummaryStatistics", statistics(s.stats()));
    node.set("DurationHistogram", histogram(s.stats()));
    node.set("ResponseTimeHistogram", histogram(s.stats()));
    return node;
  }

  // ---- GetTimeSeriesServiceStatistics -----------------------------------------------------

  private ObjectNode timeSeries(JsonNode request) {
    Instant start = time(request, "StartTime");
    Instant end = time(request, "EndTime");
    window(start, end);
    TraceSubject subject = XRayFilter.entity(request.path("EntitySelectorExpression").asText(""));
    int period = request.path("Period").asInt(60);
    if (period < 60 || period % 60 != 0) {
      throw invalid("Period must be a multiple of 60 seconds, not " + period + ".");
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode points = out.putArray("TimeSeriesServiceStatistics");
    List<TimePoint> series =
        recorder
            .get()
            .map(r -> r.timeSeries(subject, start, end, Duration.ofSeconds(period)))
            .orElse(List.of());
    for (TimePoint p : series) {
      ObjectNode point = points.addObject();
      point.put("Timestamp", seconds(p.start()));
      point.set(
          subject.callee().isPresent() ? "EdgeSummaryStatistics" : "ServiceSummaryStatistics",
          statistics(p.stats()));
      point.set("ResponseTimeHistogram", histogram(p.stats()));
    }
    out.put("ContainsOldGroupVersions", false);
    return out;
  }

  // ---- GetTraceSummaries ------------------------------------------------------------------

  private ObjectNode traceSummaries(JsonNode request) {
    Instant start = time(request, "StartTime");
    Instant end = time(request, "EndTime");
    window(start, end);
    String rangeType = request.path("TimeRangeType").asText("TraceId");
    if (!List.of("TraceId", "Event", "Service").contains(rangeType)) {
      throw invalid("TimeRangeType is TraceId, Event or Service, not " + rangeType + ".");
    }
    Predicate<RecordedTrace> filter = XRayFilter.parse(request.path("FilterExpression").asText(""));
    int offset = token(request);
    List<RecordedTrace> inWindow = recorder.get().map(r -> r.traces(start, end)).orElse(List.of());
    List<RecordedTrace> matching = inWindow.stream().filter(filter).toList();
    ObjectNode out = JSON.createObjectNode();
    ArrayNode summaries = out.putArray("TraceSummaries");
    for (int i = offset; i < Math.min(matching.size(), offset + pageSize); i++) {
      summaries.add(summary(matching.get(i)));
    }
    if (offset + pageSize < matching.size()) {
      out.put("NextToken", Integer.toString(offset + pageSize));
    }
    out.put("ApproximateTime", seconds(end));
    out.put("TracesProcessedCount", inWindow.size());
    return out;
  }

  private static ObjectNode summary(RecordedTrace t) {
    ObjectNode s = JSON.createObjectNode();
    s.put("Id", t.id());
    s.put("StartTime", seconds(t.start()));
    double seconds = t.duration().toNanos() / 1e9;
    s.put("Duration", seconds);
    s.put("ResponseTime", seconds);
    s.put("HasFault", t.fault());
    s.put("HasError", t.error());
    s.put("HasThrottle", t.throttle());
    s.put("IsPartial", false);
    s.putObject("Http")
        .put("HttpURL", t.url())
        .put("HttpStatus", t.request().status())
        .put("HttpMethod", t.request().method());
    ArrayNode ids = s.putArray("ServiceIds");
    for (String name : t.services()) {
      ObjectNode id = ids.addObject().put("Name", name);
      id.putArray("Names").add(name);
    }
    ObjectNode entry = s.putObject("EntryPoint").put("Name", t.entry());
    entry.putArray("Names").add(t.entry());
    t.entryType().ifPresent(type -> entry.put("Type", type));
    s.putObject("Annotations");
    s.putArray("Users");
    s.put("Revision", 1);
    return s;
  }

  // ---- BatchGetTraces ---------------------------------------------------------------------

  private ObjectNode batchGetTraces(JsonNode request) {
    JsonNode ids = request.path("TraceIds");
    if (!ids.isArray() || ids.isEmpty()) {
      throw invalid("TraceIds is required: one to " + MAX_TRACE_IDS + " trace ids.");
    }
    if (ids.size() > MAX_TRACE_IDS) {
      throw invalid(
          "BatchGetTraces takes at most " + MAX_TRACE_IDS + " trace ids, not " + ids.size() + ".");
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode traces = out.putArray("Traces");
    ArrayNode unprocessed = out.putArray("UnprocessedTraceIds");
    for (JsonNode id : ids) {
      Optional<RecordedTrace> trace = recorder.get().flatMap(r -> r.trace(id.asText()));
      if (trace.isEmpty()) {
        unprocessed.add(id.asText());
        continue;
      }
      ObjectNode t = traces.addObject();
      t.put("Id", trace.get().id());
      t.put("Duration", trace.get().duration().toNanos() / 1e9);
      t.put("LimitExceeded", false);
      ArrayNode segments = t.putArray("Segments");
      for (RecordedTrace.Segment s : trace.get().segments()) {
        segments.addObject().put("Id", s.id()).put("Document", s.document());
      }
    }
    return out;
  }

  // ---- shapes and input -------------------------------------------------------------------

  /** X-Ray's {@code EdgeStatistics} / {@code ServiceStatistics}. */
  private static ObjectNode statistics(CallStats s) {
    ObjectNode out = JSON.createObjectNode();
    out.put("OkCount", s.ok());
    out.putObject("ErrorStatistics")
        .put("ThrottleCount", s.throttles())
        .put("OtherCount", s.errors() - s.throttles())
        .put("TotalCount", s.errors());
    out.putObject("FaultStatistics").put("OtherCount", s.faults()).put("TotalCount", s.faults());
    out.put("TotalCount", s.requests());
    out.put("TotalResponseTime", s.totalResponseMs() / 1000);
    return out;
  }

  /** X-Ray's {@code [{Value (seconds), Count}]}. */
  private static ArrayNode histogram(CallStats s) {
    ArrayNode out = JSON.createArrayNode();
    for (ResponseTimeBucket b : s.histogram()) {
      out.addObject().put("Value", b.ms() / 1000).put("Count", b.count());
    }
    return out;
  }

  private static Instant time(JsonNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      throw invalid(field + " is required.");
    }
    if (value.isNumber()) {
      double seconds = value.asDouble();
      if (!Double.isFinite(seconds) || Math.abs(seconds) > 1e11) {
        throw invalid(field + " is not a time: " + value + ".");
      }
      long whole = (long) Math.floor(seconds);
      return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
    }
    try {
      return Instant.parse(value.asText());
    } catch (DateTimeParseException e) {
      throw invalid(field + " is not a time: " + value.asText() + ".");
    }
  }

  private static void window(Instant start, Instant end) {
    if (!end.isAfter(start)) {
      throw invalid("EndTime must be after StartTime.");
    }
  }

  private static int token(JsonNode request) {
    JsonNode token = request.get("NextToken");
    if (token == null || token.isNull() || token.asText().isEmpty()) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(token.asText());
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // Refused below.
    }
    throw invalid("NextToken is not one this endpoint gave out.");
  }

  static double seconds(Instant t) {
    return t.getEpochSecond() + t.getNano() / 1e9;
  }

  private static AwsErrorResponse invalid(String message) {
    return new AwsErrorResponse(400, "InvalidRequestException", message);
  }
}
