package dev.sidescope.collectors.kubernetes.logs;

import dev.sidescope.collectors.threads.DaemonThreads;
import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState.Phase;
import dev.sidescope.topology.logs.LogTailRequest;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.LogTails;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The pod logs of one kube context ({@code kubernetes/<context>}) as {@link LogTails}: each wanted
 * container of each served pod is read with {@code GET /api/v1/namespaces/NS/pods/POD/log}, with
 * {@code timestamps=true} (the time becomes {@link dev.sidescope.topology.logs.LogLine#time()} and
 * leaves the text), {@code tailLines}, {@code sinceSeconds}, {@code previous} and {@code follow} as
 * the request asks.
 *
 * <p>States per stream: {@code CONNECTING}, then {@code LIVE} while the response is read; when not
 * following, {@code ENDED} once it is read. A followed response that ends or breaks while the pod
 * still runs the container is asked for again from the last line's time, after 1 s doubling to 30 s
 * ({@code RECONNECTING}), and the lines it repeats are dropped. {@code GONE} when the pod or the
 * container no longer exists; {@code FAILED} with one sentence otherwise (403: not allowed; 400 for
 * {@code previous} on a container that never restarted: no previous run). A followed response that
 * stays silent longer than the idle limit (5 minutes) is taken for a dead connection and asked for
 * again the same way. Closing this object tells each open stream {@code FAILED} ("{@value
 * #SOURCE_STOPPED}") before its tail falls silent.
 *
 * <p>Threading: {@link #open} returns at once. Each stream is read on its own daemon thread ({@code
 * sidescope-pod-log-N}) of a pool this object owns; streams are open only while someone looks, and
 * one tail reads at most {@value #MAX_STREAMS_PER_TAIL} containers (the rest are reported {@code
 * FAILED}, saying so). Lines go to the sink a read at a time, so a busy container's lines come in
 * batches. The sink of one tail is never called concurrently, and not at all once {@link
 * LogTails.Tail#close()} has returned; closing aborts every request and interrupts its thread.
 *
 * <p>Read-only: it only gets pod logs, and the pod itself when a followed log ends. The caller owns
 * the client and closes it after this.
 */
public final class PodLogTails implements LogTails, AutoCloseable {
  /** The most containers one tail reads at once. */
  public static final int MAX_STREAMS_PER_TAIL = 64;

  /** What a stream is told when its source is closed while it is open. */
  static final String SOURCE_STOPPED = "the log source was stopped";

  /**
   * How long a followed stream waits before it is asked for again: first, doubling up to max; and
   * how long a followed response may stay silent before it is taken for a dead connection (one
   * dropped without a FIN, as a NAT does) and asked for again from the last line's time.
   */
  record Timing(Duration firstBackoff, Duration maxBackoff, Duration idleLimit) {
    static final Duration DEFAULT_IDLE_LIMIT = Duration.ofMinutes(5);
    static final Timing DEFAULT =
        new Timing(Duration.ofSeconds(1), Duration.ofSeconds(30), DEFAULT_IDLE_LIMIT);

    Timing(Duration firstBackoff, Duration maxBackoff) {
      this(firstBackoff, maxBackoff, DEFAULT_IDLE_LIMIT);
    }
  }

  private final String sourceId;
  private final KubernetesClient client;
  private final Timing timing;
  private final Clock clock;
  private final ExecutorService threads;
  private final ScheduledExecutorService watchdog;
  private final Set<PodLogTail> open = ConcurrentHashMap.newKeySet();

  /**
   * Pod logs of the pods a source reports.
   *
   * @param sourceId the id of the Kubernetes source whose workloads this serves, {@code
   *     kubernetes/<context>}
   * @param client a client of that context
   */
  public PodLogTails(String sourceId, KubernetesClient client) {
    this(sourceId, client, Timing.DEFAULT, Clock.systemUTC());
  }

  PodLogTails(String sourceId, KubernetesClient client, Timing timing, Clock clock) {
    this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
    this.client = Objects.requireNonNull(client, "client");
    this.timing = timing;
    this.clock = clock;
    this.threads = Executors.newCachedThreadPool(DaemonThreads.numbered("sidescope-pod-log"));
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sidescope-pod-log-idle"));
  }

  /** True for the pods of this source's context. */
  @Override
  public boolean serves(Workload workload) {
    return workload.platform() == Platform.KUBERNETES && workload.spec().source().equals(sourceId);
  }

  @Override
  public Tail open(LogTailRequest request, Sink sink) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(sink, "sink");
    PodLogTail[] self = new PodLogTail[1];
    PodLogTail tail = new PodLogTail(sink, () -> open.remove(self[0]));
    self[0] = tail;
    open.add(tail);
    List<LogStream> refused = new ArrayList<>();
    int streams = 0;
    for (Workload w : request.workloads()) {
      if (!serves(w)) {
        continue;
      }
      for (Container c : w.containers()) {
        if (!request.wants(c)) {
          continue;
        }
        LogStream stream =
            new LogStream(LogStream.KUBERNETES, w.id(), w.name(), c.name(), request.previous());
        tail.sink().expect(stream);
        if (++streams > MAX_STREAMS_PER_TAIL) {
          refused.add(stream);
          continue;
        }
        start(
            tail,
            new ContainerLogReader(
                tail.sink(), client, stream, query(request, w, c), timing, clock, watchdog));
      }
    }
    if (!refused.isEmpty()) {
      submit(
          tail,
          () ->
              refused.forEach(
                  s ->
                      tail.sink()
                          .state(
                              s,
                              Phase.FAILED,
                              "not opened: one tail reads at most "
                                  + MAX_STREAMS_PER_TAIL
                                  + " containers at once")));
    }
    return tail;
  }

  /**
   * Closes every open tail, each stream that has not finished told {@code FAILED} ("{@value
   * #SOURCE_STOPPED}") first, and stops the threads; the client stays open.
   */
  @Override
  public void close() {
    List.copyOf(open).forEach(t -> t.stop(SOURCE_STOPPED));
    threads.shutdownNow();
    watchdog.shutdownNow();
  }

  private void start(PodLogTail tail, ContainerLogReader reader) {
    Future<?> future = submit(tail, reader);
    if (future != null) {
      tail.started(reader, future);
    }
  }

  private Future<?> submit(PodLogTail tail, Runnable work) {
    try {
      return threads.submit(work);
    } catch (RejectedExecutionException e) {
      // This object was closed: the tail has nothing to read with.
      tail.close();
      return null;
    }
  }

  private static PodLogQuery query(LogTailRequest request, Workload w, Container c) {
    return new PodLogQuery(
        w.namespace(),
        w.name(),
        c.name(),
        OptionalInt.of(request.tailLines()),
        request
            .since()
            .map(
                d -> OptionalInt.of((int) Math.min(Integer.MAX_VALUE, Math.max(1, ceilSeconds(d)))))
            .orElse(OptionalInt.empty()),
        Optional.empty(),
        request.previous(),
        // A previous run has ended: there is nothing to follow.
        request.follow() && !request.previous());
  }

  private static long ceilSeconds(Duration d) {
    return (d.toMillis() + 999) / 1000;
  }
}
