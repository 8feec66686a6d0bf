package dev.sidescope.samples.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidescope.samples.aws.EcsLogStreams.Stream;
import dev.sidescope.samples.logs.ContainerLog;
import dev.sidescope.samples.logs.LogLine;
import dev.sidescope.samples.logs.SampleLogs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * CloudWatch Logs' read operations over the sample's ECS log streams (see {@link EcsLogStreams}),
 * in the AWS JSON 1.1 protocol ({@code X-Amz-Target: Logs_20140328.<Operation>}): {@code
 * DescribeLogGroups}, {@code DescribeLogStreams}, {@code GetLogEvents} and {@code FilterLogEvents}.
 * Events are the containers' log lines (see {@link ContainerLog}), timestamps in epoch
 * milliseconds; as far back as the logs are kept ({@link ContainerLog#RETAINED}) and up to the
 * traffic's now.
 *
 * <p>Paging tokens are positions (a millisecond and how many events of it come before), so that a
 * page read later carries on where the last one stopped, new events included. Immutable;
 * thread-safe.
 */
final class LogsApi {
  static final String TARGET_PREFIX = "Logs_20140328.";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_EVENTS = 10_000;
  private static final int DEFAULT_STREAMS = 50;
  private static final Comparator<Event> ORDER =
      Comparator.comparingLong(Event::timestamp).thenComparingInt(e -> e.stream().index());

  private final EcsLogStreams streams;
  private final SampleLogs logs;
  private final String arnPrefix;

  LogsApi(EcsSampleAccount account, SampleLogs logs) {
    this.streams = EcsLogStreams.of(account, logs);
    this.logs = logs;
    this.arnPrefix = "arn:aws:logs:" + account.region() + ":" + EcsArns.ACCOUNT_ID + ":";
  }

  /** One log line as an event of its stream. */
  private record Event(Stream stream, LogLine line) {
    long timestamp() {
      return line.at().toEpochMilli();
    }
  }

  /** Where a page starts: after {@code skip} events of millisecond {@code timestamp}. */
  private record Position(long timestamp, int skip) {}

  /** The operations answered, each from a request tree to a response tree. */
  Map<String, Function<JsonNode, ObjectNode>> operations() {
    Map<String, Function<JsonNode, ObjectNode>> operations = new LinkedHashMap<>();
    operations.put("DescribeLogGroups", this::describeLogGroups);
    operations.put("DescribeLogStreams", this::describeLogStreams);
    operations.put("GetLogEvents", this::getLogEvents);
    operations.put("FilterLogEvents", this::filterLogEvents);
    return operations;
  }

  private ObjectNode describeLogGroups(JsonNode request) {
    String prefix = request.path("logGroupNamePrefix").asText("");
    ArrayNode groups = NODES.arrayNode();
    for (String group : streams.groups()) {
      if (!group.startsWith(prefix)) {
        continue;
      }
      long created =
          streams.streams(group).orElseThrow().stream()
              .map(Stream::createdAt)
              .min(Comparator.naturalOrder())
              .orElseThrow()
              .toEpochMilli();
      groups
          .addObject()
          .put("logGroupName", group)
          .put("creationTime", created)
          .put("metricFilterCount", 0)
          .put("arn", arnPrefix + "log-group:" + group + ":*")
          .put("logGroupArn", arnPrefix + "log-group:" + group)
          .put("storedBytes", 0)
          .put("logGroupClass", "STANDARD");
    }
    ObjectNode response = NODES.objectNode();
    response.set("logGroups", groups);
    return response;
  }

  private ObjectNode describeLogStreams(JsonNode request) {
    String group = group(request);
    List<Stream> all = streamsOf(group);
    String prefix = request.path("logStreamNamePrefix").asText("");
    boolean byLastEvent = request.path("orderBy").asText("LogStreamName").equals("LastEventTime");
    if (byLastEvent && !prefix.isEmpty()) {
      throw AwsErrorResponse.invalidParameter(
          "Cannot order by LastEventTime with a logStreamNamePrefix.");
    }
    Instant now = logs.now();
    List<ObjectNode> described = new ArrayList<>();
    for (Stream stream : all) {
      if (stream.name().startsWith(prefix)) {
        described.add(describe(group, stream, now));
      }
    }
    Comparator<ObjectNode> order =
        byLastEvent
            ? Comparator.comparingLong(s -> s.path("lastEventTimestamp").asLong())
            : Comparator.comparing(s -> s.path("logStreamName").asText());
    if (request.path("descending").asBoolean(false)) {
      order = order.reversed();
    }
    described.sort(order);
    int limit = limit(request, DEFAULT_STREAMS, DEFAULT_STREAMS);
    int from = request.hasNonNull("nextToken") ? offset(request.get("nextToken").asText()) : 0;
    ArrayNode page = NODES.arrayNode();
    described.stream().skip(from).limit(limit).forEach(page::add);
    ObjectNode response = NODES.objectNode();
    response.set("logStreams", page);
    if (from + limit < described.size()) {
      response.put("nextToken", encode("streams:" + (from + limit)));
    }
    return response;
  }

  private ObjectNode describe(String group, Stream stream, Instant now) {
    ContainerLog log = stream.log();
    List<LogLine> recent = log.between(now.minusSeconds(60), now);
    if (recent.isEmpty()) {
      recent = log.history(now);
    }
    long created = stream.createdAt().toEpochMilli();
    long last = recent.isEmpty() ? created : recent.get(recent.size() - 1).at().toEpochMilli();
    return NODES
        .objectNode()
        .put("logStreamName", stream.name())
        .put("creationTime", created)
        .put("firstEventTimestamp", created)
        .put("lastEventTimestamp", last)
        .put("lastIngestionTime", last + ingestionDelay(stream, last))
        .put("uploadSequenceToken", String.valueOf(last))
        .put("arn", arnPrefix + "log-group:" + group + ":log-stream:" + stream.name())
        .put("storedBytes", 0);
  }

  private ObjectNode getLogEvents(JsonNode request) {
    String group = group(request);
    String name = request.path("logStreamName").asText("");
    Stream stream =
        streamsOf(group).stream()
            .filter(s -> s.name().equals(name))
            .findFirst()
            .orElseThrow(() -> notFound("The specified log stream does not exist."));
    long now = logs.now().toEpochMilli();
    long start = Math.max(longOr(request, "startTime", 0), now - ContainerLog.RETAINED.toMillis());
    long end = Math.min(longOr(request, "endTime", now), now);
    int limit = limit(request, MAX_EVENTS, MAX_EVENTS);
    String token = request.path("nextToken").asText("");
    boolean forward =
        token.isEmpty() ? request.path("startFromHead").asBoolean(false) : token.startsWith("f/");
    Position at =
        token.isEmpty()
            ? (forward ? new Position(start, 0) : new Position(end + 1, 0))
            : position(token);
    List<Event> events =
        forward
            ? events(List.of(stream), at.timestamp(), end)
            : events(List.of(stream), start, Math.min(at.timestamp(), end));
    int k = indexOf(events, at);
    int from = forward ? k : Math.max(0, k - limit);
    int to = forward ? Math.min(events.size(), k + limit) : k;
    ArrayNode page = NODES.arrayNode();
    for (Event e : events.subList(from, to)) {
      page.addObject()
          .put("timestamp", e.timestamp())
          .put("message", e.line().text())
          .put("ingestionTime", e.timestamp() + ingestionDelay(stream, e.timestamp()));
    }
    ObjectNode response = NODES.objectNode();
    response.set("events", page);
    response.put("nextForwardToken", token("f", from == to ? at : after(events, to)));
    response.put("nextBackwardToken", token("b", from == to ? at : positionOf(events, from)));
    return response;
  }

  private ObjectNode filterLogEvents(JsonNode request) {
    String group = group(request);
    List<Stream> chosen = new ArrayList<>();
    List<String> names = new ArrayList<>();
    request.path("logStreamNames").forEach(n -> names.add(n.asText()));
    String prefix = request.path("logStreamNamePrefix").asText("");
    if (!names.isEmpty() && !prefix.isEmpty()) {
      throw AwsErrorResponse.invalidParameter(
          "logStreamNames and logStreamNamePrefix are mutually exclusive.");
    }
    for (Stream s : streamsOf(group)) {
      if (names.isEmpty() ? s.name().startsWith(prefix) : names.contains(s.name())) {
        chosen.add(s);
      }
    }
    FilterPattern pattern = FilterPattern.parse(request.path("filterPattern").asText(""));
    long now = logs.now().toEpochMilli();
    String token = request.path("nextToken").asText("");
    long end;
    Position at;
    if (token.isEmpty()) {
      end = Math.min(longOr(request, "endTime", now), now);
      long start =
          Math.max(longOr(request, "startTime", 0), now - ContainerLog.RETAINED.toMillis());
      at = new Position(start, 0);
    } else {
      String[] parts = decode(token).split(":");
      if (parts.length != 4 || !parts[0].equals("events")) {
        throw AwsErrorResponse.invalidParameter("The nextToken is not valid.");
      }
      end = Long.parseLong(parts[1]);
      at = new Position(Long.parseLong(parts[2]), Integer.parseInt(parts[3]));
    }
    List<Event> events = new ArrayList<>(events(chosen, at.timestamp(), end));
    events.removeIf(e -> !pattern.matches(e.line().text()));
    int k = indexOf(events, at);
    int limit = limit(request, MAX_EVENTS, MAX_EVENTS);
    int to = Math.min(events.size(), k + limit);
    ArrayNode page = NODES.arrayNode();
    for (Event e : events.subList(k, to)) {
      page.addObject()
          .put("logStreamName", e.stream().name())
          .put("timestamp", e.timestamp())
          .put("message", e.line().text())
          .put("ingestionTime", e.timestamp() + ingestionDelay(e.stream(), e.timestamp()))
          .put("eventId", eventId(e));
    }
    ObjectNode response = NODES.objectNode();
    response.set("events", page);
    ArrayNode searched = response.putArray("searchedLogStreams");
    chosen.forEach(
        s -> searched.addObject().put("logStreamName", s.name()).put("searchedCompletely", true));
    if (to < events.size()) {
      Position next = positionOf(events, to);
      response.put(
          "nextToken", encode("events:" + end + ":" + next.timestamp() + ":" + next.skip()));
    }
    return response;
  }

  /** The events of {@code streams} from millisecond {@code from} to {@code to}, both included. */
  private List<Event> events(List<Stream> streams, long from, long to) {
    List<Event> events = new ArrayList<>();
    if (to < from) {
      return events;
    }
    Instant after = Instant.ofEpochMilli(from).minusNanos(1);
    Instant upTo = Instant.ofEpochMilli(to).plusNanos(999_999);
    for (Stream stream : streams) {
      for (LogLine line : stream.log().between(after, upTo)) {
        events.add(new Event(stream, line));
      }
    }
    events.sort(ORDER);
    return events;
  }

  /** The index of the first event at or after {@code at} in {@code events}. */
  private static int indexOf(List<Event> events, Position at) {
    int sameMillisecond = 0;
    for (int i = 0; i < events.size(); i++) {
      long t = events.get(i).timestamp();
      if (t > at.timestamp() || (t == at.timestamp() && sameMillisecond++ >= at.skip())) {
        return i;
      }
    }
    return events.size();
  }

  /** The position of event {@code i}: its millisecond and how many of it come before. */
  private static Position positionOf(List<Event> events, int i) {
    long t = events.get(i).timestamp();
    int before = 0;
    for (int j = i - 1; j >= 0 && events.get(j).timestamp() == t; j--) {
      before++;
    }
    return new Position(t, before);
  }

  /** The position just after event {@code end - 1}. */
  private static Position after(List<Event> events, int end) {
    Position last = positionOf(events, end - 1);
    return new Position(last.timestamp(), last.skip() + 1);
  }

  private String group(JsonNode request) {
    String name = request.path("logGroupName").asText("");
    String identifier = request.path("logGroupIdentifier").asText("");
    if (name.isEmpty() && identifier.isEmpty()) {
      throw AwsErrorResponse.invalidParameter(
          "Either logGroupName or logGroupIdentifier is required.");
    }
    if (!name.isEmpty()) {
      return name;
    }
    // An identifier is the group's name or its ARN, with or without the trailing ":*".
    int at = identifier.indexOf(":log-group:");
    String group = at < 0 ? identifier : identifier.substring(at + ":log-group:".length());
    return group.endsWith(":*") ? group.substring(0, group.length() - 2) : group;
  }

  private List<Stream> streamsOf(String group) {
    return streams
        .streams(group)
        .orElseThrow(() -> notFound("The specified log group does not exist."));
  }

  private static AwsErrorResponse notFound(String message) {
    return new AwsErrorResponse(400, "ResourceNotFoundException", message);
  }

  private static int limit(JsonNode request, int fallback, int max) {
    int limit = request.path("limit").asInt(fallback);
    if (limit < 1 || limit > max) {
      throw AwsErrorResponse.invalidParameter(
          "1 validation error detected: Value '"
              + limit
              + "' at 'limit' failed to satisfy constraint: Member must have value less than or"
              + " equal to "
              + max);
    }
    return limit;
  }

  private static long longOr(JsonNode request, String field, long fallback) {
    return request.hasNonNull(field) ? request.get(field).asLong() : fallback;
  }

  /** A few hundred milliseconds, the same for an event on every read. */
  private static long ingestionDelay(Stream stream, long timestamp) {
    return 120 + Math.floorMod(Long.hashCode(timestamp * 31 + stream.index()), 400);
  }

  /** A 56-digit id, like CloudWatch's: the timestamp, the stream and the line's hash. */
  private static String eventId(Event e) {
    return String.format(
        "%020d%06d%030d",
        e.timestamp(),
        e.stream().index(),
        Math.floorMod(
            (long) e.line().text().hashCode() * 31 + e.line().at().getNano(), 1_000_000_000_000L));
  }

  private static String token(String direction, Position at) {
    return String.format("%s/%020d%06d", direction, at.timestamp(), at.skip());
  }

  private static Position position(String token) {
    String digits = token.substring(Math.min(2, token.length()));
    if (!token.matches("[fb]/\\d{26}")) {
      throw AwsErrorResponse.invalidParameter("The specified nextToken is invalid.");
    }
    return new Position(
        Long.parseLong(digits.substring(0, 20)), Integer.parseInt(digits.substring(20)));
  }

  private static String encode(String token) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(token.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw AwsErrorResponse.invalidParameter("The specified nextToken is invalid.");
    }
  }

  private static int offset(String token) {
    String decoded = decode(token);
    if (!decoded.matches("streams:\\d+")) {
      throw AwsErrorResponse.invalidParameter("The specified nextToken is invalid.");
    }
    return Integer.parseInt(decoded.substring("streams:".length()));
  }
}
