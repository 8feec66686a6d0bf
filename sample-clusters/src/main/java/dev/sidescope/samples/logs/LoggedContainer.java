package dev.sidescope.samples.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a container's log is written from: where the container runs, in which format it logs, which
 * share of the traffic passes it, and when its runs started.
 *
 * @param service the name its lines give their service: the traffic model's name for the workload
 *     (the pod's {@code app} label, the ECS service), or the container's own name
 * @param replica which replica of {@code service} in the traffic model this is (see {@link
 *     dev.sidescope.samples.traffic.ReplicaPicker}); empty when no traffic passes it
 * @param host the pod's name or the ECS task's id
 * @param address the pod's or task's IP address
 * @param container the container's name
 * @param format the format it logs in
 * @param appPort the port its app serves on, as its inbound proxy reaches it
 * @param startedAt when its current run started
 * @param previousRun its run before the current one, which ended in a crash; empty when it never
 *     restarted
 * @param health how its status says it fares, which its own lines tell too
 * @param endedAt when its current run ended (a crash-looping container's last attempt); empty while
 *     it runs
 */
public record LoggedContainer(
    String service,
    OptionalInt replica,
    String host,
    String address,
    String container,
    LogFormat format,
    int appPort,
    Instant startedAt,
    Optional<Run> previousRun,
    Health health,
    Optional<Instant> endedAt) {
  public LoggedContainer {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(previousRun, "previousRun");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(endedAt, "endedAt");
    if (health == Health.CRASH_LOOPING && endedAt.isEmpty()) {
      throw new IllegalArgumentException("a crash-looping container's last attempt has ended");
    }
  }

  /** A healthy container that is running. */
  public LoggedContainer(
      String service,
      OptionalInt replica,
      String host,
      String address,
      String container,
      LogFormat format,
      int appPort,
      Instant startedAt,
      Optional<Run> previousRun) {
    this(
        service,
        replica,
        host,
        address,
        container,
        format,
        appPort,
        startedAt,
        previousRun,
        Health.HEALTHY,
        Optional.empty());
  }

  /** How a container fares, as its status tells: what its log says follows from it. */
  public enum Health {
    /** Running and ready: its own lines report work done. */
    HEALTHY,
    /**
     * Running but failing its readiness probe: its periodic lines are the errors and warnings its
     * kind writes when what it does fails; a proxy's access lines stay as they are.
     */
    NOT_READY,
    /**
     * Waiting to restart after crashing: its log is its last attempt's, which ends in its crash at
     * {@link #endedAt()}, and nothing is written after.
     */
    CRASH_LOOPING
  }

  /** One run of a container, from its start to its exit. */
  public record Run(Instant startedAt, Instant finishedAt) {
    public Run {
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(finishedAt, "finishedAt");
    }
  }

  /** The seed of this container's own draws (FNV-1a of host and container): the same every run. */
  long seed() {
    long h = 0xcbf29ce484222325L;
    for (byte b : (host + "/" + container).getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
