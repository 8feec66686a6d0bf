package dev.sidescope.app.cli;

import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import java.io.PrintWriter;
import java.util.regex.Pattern;

/**
 * What a command that reads its sources once and exits says about them: one line on stderr for each
 * source that is not live, worded for a process about to exit.
 *
 * <p>The sources word their statuses for the console, which keeps running and tries again; a
 * command that exits next must not promise that. Called on the command line's thread.
 */
final class OneShotSources {
  /** What a source said it would do next: the end of its sentence, after a comma or semicolon. */
  private static final Pattern NEXT_ATTEMPT =
      Pattern.compile(
          "[,;]\\s*(?:retrying|trying again|asking again|ask again|next try)(?:\\s+in\\b[^,;]*)?"
              + "\\s*\\.?\\s*$");

  private OneShotSources() {}

  /** One line on {@code err} for each source in {@code snapshot} that is not live. */
  static void reportNotLive(TopologySnapshot snapshot, PrintWriter err) {
    for (SourceStatus status : snapshot.sources()) {
      if (status.status() != SourceState.LIVE) {
        err.println(
            "sidescope: "
                + status.id()
                + " is "
                + status.status().wireName()
                + status.message().map(m -> ": " + withoutNextAttempt(m)).orElse("")
                + ".");
      }
    }
    err.flush();
  }

  /**
   * {@code message} without its closing period and without what the source would do next ("...,
   * retrying in 31 s", "...; retrying", "...; next try in 60 s").
   */
  static String withoutNextAttempt(String message) {
    return LiveSnapshots.withoutPeriod(NEXT_ATTEMPT.matcher(message).replaceFirst("").strip());
  }
}
