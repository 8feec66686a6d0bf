package dev.sidescope.topology.events;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing the platform said happened: a Kubernetes Event, an ECS service event, a task's stopped
 * reason, or a container's last termination as its status records it.
 *
 * @param workloadId the pod or task it was gathered for ({@link
 *     dev.sidescope.topology.model.WorkloadSpec#id})
 * @param subjectKind what it is about: {@code Pod}, {@code ReplicaSet}, {@code Deployment}, {@code
 *     Task}, {@code Service}, ...
 * @param subjectName that object's name (a task's id, a service's name)
 * @param container the container it is about, where it is about one (a probe, a back-off)
 * @param type normal or warning
 * @param reason a short machine word: {@code Unhealthy}, {@code BackOff}, {@code OOMKilled}, {@code
 *     Killing}, {@code ServiceEvent}, {@code TaskStopped}, {@code LastTermination}, ...
 * @param message what the platform said, as it said it (a source masks nothing; where it is shown
 *     it is masked)
 * @param count how many times it happened (Kubernetes folds repeats into one event)
 * @param first when it first happened
 * @param last when it last happened
 * @param origin who said it: {@code kubelet}, {@code default-scheduler}, {@code ecs}, {@code pod
 *     status}
 */
public record PlatformEvent(
    String workloadId,
    String subjectKind,
    String subjectName,
    Optional<String> container,
    Type type,
    String reason,
    String message,
    int count,
    Instant first,
    Instant last,
    String origin) {

  /** Newest first; ties by reason, then message, so an order is the same on every run. */
  public static final Comparator<PlatformEvent> NEWEST_FIRST =
      Comparator.comparing(PlatformEvent::last)
          .reversed()
          .thenComparing(PlatformEvent::reason)
          .thenComparing(PlatformEvent::message);

  /** How serious the platform thinks it is. */
  public enum Type {
    NORMAL,
    WARNING
  }

  public PlatformEvent {
    Objects.requireNonNull(workloadId, "workloadId");
    Objects.requireNonNull(subjectKind, "subjectKind");
    Objects.requireNonNull(subjectName, "subjectName");
    container = container == null ? Optional.empty() : container;
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(last, "last");
    first = first == null ? last : first;
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    if (first.isAfter(last)) {
      throw new IllegalArgumentException("first " + first + " is after last " + last);
    }
  }
}
