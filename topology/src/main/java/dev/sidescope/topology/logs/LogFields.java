package dev.sidescope.topology.logs;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The level, time, trace id and HTTP status in the named fields of a structured line (JSON,
 * logfmt), under whichever of the usual names a logger gives them.
 */
final class LogFields {
  // Names compared in lower case without '-', '_', '.' and '@': "log.level" is "loglevel".
  private static final Set<String> LEVEL =
      Set.of("level", "severity", "lvl", "loglevel", "levelname");
  private static final Set<String> TIME = Set.of("timestamp", "time", "ts", "date", "starttime");
  private static final Set<String> TRACE =
      Set.of("traceid", "awsxraytraceid", "xamzntraceid", "xraytraceid");
  private static final Set<String> STATUS =
      Set.of(
          "responsecode",
          "status",
          "statuscode",
          "httpstatus",
          "httpstatuscode",
          "httpresponsestatuscode");

  private LogFields() {}

  static Optional<LogLevel> level(Map<String, String> fields) {
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if (LEVEL.contains(plain(field.getKey()))) {
        Optional<LogLevel> level = LogLevel.parse(field.getValue());
        if (level.isEmpty()) {
          level = numericLevel(field.getValue());
        }
        if (level.isPresent()) {
          return level;
        }
      }
    }
    return Optional.empty();
  }

  static Optional<Instant> time(Map<String, String> fields) {
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if (TIME.contains(plain(field.getKey()))) {
        Optional<Instant> time = LogTimes.any(field.getValue());
        if (time.isPresent()) {
          return time;
        }
      }
    }
    return Optional.empty();
  }

  static Optional<String> traceId(Map<String, String> fields) {
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if (TRACE.contains(plain(field.getKey()))) {
        Optional<String> id = XRayTraceIds.normalise(field.getValue());
        if (id.isPresent()) {
          return id;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The HTTP status of an access log record; {@code code} counts only beside a {@code method}, as
   * Fluent Bit's Envoy parser names it, since elsewhere it is as often an error code.
   */
  static OptionalInt status(Map<String, String> fields) {
    boolean request = fields.containsKey("method") || fields.containsKey(":method");
    for (Map.Entry<String, String> field : fields.entrySet()) {
      String name = plain(field.getKey());
      if (STATUS.contains(name) || (request && name.equals("code"))) {
        OptionalInt status = AccessLogs.status(field.getValue());
        if (status.isPresent()) {
          return status;
        }
      }
    }
    return OptionalInt.empty();
  }

  /** Pino's and Bunyan's numbers: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
  private static Optional<LogLevel> numericLevel(String value) {
    return switch (value) {
      case "10" -> Optional.of(LogLevel.TRACE);
      case "20" -> Optional.of(LogLevel.DEBUG);
      case "30" -> Optional.of(LogLevel.INFO);
      case "40" -> Optional.of(LogLevel.WARN);
      case "50" -> Optional.of(LogLevel.ERROR);
      case "60" -> Optional.of(LogLevel.FATAL);
      default -> Optional.empty();
    };
  }

  private static String plain(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '-' && c != '_' && c != '.' && c != '@' && c != ':') {
        out.append(Character.toLowerCase(c));
      }
    }
    return out.toString();
  }
}
