package dev.sidescope.views.logs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A time a person types to jump to: {@code 14:03:12} or {@code 14:03} (in the console's time zone,
 * on the day of the newest line), or an ISO time ({@code 2026-12-08T14:03:12Z}, with an offset, or
 * local).
 */
public final class TimeJump {
  private TimeJump() {}

  /** What a person is told when the text is none of these. */
  public static final String FORMATS = "Type a time as 14:03:12 or 2026-12-08T14:03:12Z.";

  /**
   * The instant {@code text} names; empty when it names none.
   *
   * @param day the instant whose day a bare time of day falls on (the newest line's)
   */
  public static Optional<Instant> parse(String text, ZoneId zone, Instant day) {
    String t = text.strip();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    try {
      LocalTime time = LocalTime.parse(t);
      LocalDate date = LocalDate.ofInstant(day, zone);
      return Optional.of(time.atDate(date).atZone(zone).toInstant());
    } catch (DateTimeParseException notATime) {
      // Not a time of day; an ISO time, then.
    }
    try {
      return Optional.of(Instant.parse(t));
    } catch (DateTimeParseException notAnInstant) {
      // With an offset or local, then.
    }
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException notOffset) {
      // Local, then.
    }
    try {
      return Optional.of(LocalDateTime.parse(t).atZone(zone).toInstant());
    } catch (DateTimeParseException notLocal) {
      return Optional.empty();
    }
  }
}
