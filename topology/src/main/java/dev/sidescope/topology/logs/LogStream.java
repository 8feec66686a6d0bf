package dev.sidescope.topology.logs;

import java.util.Objects;

/**
 * One container's log as a source serves it: the lines of one container of one pod or ECS task.
 *
 * @param source where the lines are read from: {@link #KUBERNETES} or {@link #CLOUDWATCH}
 * @param workloadId the {@link dev.sidescope.topology.model.Workload#id()} of the pod or task
 * @param owner the pod's name or the ECS task's id, as a person names it
 * @param container the container's name
 * @param previous the container's previous run (Kubernetes {@code previous=true}) rather than the
 *     current one
 */
public record LogStream(
    String source, String workloadId, String owner, String container, boolean previous) {
  /** Lines read from the Kubernetes API's pod log. */
  public static final String KUBERNETES = "kubernetes";

  /** Lines read from CloudWatch Logs. */
  public static final String CLOUDWATCH = "cloudwatch";

  public LogStream {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(workloadId, "workloadId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(container, "container");
  }

  /** {@code owner/container} (with {@code (previous)} for an earlier run): how lines are tagged. */
  public String label() {
    return owner + "/" + container + (previous ? " (previous)" : "");
  }
}
