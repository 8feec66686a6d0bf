package dev.sidescope.topology.logs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** The timestamps log lines carry, read without exceptions for the common case of no timestamp. */
final class LogTimes {
  private static final DateTimeFormatter SLASHED =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter COMMON_LOG =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

  private LogTimes() {}

  /**
   * The end of an RFC 3339 date-time at the start of {@code text} ({@code
   * 2025-01-30T12:10:13.682034460Z}, {@code 2024-05-01T10:00:00+02:00}), or -1 when there is none.
   */
  static int rfc3339End(String text) {
    if (text.length() < 20
        || !digits(text, 0, 4)
        || text.charAt(4) != '-'
        || !digits(text, 5, 7)
        || text.charAt(7) != '-'
        || !digits(text, 8, 10)
        || (text.charAt(10) != 'T' && text.charAt(10) != 't')
        || !digits(text, 11, 13)
        || text.charAt(13) != ':') {
      return -1;
    }
    int i = 14;
    while (i < text.length() && (isDigit(text.charAt(i)) || text.charAt(i) == ':')) {
      i++;
    }
    if (i < text.length() && (text.charAt(i) == '.' || text.charAt(i) == ',')) {
      i++;
      while (i < text.length() && isDigit(text.charAt(i))) {
        i++;
      }
    }
    if (i < text.length() && (text.charAt(i) == 'Z' || text.charAt(i) == 'z')) {
      return i + 1;
    }
    if (i + 6 <= text.length()
        && (text.charAt(i) == '+' || text.charAt(i) == '-')
        && digits(text, i + 1, i + 3)
        && text.charAt(i + 3) == ':'
        && digits(text, i + 4, i + 6)) {
      return i + 6;
    }
    return -1;
  }

  /** An RFC 3339 date-time as a whole. */
  static Optional<Instant> rfc3339(String text) {
    if (rfc3339End(text) != text.length()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text.replace(',', '.')).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * A timestamp as JSON loggers and access logs write it: RFC 3339, or seconds (or milli-, micro-,
   * nanoseconds, told apart by size) since the epoch.
   */
  static Optional<Instant> any(String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (isDigit(text.charAt(0)) && rfc3339End(text) < 0) {
      return epoch(text);
    }
    return rfc3339(text);
  }

  /** Seconds since the epoch with a fraction, or a whole number of a finer unit. */
  private static Optional<Instant> epoch(String text) {
    try {
      double value = Double.parseDouble(text);
      if (!(value > 0) || value >= 1e20) {
        return Optional.empty();
      }
      double seconds =
          value >= 1e17
              ? value / 1e9
              : value >= 1e14 ? value / 1e6 : value >= 1e11 ? value / 1e3 : value;
      long whole = (long) Math.floor(seconds);
      long nanos =
          Math.round((seconds - whole) * 1e9 / 1000) * 1000; // microseconds: a double's worth
      return Optional.of(Instant.ofEpochSecond(whole, Math.min(nanos, 999_999_000)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code 2023/01/20 01:37:06}, as Fluent Bit and NGINX's error log write local time; read as UTC,
   * the time zone of nearly every container.
   */
  static Optional<Instant> slashed(String text) {
    if (text.length() != 19 || !digits(text, 0, 4) || text.charAt(4) != '/') {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(text, SLASHED).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code 10/Oct/2000:13:55:36 -0700}, the Common Log Format's time as NGINX writes it. */
  static Optional<Instant> commonLog(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text, COMMON_LOG).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static boolean digits(String text, int from, int to) {
    if (to > text.length()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
