package dev.sidescope.topology.model;

import java.util.Optional;

/**
 * What is known at run time about a container. Everything is optional: a manifest knows nothing of
 * it, a live source fills in what it sees.
 *
 * @param phase running, waiting, terminated, or unknown
 * @param ready readiness as the platform reports it
 * @param restarts restart count
 * @param reason e.g. {@code CrashLoopBackOff}, {@code Error}, ECS {@code reason}
 * @param exitCode last exit code, where it exited
 * @param health ECS {@code healthStatus} ({@code HEALTHY}, {@code UNHEALTHY}, {@code UNKNOWN})
 */
public record ContainerState(
    Phase phase,
    Optional<Boolean> ready,
    Optional<Integer> restarts,
    Optional<String> reason,
    Optional<Integer> exitCode,
    Optional<String> health) {

  /** The coarse state of a container. */
  public enum Phase {
    RUNNING,
    WAITING,
    TERMINATED,
    UNKNOWN
  }

  /** Nothing known: what a manifest gives. */
  public static final ContainerState UNKNOWN =
      new ContainerState(
          Phase.UNKNOWN,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  public ContainerState {
    phase = phase == null ? Phase.UNKNOWN : phase;
    ready = ready == null ? Optional.empty() : ready;
    restarts = restarts == null ? Optional.empty() : restarts;
    reason = reason == null ? Optional.empty() : reason;
    exitCode = exitCode == null ? Optional.empty() : exitCode;
    health = health == null ? Optional.empty() : health;
  }

  /** Running and ready, with no restarts. */
  public static ContainerState runningReady() {
    return new ContainerState(
        Phase.RUNNING,
        Optional.of(true),
        Optional.of(0),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
