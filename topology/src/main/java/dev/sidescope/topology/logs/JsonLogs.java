package dev.sidescope.topology.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Lines that are one JSON object: Docker's json-file records, Envoy's JSON access log, Istio's JSON
 * log, and any app's JSON log. Nested objects become dotted names ({@code kubernetes.pod_name}),
 * array items indexed ones ({@code tags.0}).
 */
final class JsonLogs {
  private static final JsonFactory JSON = new JsonFactory();

  /** Enough for any log record; a line with more keeps the first. */
  private static final int MAX_FIELDS = 256;

  private static final Set<String> DOCKER_KEYS = Set.of("log", "stream", "time");

  private JsonLogs() {}

  /** The line read as JSON, or empty when it is no single JSON object. */
  static Optional<ParsedLog> read(String text, int depth) {
    Optional<Map<String, String>> object = flatten(text);
    if (object.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> fields = object.get();
    if (fields.containsKey("log") && DOCKER_KEYS.containsAll(topLevel(fields))) {
      return Optional.of(docker(fields, depth));
    }
    OptionalInt status = LogFields.status(fields);
    Optional<Instant> time = LogFields.time(fields);
    Optional<String> traceId = LogFields.traceId(fields);
    if (fields.containsKey("response_code")
        && (fields.containsKey("start_time")
            || fields.containsKey("method")
            || fields.containsKey(":method"))) {
      Optional<LogLevel> level =
          status.isPresent() ? Optional.of(AccessLogs.level(status.getAsInt())) : Optional.empty();
      return Optional.of(
          new ParsedLog(LogFormats.ENVOY_ACCESS_JSON, level, fields, time, traceId, status));
    }
    Optional<LogLevel> level = LogFields.level(fields);
    String format =
        fields.keySet().iterator().next().equals("level")
                && fields.containsKey("time")
                && fields.containsKey("msg")
            ? LogFormats.ISTIO_JSON
            : LogFormats.JSON;
    String log = fields.get("log");
    if (log != null && depth < LogFormats.MAX_DEPTH) {
      // A collector's record around a container's line (Fluent Bit, FireLens): the line's own
      // level, status and trace id count where the record has none.
      ParsedLog inner = LogFormats.read(log, depth + 1);
      level = level.or(inner::level);
      traceId = traceId.or(inner::traceId);
      status = status.isPresent() ? status : inner.status();
      if (level.isEmpty() && status.isPresent()) {
        level = Optional.of(AccessLogs.level(status.getAsInt()));
      }
    } else if (level.isEmpty() && status.isPresent()) {
      level = Optional.of(AccessLogs.level(status.getAsInt()));
    }
    return Optional.of(new ParsedLog(format, level, fields, time, traceId, status));
  }

  /**
   * Docker's json-file record: the container's line, which stream it came from, and when Docker
   * took it, which is the time the record has.
   */
  private static ParsedLog docker(Map<String, String> record, int depth) {
    String line = record.get("log");
    ParsedLog inner =
        depth < LogFormats.MAX_DEPTH ? LogFormats.read(line, depth + 1) : LogFormats.plain(line);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("log", line);
    if (record.containsKey("stream")) {
      fields.put("stream", record.get("stream"));
    }
    inner.fields().forEach(fields::putIfAbsent);
    Optional<Instant> time = LogTimes.any(record.getOrDefault("time", "")).or(inner::time);
    return new ParsedLog(
        LogFormats.DOCKER_JSON, inner.level(), fields, time, inner.traceId(), inner.status());
  }

  private static Set<String> topLevel(Map<String, String> fields) {
    Set<String> names = new HashSet<>();
    for (String name : fields.keySet()) {
      int dot = name.indexOf('.');
      names.add(dot < 0 ? name : name.substring(0, dot));
    }
    return names;
  }

  /** A value without the newline a collector keeps at the end of the line it took in. */
  private static String withoutNewline(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    return line.substring(0, end);
  }

  /**
   * The object's values by dotted name, each made safe to show; empty unless the text is one whole
   * object.
   */
  private static Optional<Map<String, String>> flatten(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      Deque<Frame> frames = new ArrayDeque<>();
      frames.push(new Frame("", false));
      JsonToken token;
      while (!frames.isEmpty() && (token = parser.nextToken()) != null) {
        Frame frame = frames.peek();
        switch (token) {
          case FIELD_NAME -> frame.name = parser.currentName();
          case START_OBJECT -> frames.push(new Frame(frame.key(), false));
          case START_ARRAY -> frames.push(new Frame(frame.key(), true));
          case END_OBJECT, END_ARRAY -> frames.pop();
          case VALUE_NULL -> frame.key(); // "none": no field, but an array's index moves on
          default -> {
            String key = frame.key();
            if (fields.size() < MAX_FIELDS) {
              fields.putIfAbsent(key, SafeLogText.line(withoutNewline(parser.getText())));
            }
          }
        }
      }
      // Text after the object makes the line something else that starts with JSON.
      if (!frames.isEmpty() || parser.nextToken() != null || fields.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(fields);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Where a value sits: the dotted name of its object or array, and its own name or index. */
  private static final class Frame {
    private final String path;
    private final boolean array;
    private String name = "";
    private int index;

    Frame(String path, boolean array) {
      this.path = path;
      this.array = array;
    }

    String key() {
      String own = array ? Integer.toString(index++) : name;
      return path.isEmpty() ? own : path + "." + own;
    }
  }
}
