package dev.sidescope.views.console;

import dev.sidescope.topology.events.PlatformEvent;

/**
 * One row of the Events tab, as shown: masked, its times written for a person.
 *
 * @param event what the source said (unmasked: for tests and for copying after a reveal, never
 *     shown as is)
 * @param selected it is about the container selected
 * @param when when it last happened, with how long ago: "02:55:02 (3 min ago)"
 * @param warning the platform calls it a warning
 * @param reason {@code Unhealthy}, {@code BackOff}, ...
 * @param about what it is about: "xray-daemon", "Pod ledger-7c9d8f6b5-x2k4q", "Service statements"
 * @param message what the platform said, secrets masked
 * @param times "×28 since 01:13:05", or empty for an event that happened once
 */
public record EventRow(
    PlatformEvent event,
    boolean selected,
    String when,
    boolean warning,
    String reason,
    String about,
    String message,
    String times) {

  /** The row as one line of text: for copying and for a tooltip. */
  public String text() {
    return when
        + "  "
        + (warning ? "Warning" : "Normal")
        + "  "
        + reason
        + "  "
        + about
        + (times.isEmpty() ? "" : "  " + times)
        + "\n  "
        + message;
  }
}
