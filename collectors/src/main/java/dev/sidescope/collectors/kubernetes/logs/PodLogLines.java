package dev.sidescope.collectors.kubernetes.logs;

import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the safe lines of one container's log, each starting with the RFC 3339 time the API server
 * puts in front of it ({@code timestamps=true}), into {@link LogLine}s, and drops the lines a
 * resumed request repeats.
 *
 * <p>A resumed request asks from the last delivered line's second (the API server reads {@code
 * sinceTime} in whole seconds), so it repeats that second's earlier lines: every line before the
 * last delivered time is dropped, and at that time each text delivered before is dropped once.
 *
 * <p>Not thread-safe: one stream's reading thread uses it.
 */
final class PodLogLines {
  private final LogStream stream;
  private final Clock clock;
  private final List<LogLine> pending = new ArrayList<>();
  private Instant lastTime;
  private final List<String> textsAtLastTime = new ArrayList<>();
  private Instant skipBefore;
  private final List<String> skipTexts = new ArrayList<>();

  PodLogLines(LogStream stream, Clock clock) {
    this.stream = stream;
    this.clock = clock;
  }

  /** Takes one line as the API server wrote it, timestamp first. */
  void accept(String raw) {
    int space = raw.indexOf(' ');
    Instant time = space > 0 ? parse(raw.substring(0, space)) : null;
    String text = time == null ? raw : raw.substring(space + 1);
    if (time == null) {
      time = clock.instant();
    } else if (repeated(time, text)) {
      return;
    }
    if (lastTime == null || time.isAfter(lastTime)) {
      lastTime = time;
      textsAtLastTime.clear();
    }
    if (time.equals(lastTime)) {
      textsAtLastTime.add(text);
    }
    pending.add(new LogLine(time, stream, text));
  }

  /** The lines taken since the last call, oldest first. */
  List<LogLine> drain() {
    List<LogLine> lines = List.copyOf(pending);
    pending.clear();
    return lines;
  }

  /** The time of the last line delivered, if any: where a resumed request starts. */
  Instant lastTime() {
    return lastTime;
  }

  /** The next lines come from a request resumed at {@link #lastTime()}: drop what it repeats. */
  void resuming() {
    skipBefore = lastTime;
    skipTexts.clear();
    skipTexts.addAll(textsAtLastTime);
  }

  private boolean repeated(Instant time, String text) {
    if (skipBefore == null) {
      return false;
    }
    if (time.isBefore(skipBefore)) {
      return true;
    }
    if (time.equals(skipBefore) && skipTexts.remove(text)) {
      return true;
    }
    if (time.isAfter(skipBefore)) {
      skipBefore = null;
      skipTexts.clear();
    }
    return false;
  }

  private static Instant parse(String stamp) {
    try {
      return stamp.endsWith("Z") ? Instant.parse(stamp) : OffsetDateTime.parse(stamp).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
