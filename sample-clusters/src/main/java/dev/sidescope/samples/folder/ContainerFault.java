package dev.sidescope.samples.folder;

import java.util.Objects;

/**
 * A container that the expansion shows unhealthy instead of running and ready.
 *
 * @param kind what is wrong
 * @param restarts the restart count to report
 * @param exitCode the exit code of the last run, for {@link Kind#CRASH_LOOP}
 */
public record ContainerFault(Kind kind, int restarts, int exitCode) {

  /** What is wrong with the container. */
  public enum Kind {
    /** Waiting in {@code CrashLoopBackOff}, its last run terminated with an error. */
    CRASH_LOOP,
    /** Running, but its readiness probe fails. */
    NOT_READY
  }

  public ContainerFault {
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * Which container: the {@code replica}-th pod (from 0) of the controller {@code controller} in
   * {@code namespace}, container {@code container}.
   */
  public record Where(String namespace, String controller, int replica, String container) {
    public Where {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(controller, "controller");
      Objects.requireNonNull(container, "container");
    }
  }
}
