package dev.sidescope.topology.logs;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How severe a log line says it is, on one scale for every sidecar and app: Envoy, Istio, Fluent
 * Bit, the X-Ray daemon, Vault, Go, Java and Python loggers all spell levels their own way.
 */
public enum LogLevel {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR,
  /**
   * The process cannot go on, or says it must be looked at now: {@code fatal}, {@code panic}, and
   * also {@code critical}, {@code alert} and {@code emergency}, which the X-Ray daemon, Python and
   * syslog use above error and which a person should not find among ordinary errors.
   */
  FATAL;

  private static final Map<String, LogLevel> SPELLINGS =
      Map.ofEntries(
          Map.entry("trace", TRACE),
          Map.entry("trac", TRACE),
          Map.entry("trc", TRACE),
          Map.entry("finest", TRACE),
          Map.entry("finer", TRACE),
          Map.entry("debug", DEBUG),
          Map.entry("debu", DEBUG),
          Map.entry("dbug", DEBUG),
          Map.entry("dbg", DEBUG),
          Map.entry("fine", DEBUG),
          Map.entry("info", INFO),
          Map.entry("inf", INFO),
          Map.entry("information", INFO),
          Map.entry("informational", INFO),
          Map.entry("notice", INFO),
          Map.entry("warn", WARN),
          Map.entry("warning", WARN),
          Map.entry("wrn", WARN),
          Map.entry("error", ERROR),
          Map.entry("erro", ERROR),
          Map.entry("err", ERROR),
          Map.entry("eror", ERROR),
          Map.entry("severe", ERROR),
          Map.entry("fatal", FATAL),
          Map.entry("fata", FATAL),
          Map.entry("panic", FATAL),
          Map.entry("pani", FATAL),
          Map.entry("dpanic", FATAL),
          Map.entry("critical", FATAL),
          Map.entry("crit", FATAL),
          Map.entry("alert", FATAL),
          Map.entry("emerg", FATAL),
          Map.entry("emergency", FATAL));

  /**
   * The level a word names, in any case and with the brackets, padding or colon logs put around it
   * ({@code WARN}, {@code warning}, {@code [ warn]}, {@code <err>}, {@code Info:}, {@code dbug});
   * empty for any other word.
   */
  public static Optional<LogLevel> parse(String word) {
    if (word == null) {
      return Optional.empty();
    }
    int from = 0;
    int to = word.length();
    while (from < to && trimmed(word.charAt(from))) {
      from++;
    }
    while (to > from && trimmed(word.charAt(to - 1))) {
      to--;
    }
    if (to - from < 3 || to - from > 13) {
      return Optional.empty();
    }
    return Optional.ofNullable(SPELLINGS.get(word.substring(from, to).toLowerCase(Locale.ROOT)));
  }

  private static boolean trimmed(char c) {
    return c == ' ' || c == '\t' || c == '[' || c == ']' || c == '<' || c == '>' || c == ':';
  }
}
