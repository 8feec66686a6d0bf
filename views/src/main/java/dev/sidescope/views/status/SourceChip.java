package dev.sidescope.views.status;

import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one source's chip in the source bar says, e.g. {@code kubernetes/kind-dev · live}, {@code
 * ecs/us-east-1 · live, 0 tasks}, {@code ecs/us-east-1 · throttled, retrying in 8 s}, {@code
 * kubernetes/prod · down, connection refused}, and the style class that colours it by state. Pure.
 *
 * @param styleClass {@code source-live}, {@code source-degraded}, ...
 * @param tooltip the state, since when, and the whole message
 */
public record SourceChip(String id, String text, String styleClass, String tooltip) {

  /** A chip that knows nothing of what the source contributed: no count on a live chip. */
  public static SourceChip of(SourceStatus status, Instant now) {
    return of(status, now, OptionalInt.empty());
  }

  /**
   * A chip for a source of this snapshot: a live Kubernetes or ECS source that contributed no pod
   * or task to it says so ({@code ecs/us-east-1 · live, 0 tasks}), so a source that is connected
   * but finds nothing does not read like one that works.
   */
  public static SourceChip of(SourceStatus status, Instant now, TopologySnapshot snapshot) {
    int count = 0;
    for (Workload w : snapshot.workloads()) {
      if (w.spec().source().equals(status.id())) {
        count++;
      }
    }
    return of(status, now, OptionalInt.of(count));
  }

  private static SourceChip of(SourceStatus status, Instant now, OptionalInt workloads) {
    SourceState state = status.status();
    String message = status.message().filter(m -> !m.isBlank()).orElse(null);
    String none =
        workloads.isPresent() && workloads.getAsInt() == 0
            ? placesNoun(status.id()).map(n -> ", 0 " + n).orElse("")
            : "";
    String detail =
        switch (state) {
          case LIVE -> "live" + none;
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

  /** What a source's workloads are called, by the kind of source its id names. */
  private static Optional<String> placesNoun(String sourceId) {
    if (sourceId.startsWith("ecs/")) {
      return Optional.of("tasks");
    }
    if (sourceId.startsWith("kubernetes/")) {
      return Optional.of("pods");
    }
    return Optional.empty();
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
