package dev.sidescope.samples.kubernetes;

import dev.sidescope.samples.logs.ContainerLog;
import dev.sidescope.samples.logs.LogFormat;
import dev.sidescope.samples.logs.LoggedContainer;
import dev.sidescope.samples.logs.LoggedContainer.Health;
import dev.sidescope.samples.logs.SampleLogs;
import dev.sidescope.samples.traffic.ReplicaPicker.Replica;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The log of a container of a served pod, as the kubelet keeps it: the current run from its status'
 * start time, and the run before it when the container restarted (from {@code
 * lastState.terminated}). A container that waits to restart (in {@code CrashLoopBackOff}) logs what
 * {@code kubectl logs} shows of it: its last attempt, which ended in its crash. One that runs but
 * is not ready logs the failures of its work instead of its successes.
 */
final class PodContainerLogs {
  /** How long before the logs' origin a container waiting to restart is taken to have restarted. */
  private static final Duration JUST_RESTARTED = Duration.ofSeconds(30);

  private PodContainerLogs() {}

  /** The log of {@code container} in {@code pod}. */
  static ContainerLog of(Pod pod, Container container, boolean classicInit, SampleLogs logs) {
    String podKey = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    Optional<Replica> replica = logs.podReplica(podKey);
    String app =
        pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("app");
    String service = replica.map(Replica::name).orElse(app != null ? app : container.getName());
    Optional<ContainerStatus> status = status(pod, container.getName());
    int restarts = status.map(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).orElse(0);
    Health health = status.map(s -> health(s, restarts)).orElse(Health.HEALTHY);
    Instant startedAt = startedAt(pod, status, restarts, logs.origin());
    Optional<LoggedContainer.Run> previous =
        restarts == 0 ? Optional.empty() : Optional.of(previousRun(status.get(), startedAt));
    // A crash-looping container's log is its last attempt's, the run its lastState reports.
    Optional<LoggedContainer.Run> current =
        health == Health.CRASH_LOOPING ? previous : Optional.empty();
    return logs.log(
        new LoggedContainer(
            service,
            replica.map(r -> OptionalInt.of(r.index())).orElse(OptionalInt.empty()),
            pod.getMetadata().getName(),
            pod.getStatus() == null || pod.getStatus().getPodIP() == null
                ? "10.0.32.2"
                : pod.getStatus().getPodIP(),
            container.getName(),
            LogFormat.of(container.getName(), container.getImage(), classicInit),
            firstPort(pod),
            current.map(LoggedContainer.Run::startedAt).orElse(startedAt),
            previous,
            health,
            current.map(LoggedContainer.Run::finishedAt)));
  }

  /**
   * How the container fares by its status: waiting to restart after crashing (in {@code
   * CrashLoopBackOff}, or waiting with a terminated last state after restarts), or running but not
   * ready.
   */
  private static Health health(ContainerStatus status, int restarts) {
    ContainerState state = status.getState();
    if (state != null && state.getWaiting() != null) {
      boolean crashed =
          status.getLastState() != null && status.getLastState().getTerminated() != null;
      if (restarts > 0 && ("CrashLoopBackOff".equals(state.getWaiting().getReason()) || crashed)) {
        return Health.CRASH_LOOPING;
      }
    }
    if (state != null && state.getRunning() != null && Boolean.FALSE.equals(status.getReady())) {
      return Health.NOT_READY;
    }
    return Health.HEALTHY;
  }

  private static Instant startedAt(
      Pod pod, Optional<ContainerStatus> status, int restarts, Instant origin) {
    Optional<ContainerState> state = status.map(ContainerStatus::getState);
    Optional<Instant> started =
        state
            .map(ContainerState::getRunning)
            .map(ContainerStateRunning::getStartedAt)
            .or(
                () ->
                    state
                        .map(ContainerState::getTerminated)
                        .map(ContainerStateTerminated::getStartedAt))
            .flatMap(PodContainerLogs::instant);
    if (started.isPresent()) {
      return started.get();
    }
    if (restarts > 0) {
      return origin.minus(JUST_RESTARTED);
    }
    return Optional.ofNullable(pod.getStatus())
        .flatMap(s -> instant(s.getStartTime()))
        .orElse(origin.minus(JUST_RESTARTED));
  }

  /** The run before the current one: from {@code lastState}, or a minute that ended before it. */
  private static LoggedContainer.Run previousRun(ContainerStatus status, Instant currentStart) {
    Optional<ContainerStateTerminated> last =
        Optional.ofNullable(status.getLastState()).map(ContainerState::getTerminated);
    Instant finished =
        last.flatMap(t -> instant(t.getFinishedAt())).orElse(currentStart.minusSeconds(10));
    Instant started =
        last.flatMap(t -> instant(t.getStartedAt())).orElse(finished.minusSeconds(60));
    return new LoggedContainer.Run(started, finished);
  }

  private static Optional<ContainerStatus> status(Pod pod, String container) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    List<ContainerStatus> all = new ArrayList<>(list(pod.getStatus().getContainerStatuses()));
    all.addAll(list(pod.getStatus().getInitContainerStatuses()));
    return all.stream().filter(s -> container.equals(s.getName())).findFirst();
  }

  private static int firstPort(Pod pod) {
    if (pod.getSpec() != null) {
      for (Container c : list(pod.getSpec().getContainers())) {
        for (ContainerPort p : list(c.getPorts())) {
          if (p.getContainerPort() != null) {
            return p.getContainerPort();
          }
        }
      }
    }
    return 8080;
  }

  private static Optional<Instant> instant(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }
}
