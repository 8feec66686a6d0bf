package dev.sidescope.views.console;

import dev.sidescope.views.logs.LineFacts;

/**
 * The line selected in the Logs tab, for the strip under the lines: when and whose it is, and what
 * its format says (its fields, a trace id to open).
 *
 * @param index where it is in the list
 * @param time its time as the strip writes it
 */
public record LogLineDetails(int index, String time, String label, LineFacts facts) {
  /** The same line, moved to another index by lines trimmed before it. */
  LogLineDetails at(int newIndex) {
    return new LogLineDetails(newIndex, time, label, facts);
  }
}
