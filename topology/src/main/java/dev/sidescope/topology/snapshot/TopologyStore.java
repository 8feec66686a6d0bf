package dev.sidescope.topology.snapshot;

import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.MeshVirtualNode;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.WorkloadSpec;
import dev.sidescope.topology.source.ObservationSink;
import dev.sidescope.topology.source.OverlaySink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Holds what every source last said and turns it into one immutable {@link TopologySnapshot} at a
 * time, for the views, the exporters and the command line.
 *
 * <p>Each source owns one slot: {@link #publish} replaces the slot (observations from a topology
 * source, measurements from an overlay source), {@link #publishStatus} replaces only its status.
 * The store keeps the last base ({@link SnapshotBuilder#base}): new observations rebuild it, while
 * measurements, statuses and a new grouping only run the finish ({@link SnapshotBuilder#finish})
 * over the base it has. Publishing marks the store dirty and asks for a build; builds are coalesced
 * (many publishes, one build with the latest of everything) and spaced {@link #MIN_INTERVAL} apart,
 * so at most four snapshots a second. A build that is already scheduled or running is never queued
 * a second time: a publish during a build only sets the dirty flag, and the build that follows
 * picks it up (drop-if-busy, as k9s refreshes).
 *
 * <p>Threading contract:
 *
 * <ul>
 *   <li>{@link #publish}, {@link #publishStatus}, {@link #withdraw}, {@link #setGrouping}, {@link
 *       #rebuild}, {@link #latest} and the listener methods may be called from any thread, at once;
 *       they never wait for a build.
 *   <li>Builds run one at a time on the {@link Scheduler} given at construction, the store's single
 *       writer: one task at most is ever scheduled or running.
 *   <li>Listeners are called on that writer, in registration order, one snapshot after the other;
 *       they must return quickly (hand the snapshot to their own thread). A listener that throws is
 *       logged and skipped; the others still hear the snapshot.
 *   <li>{@link #awaitSnapshot} blocks its caller; never call it from a listener or the writer.
 * </ul>
 */
public final class TopologyStore implements ObservationSink, OverlaySink, AutoCloseable {

  /** The shortest time between the starts of two builds: at most four snapshots a second. */
  public static final Duration MIN_INTERVAL = Duration.ofMillis(250);

  private static final System.Logger LOG = System.getLogger(TopologyStore.class.getName());

  /**
   * Runs the store's builds. The store schedules at most one task at a time and never from inside a
   * running task's lock, so any executor works; an implementation must not run the task on the
   * calling thread.
   */
  @FunctionalInterface
  public interface Scheduler {
    void schedule(Runnable task, Duration delay);
  }

  /** Hears every snapshot the store builds, or that a build failed. Called on the writer. */
  public interface Listener {
    /** A new snapshot; the store's latest from now on. */
    void changed(TopologySnapshot snapshot);

    /** A build failed; the previous snapshot stays the latest. */
    default void failed(RuntimeException error) {}
  }

  private final SnapshotBuilder builder;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Runnable onClose;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<TopologyBase>> baseListeners = new CopyOnWriteArrayList<>();

  private final Object lock = new Object();
  // Guarded by lock.
  private final Map<String, Observations> observations = new LinkedHashMap<>();
  private final Map<String, OverlayData> measurements = new TreeMap<>();
  private final Map<String, SourceStatus> statuses = new LinkedHashMap<>();
  private final List<CompletableFuture<TopologySnapshot>> waitingForBuild = new ArrayList<>();
  private Grouping grouping;
  private boolean dirty;
  private boolean baseDirty = true;
  private boolean scheduled;
  private boolean closed;
  private Instant lastBuildStart;
  private long builds;
  private long baseBuilds;
  // Written and read on the writer only, one build at a time.
  private TopologyBase base;

  /** The last base built, for any thread: {@link #base} is null while one is being built. */
  private volatile TopologyBase lastBase;

  private volatile TopologySnapshot latest;

  /**
   * A store whose builds run on {@code scheduler}; tests pass a scheduler they drive by hand.
   *
   * @param clock spaces builds {@link #MIN_INTERVAL} apart
   */
  public TopologyStore(
      SnapshotBuilder builder, Grouping grouping, Scheduler scheduler, Clock clock) {
    this(builder, grouping, scheduler, clock, () -> {});
  }

  private TopologyStore(
      SnapshotBuilder builder,
      Grouping grouping,
      Scheduler scheduler,
      Clock clock,
      Runnable onClose) {
    this.builder = Objects.requireNonNull(builder, "builder");
    this.grouping = Objects.requireNonNull(grouping, "grouping");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onClose = onClose;
  }

  /**
   * A store with its own writer thread ({@code sidescope-store}, a daemon), stopped by {@link
   * #close()}.
   */
  public static TopologyStore onOwnThread(SnapshotBuilder builder, Grouping grouping, Clock clock) {
    ScheduledExecutorService writer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "sidescope-store");
              t.setDaemon(true);
              return t;
            });
    return new TopologyStore(
        builder,
        grouping,
        (task, delay) -> writer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS),
        clock,
        writer::shutdownNow);
  }

  @Override
  public void publish(String sourceId, Observations update) {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(update, "observations");
    change(
        () -> {
          observations.put(sourceId, update);
          baseDirty = true;
          for (SourceStatus s : update.sources()) {
            statuses.put(s.id(), s);
          }
        });
  }

  @Override
  public void publish(String sourceId, OverlayData update) {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(update, "measurements");
    change(() -> measurements.put(sourceId, update));
  }

  @Override
  public void publishStatus(SourceStatus status) {
    Objects.requireNonNull(status, "status");
    change(() -> statuses.put(status.id(), status));
  }

  @Override
  public void withdraw(String sourceId) {
    change(
        () -> {
          Observations gone = observations.remove(sourceId);
          measurements.remove(sourceId);
          statuses.remove(sourceId);
          if (gone != null) {
            baseDirty = true;
            gone.sources().forEach(s -> statuses.remove(s.id()));
          }
        });
  }

  /** Draws workloads one per pod, per owner or per Service from the next build on. */
  public void setGrouping(Grouping newGrouping) {
    Objects.requireNonNull(newGrouping, "grouping");
    change(() -> grouping = newGrouping);
  }

  public Grouping grouping() {
    synchronized (lock) {
      return grouping;
    }
  }

  /**
   * The pods or ECS tasks a snapshot's workload stands for: itself when it is one pod or task of
   * the last base, else the members of the box with that id as the store groups now (all replicas
   * of a workload, all pods of a Service). Empty when the id is neither. Any thread; the work is
   * proportional to the base, so ask on a person's action, not per frame.
   */
  public List<Workload> membersOf(String workloadId) {
    TopologyBase base = lastBase;
    if (base == null) {
      return List.of();
    }
    Optional<Workload> one =
        base.workloads().stream().filter(w -> w.id().equals(workloadId)).findFirst();
    if (one.isPresent()) {
      return List.of(one.get());
    }
    return Grouper.members(grouping(), base, workloadId);
  }

  /** The last snapshot built, if any. */
  public Optional<TopologySnapshot> latest() {
    return Optional.ofNullable(latest);
  }

  /** How many builds have finished (successfully or not). */
  public long builds() {
    synchronized (lock) {
      return builds;
    }
  }

  /**
   * How many of those builds made a new base (classified, wired and examined everything); the
   * others only ran the finish over the base they had.
   */
  public long baseBuilds() {
    synchronized (lock) {
      return baseBuilds;
    }
  }

  /**
   * Hears each new base: every pod and task, classified and wired, before the overlay stage and
   * grouping. For what follows the workloads themselves whatever the grouping shown (the proxy
   * source reads the Envoys of pods). Called on the writer; a listener returns quickly.
   */
  public void addBaseListener(Consumer<TopologyBase> listener) {
    baseListeners.add(listener);
  }

  /** The last base built, if any: every pod and task, before the overlay stage and grouping. */
  public Optional<TopologyBase> base() {
    return Optional.ofNullable(lastBase);
  }

  public void removeBaseListener(Consumer<TopologyBase> listener) {
    baseListeners.remove(listener);
  }

  public void addListener(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  /**
   * Asks for a build and returns the first snapshot built after this call, which sees everything
   * published before it. Coalesced like any publish.
   */
  public CompletableFuture<TopologySnapshot> rebuild() {
    CompletableFuture<TopologySnapshot> next = new CompletableFuture<>();
    change(() -> waitingForBuild.add(next));
    return next;
  }

  /**
   * Waits until a snapshot matches {@code predicate} (the latest one, or one built later) and
   * returns it; empty when {@code timeout} passes first.
   */
  public Optional<TopologySnapshot> awaitSnapshot(
      Predicate<? super TopologySnapshot> predicate, Duration timeout) throws InterruptedException {
    CompletableFuture<TopologySnapshot> match = new CompletableFuture<>();
    Listener watcher =
        snapshot -> {
          if (predicate.test(snapshot)) {
            match.complete(snapshot);
          }
        };
    addListener(watcher);
    try {
      TopologySnapshot current = latest;
      if (current != null && predicate.test(current)) {
        return Optional.of(current);
      }
      return Optional.of(match.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      removeListener(watcher);
    }
  }

  /** Stops building; waiting {@link #rebuild()} futures are cancelled. Idempotent. */
  @Override
  public void close() {
    List<CompletableFuture<TopologySnapshot>> cancelled;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      cancelled = new ArrayList<>(waitingForBuild);
      waitingForBuild.clear();
    }
    cancelled.forEach(f -> f.cancel(false));
    onClose.run();
  }

  /** Applies one change under the lock, marks the store dirty and schedules a build if none is. */
  private void change(Runnable mutation) {
    Duration delay;
    synchronized (lock) {
      mutation.run();
      dirty = true;
      delay = claimBuildLocked();
    }
    if (delay != null) {
      scheduler.schedule(this::build, delay);
    }
  }

  /** The delay of a build to schedule now, or null when one is already scheduled or running. */
  private Duration claimBuildLocked() {
    if (closed || scheduled || !dirty) {
      return null;
    }
    scheduled = true;
    if (lastBuildStart == null) {
      return Duration.ZERO;
    }
    Duration sinceLast = Duration.between(lastBuildStart, clock.instant());
    Duration wait = MIN_INTERVAL.minus(sinceLast);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  /** The writer's task: one build with the latest of everything, then listeners, then the next. */
  private void build() {
    Observations input;
    List<SourceStatus> sources;
    OverlayData measured;
    Grouping buildGrouping;
    List<CompletableFuture<TopologySnapshot>> waiting;
    synchronized (lock) {
      if (closed) {
        return;
      }
      lastBuildStart = clock.instant();
      dirty = false;
      input = baseDirty || base == null ? mergedLocked() : null;
      baseDirty = false;
      sources = List.copyOf(statuses.values());
      measured = OverlayData.merge(List.copyOf(measurements.values()));
      buildGrouping = grouping;
      waiting = new ArrayList<>(waitingForBuild);
      waitingForBuild.clear();
    }
    try {
      TopologySnapshot snapshot;
      try {
        if (input != null) {
          base = null; // a base that fails to build is not kept: the next build tries again
          base = builder.base(input);
          synchronized (lock) {
            baseBuilds++;
          }
          lastBase = base;
          for (Consumer<TopologyBase> listener : baseListeners) {
            try {
              listener.accept(base);
            } catch (RuntimeException e) {
              LOG.log(System.Logger.Level.WARNING, "a listener to new bases failed", e);
            }
          }
        }
        snapshot = builder.finish(base, sources, measured, buildGrouping);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "building a snapshot failed", e);
        for (Listener listener : listeners) {
          notifyFailed(listener, e);
        }
        waiting.forEach(f -> f.completeExceptionally(e));
        return;
      }
      latest = snapshot;
      for (Listener listener : listeners) {
        notifyChanged(listener, snapshot);
      }
      waiting.forEach(f -> f.complete(snapshot));
    } finally {
      Duration next;
      synchronized (lock) {
        builds++;
        scheduled = false;
        next = claimBuildLocked();
      }
      if (next != null) {
        scheduler.schedule(this::build, next);
      }
    }
  }

  /** Everything the topology sources observed, as one; statuses are the finish's to add. */
  private Observations mergedLocked() {
    List<WorkloadSpec> workloads = new ArrayList<>();
    List<ServiceSpec> services = new ArrayList<>();
    List<MeshVirtualNode> meshNodes = new ArrayList<>();
    for (Observations o : observations.values()) {
      workloads.addAll(o.workloads());
      services.addAll(o.services());
      meshNodes.addAll(o.meshNodes());
    }
    return new Observations(workloads, services, meshNodes, List.of());
  }

  private static void notifyChanged(Listener listener, TopologySnapshot snapshot) {
    try {
      listener.changed(snapshot);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "a snapshot listener failed; the others still hear", e);
    }
  }

  private static void notifyFailed(Listener listener, RuntimeException error) {
    try {
      listener.failed(error);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "a snapshot listener failed; the others still hear", e);
    }
  }
}
