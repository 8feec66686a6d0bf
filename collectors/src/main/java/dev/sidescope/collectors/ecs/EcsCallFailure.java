package dev.sidescope.collectors.ecs;

import java.util.Optional;

/**
 * An ECS call that failed (after the SDK's own retries), with the operation and cluster it was
 * about, so that the source's status can say which call failed where. The cause is the SDK's
 * exception.
 */
final class EcsCallFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final String cluster;

  EcsCallFailure(String operation, String cluster, RuntimeException cause) {
    super(operation + (cluster == null ? "" : " on cluster " + cluster) + " failed", cause);
    this.operation = operation;
    this.cluster = cluster;
  }

  /** The ECS operation, e.g. {@code ListTasks}. */
  String operation() {
    return operation;
  }

  /** The cluster the call was about, if any. */
  Optional<String> cluster() {
    return Optional.ofNullable(cluster);
  }
}
