package dev.sidescope.samples.logs;

import dev.sidescope.samples.traffic.ReplicaPicker;
import dev.sidescope.samples.traffic.TrafficSimulator;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The logs of a served sample: one {@link ContainerLog} per container asked for, all written from
 * the same traffic. Its "now" is the traffic's (how far the simulator has gone), so that a log read
 * up to now holds a line for every request that has ended by then, and the next read takes up
 * exactly where it stopped.
 *
 * <p>Threading: made once by the server; {@link #log} and {@link #now} from any thread.
 */
public final class SampleLogs {
  private final Optional<RecentRequests> recent;
  private final Optional<ReplicaPicker> picker;
  private final Supplier<Instant> now;
  private final Instant origin;

  private SampleLogs(
      Optional<RecentRequests> recent,
      Optional<ReplicaPicker> picker,
      Supplier<Instant> now,
      Instant origin) {
    this.recent = recent;
    this.picker = picker;
    this.now = now;
    this.origin = origin;
  }

  /**
   * Logs written from {@code traffic}'s requests from now on, spread over replicas by {@code
   * picker}; call before the traffic starts to miss none.
   */
  public static SampleLogs of(TrafficSimulator traffic, ReplicaPicker picker) {
    RecentRequests recent = new RecentRequests(Objects.requireNonNull(picker, "picker"));
    traffic.addListener(recent);
    return new SampleLogs(Optional.of(recent), Optional.of(picker), traffic::now, traffic.now());
  }

  /** Logs of a sample without traffic: every container writes only its own lines. */
  public static SampleLogs withoutTraffic(Clock clock) {
    return new SampleLogs(Optional.empty(), Optional.empty(), clock::instant, clock.instant());
  }

  /** How far the logs go: a line written by then can be read. */
  public Instant now() {
    return now.get();
  }

  /**
   * When these logs began to be served: a container that is waiting to restart is taken to have
   * restarted just before.
   */
  public Instant origin() {
    return origin;
  }

  /** Which replica of the traffic the pod {@code <namespace>/<pod>} is; empty when none. */
  public Optional<ReplicaPicker.Replica> podReplica(String podKey) {
    return picker.flatMap(p -> p.podReplica(podKey));
  }

  /**
   * Which replica of the traffic task number {@code task} of the ECS service {@code name} is: its
   * replicas outside Kubernetes come after its pods. Empty when the traffic has no such replica.
   */
  public OptionalInt taskReplica(String name, int task) {
    return picker
        .filter(p -> task >= 0 && p.pods(name).size() + task < p.replicas(name))
        .map(p -> OptionalInt.of(p.pods(name).size() + task))
        .orElse(OptionalInt.empty());
  }

  /** The log of {@code container}. */
  public ContainerLog log(LoggedContainer container) {
    return new ContainerLog(container, recent, this::now);
  }
}
