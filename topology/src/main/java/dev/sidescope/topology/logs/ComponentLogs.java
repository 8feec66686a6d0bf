package dev.sidescope.topology.logs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The text logs sidecars write about themselves: Istio's components, Fluent Bit, the X-Ray daemon,
 * Vault agent, NGINX's error log; and a level for any other line that starts with one.
 */
final class ComponentLogs {
  private ComponentLogs() {}

  /**
   * {@code TIME\tlevel\tmsg} or {@code TIME\tlevel\tscope\tmsg}, as pilot-agent, istiod and ztunnel
   * write; ztunnel adds a column of {@code key=value} pairs. {@code text} has its time up to {@code
   * tab}.
   */
  static Optional<ParsedLog> istio(String text, int tab, Optional<Instant> time) {
    String[] columns = text.substring(tab + 1).split("\t", -1);
    Optional<LogLevel> level = LogLevel.parse(columns[0]);
    if (level.isEmpty() || columns.length < 2) {
      return Optional.empty();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    if (columns.length == 2) {
      fields.put("message", columns[1]);
    } else {
      fields.put("scope", strip(columns[1], '[', ']'));
      StringBuilder message = new StringBuilder(columns[2]);
      for (int i = 3; i < columns.length; i++) {
        Optional<Map<String, String>> pairs = Logfmt.pairs(columns[i], 0, 1);
        if (pairs.isPresent()) {
          pairs.get().forEach(fields::putIfAbsent);
        } else {
          message.append('\t').append(columns[i]);
        }
      }
      fields.put("message", message.toString());
    }
    return Optional.of(
        new ParsedLog(
            LogFormats.ISTIO_AGENT,
            level,
            fields,
            time,
            LogFields.traceId(fields),
            OptionalInt.empty()));
  }

  /** {@code [2023/01/20 01:37:06] [ info] [component] message}. */
  static Optional<ParsedLog> fluentBit(String text) {
    if (text.length() < 26 || text.charAt(0) != '[' || !text.startsWith("] [", 20)) {
      return Optional.empty();
    }
    Optional<Instant> time = LogTimes.slashed(text.substring(1, 20));
    int levelEnd = text.indexOf(']', 23);
    if (time.isEmpty() || levelEnd < 0) {
      return Optional.empty();
    }
    Optional<LogLevel> level = LogLevel.parse(text.substring(23, levelEnd));
    if (level.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    int rest = Math.min(levelEnd + 2, text.length());
    int componentEnd = text.indexOf("] ", rest);
    if (text.startsWith("[", rest) && componentEnd > 0) {
      fields.put("component", text.substring(rest + 1, componentEnd).strip());
      rest = componentEnd + 2;
    }
    fields.put("message", text.substring(Math.min(rest, text.length())));
    return Optional.of(
        new ParsedLog(
            LogFormats.FLUENT_BIT, level, fields, time, Optional.empty(), OptionalInt.empty()));
  }

  /**
   * What follows a leading RFC 3339 time when it is a bracketed level: {@code [Info] message} is
   * the X-Ray daemon's (its levels capitalised), {@code [INFO] logger: message} Vault agent's
   * (HashiCorp's hclog, in capitals).
   */
  static Optional<ParsedLog> bracketedLevel(String rest, Optional<Instant> time) {
    int close = rest.indexOf(']');
    if (!rest.startsWith("[") || close < 4 || close > 10) {
      return Optional.empty();
    }
    String word = rest.substring(1, close);
    Optional<LogLevel> level = LogLevel.parse(word);
    if (level.isEmpty()) {
      return Optional.empty();
    }
    String message = rest.substring(close + 1).stripLeading();
    Map<String, String> fields = new LinkedHashMap<>();
    String format;
    if (word.equals(word.toUpperCase(Locale.ROOT))) {
      format = LogFormats.VAULT_AGENT;
      int colon = message.indexOf(": ");
      if (colon > 0 && message.lastIndexOf(' ', colon) < 0) {
        fields.put("logger", message.substring(0, colon));
        message = message.substring(colon + 2);
      }
    } else if (Character.isUpperCase(word.charAt(0))) {
      format = LogFormats.XRAY_DAEMON;
    } else {
      format = LogFormats.PLAIN;
    }
    fields.put("message", message);
    return Optional.of(
        new ParsedLog(format, level, fields, time, Optional.empty(), OptionalInt.empty()));
  }

  /** NGINX's error log: {@code 2024/05/01 10:00:00 [error] 31#31: *1 message}. */
  static Optional<ParsedLog> nginxError(String text) {
    if (text.length() < 24 || !text.startsWith(" [", 19)) {
      return Optional.empty();
    }
    Optional<Instant> time = LogTimes.slashed(text.substring(0, 19));
    int close = text.indexOf("] ", 21);
    if (time.isEmpty() || close < 0) {
      return Optional.empty();
    }
    Optional<LogLevel> level = LogLevel.parse(text.substring(21, close));
    if (level.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    String rest = text.substring(close + 2);
    int hash = rest.indexOf('#');
    int colon = rest.indexOf(": ");
    if (hash > 0 && colon > hash && LogTimes.digits(rest, 0, hash)) {
      fields.put("pid", rest.substring(0, hash));
      fields.put("tid", rest.substring(hash + 1, colon));
      rest = rest.substring(colon + 2);
    }
    fields.put("message", rest);
    return Optional.of(
        new ParsedLog(
            LogFormats.NGINX, level, fields, time, Optional.empty(), OptionalInt.empty()));
  }

  /**
   * The level a line of no known format states at its start, after a date and time if it has them:
   * {@code ERROR …}, {@code [warn] …}, {@code error: …}, or klog's letter ({@code W1208
   * 10:00:00.123456 …}). A level word later in the line is the line's content, not its level.
   */
  static Optional<LogLevel> leadingLevel(String text) {
    if (text.length() > 6
        && "IWEF".indexOf(text.charAt(0)) >= 0
        && LogTimes.digits(text, 1, 5)
        && text.charAt(5) == ' ') {
      return Optional.of(
          switch (text.charAt(0)) {
            case 'I' -> LogLevel.INFO;
            case 'W' -> LogLevel.WARN;
            case 'E' -> LogLevel.ERROR;
            default -> LogLevel.FATAL;
          });
    }
    int i = skipSpaces(text, 0);
    for (int skipped = 0; skipped < 2 && i < text.length() && LogTimes.isDigit(text.charAt(i)); ) {
      int space = text.indexOf(' ', i);
      if (space < 0) {
        return Optional.empty();
      }
      i = skipSpaces(text, space);
      skipped++;
    }
    int end = i;
    if (end < text.length() && text.charAt(end) == '[') {
      end = text.indexOf(']', end);
      end = end < 0 ? text.length() : end + 1;
    } else {
      while (end < text.length() && text.charAt(end) != ' ' && text.charAt(end) != '\t') {
        end++;
      }
    }
    return end - i > 15 ? Optional.empty() : LogLevel.parse(text.substring(i, end));
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static String strip(String text, char open, char close) {
    return text.length() >= 2 && text.charAt(0) == open && text.charAt(text.length() - 1) == close
        ? text.substring(1, text.length() - 1)
        : text;
  }
}
