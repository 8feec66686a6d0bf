package dev.sidescope.topology.logs;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One line a container wrote, as its source gave it.
 *
 * <p>{@code text} is already safe to show: the source passed it through {@code SafeLogText} (ANSI
 * escape sequences gone, control characters and invalid bytes visible, long lines cut with a
 * marker). It is <em>not</em> masked: masking happens where a line is shown or printed ({@code
 * LogMask}), so a person can reveal a line for the session.
 *
 * @param time when the container wrote it (the source's timestamp; receipt time where it has none)
 * @param stream whose line it is
 * @param text the line without its trailing newline
 */
public record LogLine(Instant time, LogStream stream, String text) {
  /** Oldest first; ties keep streams apart by label so a merge is stable. */
  public static final Comparator<LogLine> BY_TIME =
      Comparator.comparing(LogLine::time).thenComparing(l -> l.stream().label());

  public LogLine {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(text, "text");
  }
}
