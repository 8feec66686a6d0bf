package dev.sidescope.topology.model;

import java.time.Instant;
import java.util.Optional;

/**
 * What a source says about itself.
 *
 * @param id e.g. {@code kubernetes/kind-dev}, {@code ecs/us-east-1}, {@code manifests}
 * @param message why, for any state but live; one sentence
 * @param since when it entered this state
 */
public record SourceStatus(
    String id, SourceState status, Optional<String> message, Optional<Instant> since) {
  public SourceStatus {
    message = message == null ? Optional.empty() : message;
    since = since == null ? Optional.empty() : since;
  }

  public static SourceStatus live(String id, Instant since) {
    return new SourceStatus(id, SourceState.LIVE, Optional.empty(), Optional.of(since));
  }

  public static SourceStatus of(String id, SourceState state, String message, Instant since) {
    return new SourceStatus(id, state, Optional.ofNullable(message), Optional.of(since));
  }

  /**
   * The status that follows this one: {@code state} with {@code message}, entered {@code now}, or
   * still since when this one entered it where the state is the same.
   */
  public SourceStatus then(SourceState state, String message, Instant now) {
    Instant from = status == state && since.isPresent() ? since.get() : now;
    return new SourceStatus(id, state, Optional.ofNullable(message), Optional.of(from));
  }
}
