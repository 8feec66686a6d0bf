package dev.sidescope.app.cli;

import dev.sidescope.collectors.xray.api.XRayApiSource;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import java.io.PrintWriter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a command that reads its sources once and exits says about them: one line on stderr for each
 * source that is not live, worded for a process about to exit, and whether any source was reached
 * at all.
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

  /** The one sentence said when no source could be reached. */
  static final String NONE_REACHED =
      "sidescope: no source could be reached; the snapshot holds only their statuses.";

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
   * True when there were sources and none of them was reached: every one is down, or still
   * connecting when the command stopped waiting. A source that was reached and found nothing (an
   * empty namespace, a daemon port that received no segment) is live, and so is what was read from
   * files.
   */
  static boolean noneReached(TopologySnapshot snapshot) {
    List<SourceStatus> sources = snapshot.sources();
    return !sources.isEmpty() && sources.stream().noneMatch(OneShotSources::reached);
  }

  private static boolean reached(SourceStatus source) {
    return switch (source.status()) {
      case LIVE, STALE -> true;
      // X-Ray's API is read beside ECS and says "degraded" when it cannot be reached, since the
      // picture does without it; only a reading makes it count.
      case DEGRADED -> !source.id().startsWith(XRayApiSource.ID_PREFIX);
      case CONNECTING, DOWN -> false;
    };
  }

  /**
   * {@code message} without its closing period and without what the source would do next ("...,
   * retrying in 31 s", "...; retrying", "...; next try in 60 s").
   */
  static String withoutNextAttempt(String message) {
    return LiveSnapshots.withoutPeriod(NEXT_ATTEMPT.matcher(message).replaceFirst("").strip());
  }
}
