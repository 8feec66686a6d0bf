package dev.sidescope.collectors.kubernetes.events;

import dev.sidescope.topology.events.PlatformEvent;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each container's restart history as the pod's status records it, as one {@code LastTermination}
 * event per container whose last run ended: "fluent-bit restarted 7 times; its last run ended at
 * 02:55:02 with exit code 1 (Error) after 1 s". The kubelet's own Events of a crash are folded and
 * expire after an hour; the status keeps the last exit for as long as the container lives, so it is
 * said even when no Event is left.
 *
 * <p>Times are UTC. Pure functions; safe from any thread.
 */
final class RestartHistory {
  /** The reason of the events this makes. */
  static final String REASON = "LastTermination";

  /** Who says it. */
  static final String ORIGIN = "pod status";

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private RestartHistory() {}

  /** One event per container (init containers too) whose status has a last termination. */
  static List<PlatformEvent> of(String workloadId, Pod pod) {
    List<PlatformEvent> out = new ArrayList<>();
    if (pod.getStatus() == null || pod.getMetadata() == null) {
      return out;
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    if (pod.getStatus().getInitContainerStatuses() != null) {
      statuses.addAll(pod.getStatus().getInitContainerStatuses());
    }
    if (pod.getStatus().getContainerStatuses() != null) {
      statuses.addAll(pod.getStatus().getContainerStatuses());
    }
    for (ContainerStatus status : statuses) {
      lastTermination(workloadId, pod.getMetadata().getName(), status).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<PlatformEvent> lastTermination(
      String workloadId, String podName, ContainerStatus status) {
    if (status == null
        || status.getName() == null
        || status.getLastState() == null
        || status.getLastState().getTerminated() == null) {
      return Optional.empty();
    }
    ContainerStateTerminated ended = status.getLastState().getTerminated();
    Optional<Instant> finished = time(ended.getFinishedAt());
    Optional<Instant> started = time(ended.getStartedAt());
    if (finished.isEmpty()) {
      return Optional.empty();
    }
    int restarts = status.getRestartCount() == null ? 0 : status.getRestartCount();
    int exitCode = ended.getExitCode() == null ? -1 : ended.getExitCode();
    StringBuilder message = new StringBuilder(status.getName());
    if (restarts > 0) {
      message.append(" restarted ").append(times(restarts)).append("; its last run ended at ");
    } else {
      message.append("'s last run ended at ");
    }
    message.append(CLOCK.format(finished.get()));
    if (ended.getExitCode() != null) {
      message.append(" with exit code ").append(exitCode);
    }
    if (ended.getReason() != null && !ended.getReason().isBlank()) {
      message.append(" (").append(ended.getReason()).append(')');
    }
    started
        .filter(s -> !s.isAfter(finished.get()))
        .ifPresent(
            s -> message.append(" after ").append(length(Duration.between(s, finished.get()))));
    if (ended.getSignal() != null && ended.getSignal() > 0) {
      message.append(", signal ").append(ended.getSignal());
    }
    boolean clean = exitCode == 0 && !"OOMKilled".equals(ended.getReason());
    return Optional.of(
        new PlatformEvent(
            workloadId,
            "Pod",
            podName,
            Optional.of(status.getName()),
            clean ? PlatformEvent.Type.NORMAL : PlatformEvent.Type.WARNING,
            REASON,
            message.toString(),
            Math.max(1, restarts),
            finished.get(),
            finished.get(),
            ORIGIN));
  }

  private static String times(int n) {
    return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
  }

  /** "1 s", "4 min 2 s", "3 h 10 min", "2 d 4 h". */
  static String length(Duration d) {
    long s = d.getSeconds();
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }
    if (s < 86_400) {
      return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
    }
    return s / 86_400 + " d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + " h");
  }

  private static Optional<Instant> time(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
