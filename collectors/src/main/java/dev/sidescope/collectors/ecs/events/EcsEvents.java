package dev.sidescope.collectors.ecs.events;

import dev.sidescope.topology.events.PlatformEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Reads what ECS says about a task and its service as {@link PlatformEvent}s: the task's stopped
 * reason ({@code TaskStopped}), each of its containers that stopped ({@code ContainerStopped}: a
 * non-essential log router killed for memory leaves the task running without it), and the service's
 * event log ({@code ServiceEvent}, a warning when it says something was unable to start, unhealthy,
 * failed or stopped).
 *
 * <p>ECS gives a container no time of its own; a stopped container is dated by the task's stop, or
 * else by when it was first seen stopped, which the caller remembers. Pure functions; safe from any
 * thread.
 */
final class EcsEvents {
  /** Who says it. */
  static final String ORIGIN = "ecs";

  private static final List<String> WARNING_WORDS =
      List.of("unable", "unhealthy", "failed", "stopped");

  private EcsEvents() {}

  /**
   * The task's own events.
   *
   * @param firstSeenStopped when a container ({@code name}) of this task was first seen stopped,
   *     given {@code now} for one seen stopped for the first time
   */
  static List<PlatformEvent> ofTask(
      String workloadId,
      String taskId,
      Task task,
      BiFunction<String, Instant, Instant> firstSeenStopped,
      Instant now) {
    List<PlatformEvent> out = new ArrayList<>();
    Optional<Instant> stopped =
        first(task.stoppedAt(), task.executionStoppedAt(), task.stoppingAt());
    if (task.stoppedReason() != null && !task.stoppedReason().isBlank()) {
      String code = task.stopCodeAsString();
      Instant at = stopped.orElseGet(() -> firstSeenStopped.apply("", now));
      out.add(
          new PlatformEvent(
              workloadId,
              "Task",
              taskId,
              Optional.empty(),
              PlatformEvent.Type.WARNING,
              "TaskStopped",
              task.stoppedReason().strip()
                  + (code == null || code.isBlank() ? "" : " (" + code + ")"),
              1,
              at,
              at,
              ORIGIN));
    }
    for (Container c : task.containers()) {
      if (c.name() == null || !"STOPPED".equals(c.lastStatus())) {
        continue;
      }
      Instant at = stopped.orElseGet(() -> firstSeenStopped.apply(c.name(), now));
      StringBuilder message = new StringBuilder(c.name()).append(" stopped");
      if (c.exitCode() != null) {
        message.append(" with exit code ").append(c.exitCode());
      }
      if (c.reason() != null && !c.reason().isBlank()) {
        message.append(": ").append(c.reason().strip());
      }
      boolean clean =
          c.exitCode() != null && c.exitCode() == 0 && (c.reason() == null || c.reason().isBlank());
      out.add(
          new PlatformEvent(
              workloadId,
              "Task",
              taskId,
              Optional.of(c.name()),
              clean ? PlatformEvent.Type.NORMAL : PlatformEvent.Type.WARNING,
              "ContainerStopped",
              message.toString(),
              1,
              at,
              at,
              ORIGIN));
    }
    return out;
  }

  /** The service's event log, as said to one of its tasks. */
  static List<PlatformEvent> ofService(String workloadId, Service service) {
    List<PlatformEvent> out = new ArrayList<>();
    for (ServiceEvent e : service.events()) {
      if (e.createdAt() == null || e.message() == null) {
        continue;
      }
      out.add(
          new PlatformEvent(
              workloadId,
              "Service",
              service.serviceName(),
              Optional.empty(),
              warns(e.message()) ? PlatformEvent.Type.WARNING : PlatformEvent.Type.NORMAL,
              "ServiceEvent",
              e.message().strip(),
              1,
              e.createdAt(),
              e.createdAt(),
              ORIGIN));
    }
    return out;
  }

  /** Whether a service event's message says something went wrong. */
  static boolean warns(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return WARNING_WORDS.stream().anyMatch(lower::contains);
  }

  private static Optional<Instant> first(Instant... times) {
    for (Instant t : times) {
      if (t != null) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
