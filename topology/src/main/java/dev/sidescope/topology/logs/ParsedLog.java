package dev.sidescope.topology.logs;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@link LogFormats#read} understood of one line.
 *
 * @param format the line's format, one of the names in {@link LogFormats} ({@code envoy-access},
 *     {@code istio-agent}, {@code json}, …; {@code plain} when none was recognised)
 * @param level the severity the line states, or for an access log line the one its status implies
 * @param fields the line's named values in the order they appear, as written (Envoy's {@code -} for
 *     "none" included)
 * @param time when the line says it was written
 * @param traceId the X-Ray trace id the line carries, as {@code
 *     1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx}
 * @param status the HTTP status of an access log line
 */
public record ParsedLog(
    String format,
    Optional<LogLevel> level,
    Map<String, String> fields,
    Optional<Instant> time,
    Optional<String> traceId,
    OptionalInt status) {

  public ParsedLog {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(status, "status");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
