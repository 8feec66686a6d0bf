package dev.sidescope.views.logs;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Lines as text for the clipboard: one a line, {@code time owner/container text}, masked unless the
 * person revealed secrets for the session.
 */
public final class LogCopy {
  private LogCopy() {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

  public static String text(List<ShownLine> lines, LogText text, boolean revealed) {
    StringBuilder out = new StringBuilder();
    for (ShownLine l : lines) {
      out.append(TIME.format(l.time()))
          .append(' ')
          .append(l.stream().label())
          .append(' ')
          .append(l.text(text, revealed))
          .append('\n');
    }
    return out.toString();
  }
}
