package dev.sidescope.collectors.kubernetes.events;

import dev.sidescope.collectors.events.FeedSink;
import dev.sidescope.collectors.threads.DaemonThreads;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.EventFeeds;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Kubernetes Events of the pods of one kube context ({@code kubernetes/<context>}) as {@link
 * EventFeeds}: for each served pod, the core v1 Events whose involved object is the pod (by uid) or
 * one of its owners (its controller, and that controller's controller: the ReplicaSet and its
 * Deployment, read from the owner references with a GET), listed and then watched; plus, from the
 * pod's own status, each container's last termination and restart count ({@code LastTermination},
 * "fluent-bit restarted 7 times; its last run ended at 02:55:02 with exit code 1 (Error) after 1
 * s"). Events are told apart by uid; a workload's list is its newest {@value
 * EventFeeds#MAX_EVENTS_PER_WORKLOAD}, delivered whole after each change, changes within a quarter
 * of a second together.
 *
 * <p>States per pod: {@code CONNECTING}; {@code LIVE} ("{@value NamespaceEventReader#WATCHING}")
 * once listed and watched; {@code GONE} when the pod is deleted (what was read stays); {@code
 * FAILED} with one sentence when the pod or the Events cannot be read (not allowed, the API server
 * unreachable or answering an error), tried again after 1 s, doubling to 30 s, and {@code LIVE}
 * again once it works. A watch the API server ends is followed by a new list, and every minute the
 * pods and Events are read again anyway, so that an API server that went away is noticed. Closing
 * this object tells each open feed's pods {@code FAILED} ("{@value #SOURCE_STOPPED}") before the
 * feed falls silent.
 *
 * <p>Threading: {@link #open} returns at once. Each namespace of a feed is read on its own daemon
 * thread ({@code sidescope-pod-events-N}) of a pool this object owns; fabric8's threads call the
 * watchers. Every call to any sink is made on one daemon thread ({@code
 * sidescope-pod-events-delivery}), so the sink of one feed is never called concurrently, and not at
 * all once the feed's {@code close()} has returned.
 *
 * <p>Read-only: it only gets pods and their owners, and lists and watches Events and pods. The
 * caller owns the client and closes it after this.
 */
public final class PodEventFeeds implements EventFeeds, AutoCloseable {
  /** What a pod is told when its source is closed while its feed is open. */
  static final String SOURCE_STOPPED = "the event source was stopped";

  /**
   * How long a failed read waits before it is tried again (first, doubling up to max), how long a
   * change waits for others to be delivered with it, and how often a watched namespace is listed
   * again, to find out that an API server went away while fabric8 quietly reconnects its watches.
   */
  record Timing(Duration firstBackoff, Duration maxBackoff, Duration coalesce, Duration relist) {
    static final Timing DEFAULT =
        new Timing(
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofMillis(250),
            Duration.ofMinutes(1));
  }

  private final String sourceId;
  private final KubernetesClient client;
  private final Timing timing;
  private final ExecutorService threads;
  private final ScheduledExecutorService deliveries;
  private final Set<PodEventFeed> open = ConcurrentHashMap.newKeySet();

  /**
   * Events of the pods a source reports.
   *
   * @param sourceId the id of the Kubernetes source whose workloads this serves, {@code
   *     kubernetes/<context>}
   * @param client a client of that context
   */
  public PodEventFeeds(String sourceId, KubernetesClient client) {
    this(sourceId, client, Timing.DEFAULT);
  }

  PodEventFeeds(String sourceId, KubernetesClient client, Timing timing) {
    this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
    this.client = Objects.requireNonNull(client, "client");
    this.timing = Objects.requireNonNull(timing, "timing");
    this.threads = Executors.newCachedThreadPool(DaemonThreads.numbered("sidescope-pod-events"));
    this.deliveries =
        Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("sidescope-pod-events-delivery"));
  }

  /** True for the pods of this source's context. */
  @Override
  public boolean serves(Workload workload) {
    return workload.platform() == Platform.KUBERNETES && workload.spec().source().equals(sourceId);
  }

  @Override
  public Feed open(List<Workload> workloads, Sink sink) {
    Objects.requireNonNull(workloads, "workloads");
    Objects.requireNonNull(sink, "sink");
    PodEventFeed[] self = new PodEventFeed[1];
    PodEventFeed feed = new PodEventFeed(new FeedSink(sink), () -> open.remove(self[0]));
    self[0] = feed;
    open.add(feed);
    Map<String, List<Workload>> byNamespace = new LinkedHashMap<>();
    for (Workload w : workloads) {
      if (serves(w)) {
        byNamespace.computeIfAbsent(w.namespace(), ns -> new ArrayList<>()).add(w);
      }
    }
    byNamespace.forEach(
        (namespace, pods) -> {
          NamespaceEventReader reader =
              new NamespaceEventReader(feed.sink(), client, namespace, pods, timing, deliveries);
          try {
            Future<?> future = threads.submit(reader);
            feed.started(reader, future);
          } catch (RejectedExecutionException e) {
            // This object was closed: the feed has nothing to read with.
            feed.close();
          }
        });
    return feed;
  }

  /**
   * Closes every open feed, each pod not gone told {@code FAILED} ("{@value #SOURCE_STOPPED}")
   * first, and stops the threads; the client stays open.
   */
  @Override
  public void close() {
    List.copyOf(open).forEach(f -> f.stop(SOURCE_STOPPED));
    threads.shutdownNow();
    deliveries.shutdownNow();
  }
}
