package dev.sidescope.views.status;

import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * What one source's chip in the source bar says, e.g. {@code kubernetes/kind-dev · live}, {@code
 * ecs/us-east-1 · throttled, retrying in 8 s}, {@code kubernetes/prod · down, connection refused},
 * and the style class that colours it by state. Pure.
 *
 * @param styleClass {@code source-live}, {@code source-degraded}, ...
 * @param tooltip the state, since when, and the whole message
 */
public record SourceChip(String id, String text, String styleClass, String tooltip) {

  public static SourceChip of(SourceStatus status, Instant now) {
    SourceState state = status.status();
    String message = status.message().filter(m -> !m.isBlank()).orElse(null);
    String detail =
        switch (state) {
          case LIVE -> "live";
          case CONNECTING -> "connecting";
          case DEGRADED -> message != null ? message : "degraded";
          case DOWN -> message != null ? "down, " + message : "down";
          case STALE ->
              "stale"
                  + status.since().map(s -> " for " + ago(s, now)).orElse("")
                  + (message != null ? ", " + message : "");
        };
    String tooltip =
        state.wireName()
            + status.since().map(s -> " since " + s + " (" + ago(s, now) + " ago)").orElse("")
            + (message != null ? "\n" + message : "");
    return new SourceChip(
        status.id(), status.id() + " · " + detail, "source-" + state.wireName(), tooltip);
  }

  static String ago(Instant since, Instant now) {
    long s = Math.max(0, Duration.between(since, now).getSeconds());
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min";
    }
    return (s / 3600) + " h";
  }
}
