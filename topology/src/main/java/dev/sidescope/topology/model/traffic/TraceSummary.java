package dev.sidescope.topology.model.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One trace in a list of the slowest or the failed: enough to choose it, not its segments.
 *
 * @param id the trace id, {@code 1-5759e988-bd862e3fe1be46a994272793}
 * @param start when its first segment started
 * @param duration from its first segment's start to its last one's end
 * @param entry the service that received the request, where known
 * @param httpStatus the status the entry service answered, where known
 * @param fault whether a segment of it has a fault (5xx)
 * @param error whether a segment of it has an error (4xx)
 * @param throttle whether a segment of it was throttled (429)
 */
public record TraceSummary(
    String id,
    Instant start,
    Duration duration,
    Optional<String> entry,
    OptionalInt httpStatus,
    boolean fault,
    boolean error,
    boolean throttle) {
  public TraceSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(httpStatus, "httpStatus");
  }

  /** Whether anything in it failed. */
  public boolean failed() {
    return fault || error || throttle;
  }
}
