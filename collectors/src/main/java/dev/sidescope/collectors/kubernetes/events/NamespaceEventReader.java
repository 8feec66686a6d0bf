package dev.sidescope.collectors.kubernetes.events;

import dev.sidescope.collectors.events.FeedSink;
import dev.sidescope.topology.events.EventFeedState.Phase;
import dev.sidescope.topology.events.PlatformEvent;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.EventFeeds;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the events of the pods of one feed that share a namespace, on one thread of {@link
 * PodEventFeeds}: gets each pod and its owners, lists the namespace's Events and keeps those about
 * a pod or an owner, then watches the Events and each pod. A watch that the API server ends (410
 * Gone, say) is followed by a new list; a failed get or list makes each pod {@code FAILED} with one
 * sentence, and it is tried again after 1 s, doubling to 30 s.
 *
 * <p>It lists again every few minutes ({@link PodEventFeeds.Timing#relist()}) even while the
 * watches run: fabric8 reconnects a watch whose connection dropped by itself, so an API server that
 * went away would otherwise stay {@code LIVE} until it came back.
 *
 * <p>One list and one watch of Events per namespace, filtered here: the CRUD store behind the
 * sample cluster ignores {@code involvedObject} field selectors, and one watch serves every pod of
 * the namespace that the feed shows.
 *
 * <p>fabric8's threads call the watchers; they only update what is held here and ask for a
 * delivery. Every call to the sink is made on the deliveries' single thread: a change is delivered
 * after the coalescing delay, with whatever else changed meanwhile.
 */
final class NamespaceEventReader implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(NamespaceEventReader.class);

  /** The LIVE sentence. */
  static final String WATCHING = "watching the pod's and its owners' events";

  private final FeedSink sink;
  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, Workload> workloads = new LinkedHashMap<>();
  private final PodEventFeeds.Timing timing;
  private final ScheduledExecutorService deliveries;
  private final BlockingQueue<String> trouble = new LinkedBlockingQueue<>();

  // Guarded by this.
  private final Map<String, PodSubjects> subjects = new HashMap<>();
  private final Map<String, Pod> pods = new HashMap<>();
  private final Map<String, Event> events = new LinkedHashMap<>();
  private final Set<String> gone = new HashSet<>();
  private final Set<String> dirty = new LinkedHashSet<>();
  private boolean deliveryDue;

  private final Object watchLock = new Object();
  private final Map<String, Watch> watches = new HashMap<>(); // guarded by watchLock
  private volatile boolean stopped;

  NamespaceEventReader(
      FeedSink sink,
      KubernetesClient client,
      String namespace,
      List<Workload> pods,
      PodEventFeeds.Timing timing,
      ScheduledExecutorService deliveries) {
    this.sink = sink;
    this.client = client;
    this.namespace = namespace;
    pods.forEach(w -> workloads.put(w.name(), w));
    this.timing = timing;
    this.deliveries = deliveries;
  }

  @Override
  public void run() {
    try {
      read();
    } catch (RuntimeException e) {
      LOG.warn("Reading the events of namespace {} failed unexpectedly", namespace, e);
      deliver(
          () ->
              active()
                  .forEach(
                      name ->
                          sink.state(
                              id(name),
                              Phase.FAILED,
                              "reading the events of pod "
                                  + name
                                  + " failed unexpectedly; the details are in the log file")));
    } finally {
      closeWatches();
    }
  }

  /** Stops reading: closes the watches; the thread is interrupted by the caller. */
  void stop() {
    stopped = true;
    trouble.offer("stopped");
    closeWatches();
  }

  private void read() {
    deliver(
        () ->
            workloads
                .keySet()
                .forEach(
                    name ->
                        sink.state(
                            id(name),
                            Phase.CONNECTING,
                            "asking for the events of pod " + name + " and its owners")));
    Duration backoff = timing.firstBackoff();
    while (!stopped) {
      String failure = connect();
      if (stopped) {
        return;
      }
      if (failure == null) {
        backoff = timing.firstBackoff();
        if (active().isEmpty()) {
          return;
        }
        String why;
        try {
          why = trouble.poll(timing.relist().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          return;
        }
        closeWatches();
        if (stopped || active().isEmpty()) {
          return;
        }
        if (why != null) {
          LOG.debug("Events of namespace {}: {}; listing again", namespace, why);
          if (!pause(timing.firstBackoff())) {
            return;
          }
        }
        continue;
      }
      closeWatches();
      if (active().isEmpty()) {
        return;
      }
      String sentence = failure + "; trying again in " + seconds(backoff) + " s";
      deliver(() -> active().forEach(name -> sink.state(id(name), Phase.FAILED, sentence)));
      if (!pause(backoff)) {
        return;
      }
      backoff = min(backoff.multipliedBy(2), timing.maxBackoff());
    }
  }

  /** Gets the pods, lists the events and starts the watches; null when watching, else why not. */
  private String connect() {
    trouble.clear();
    String doing = "list events in namespace " + namespace;
    try {
      for (String name : active()) {
        doing = "read pod " + name + " in namespace " + namespace;
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        if (pod == null) {
          gone(name);
          continue;
        }
        PodSubjects about = subjectsOf(pod);
        synchronized (this) {
          pods.put(name, pod);
          subjects.put(name, about);
        }
      }
      if (active().isEmpty()) {
        return null;
      }
      doing = "list events in namespace " + namespace;
      EventList list = client.v1().events().inNamespace(namespace).list();
      synchronized (this) {
        events.clear();
        for (Event e : list.getItems()) {
          if (relevant(e)) {
            events.put(CoreEvents.key(e), e);
          }
        }
        dirty.addAll(active());
      }
      doing = "watch events in namespace " + namespace;
      watch(
          "events",
          client
              .v1()
              .events()
              .inNamespace(namespace)
              .watch(
                  new ListOptionsBuilder()
                      .withResourceVersion(list.getMetadata().getResourceVersion())
                      .build(),
                  new EventWatcher()));
      for (String name : active()) {
        doing = "watch pod " + name + " in namespace " + namespace;
        Pod pod;
        synchronized (this) {
          pod = pods.get(name);
        }
        watch(
            "pod/" + name,
            client
                .pods()
                .inNamespace(namespace)
                .withName(name)
                .watch(
                    new ListOptionsBuilder()
                        .withResourceVersion(pod.getMetadata().getResourceVersion())
                        .build(),
                    new PodWatcher(name)));
      }
      deliver(
          () -> {
            flush();
            active().forEach(name -> sink.state(id(name), Phase.LIVE, WATCHING));
          });
      return null;
    } catch (KubernetesClientException e) {
      if (stopped) {
        return null;
      }
      LOG.debug("Could not {}", doing, e);
      return EventFeedFailure.describe(e, doing, client.getMasterUrl().toString());
    }
  }

  /** The pod and its controller, and that controller's own controller (a Deployment, a CronJob). */
  private PodSubjects subjectsOf(Pod pod) {
    Set<String> owners = new LinkedHashSet<>();
    controllerOf(pod)
        .ifPresent(
            ref -> {
              owners.add(ref.getKind() + "/" + ref.getName());
              above(ref).ifPresent(up -> owners.add(up.getKind() + "/" + up.getName()));
            });
    return new PodSubjects(pod.getMetadata().getName(), pod.getMetadata().getUid(), owners);
  }

  private Optional<OwnerReference> above(OwnerReference ref) {
    HasMetadata owner;
    try {
      owner =
          switch (ref.getKind()) {
            case "ReplicaSet" ->
                client.apps().replicaSets().inNamespace(namespace).withName(ref.getName()).get();
            case "Job" ->
                client.batch().v1().jobs().inNamespace(namespace).withName(ref.getName()).get();
            default -> null;
          };
    } catch (KubernetesClientException e) {
      // Not allowed to read it, say: the events of the pod and its controller are still shown.
      LOG.debug("Could not read {} {} in {}", ref.getKind(), ref.getName(), namespace, e);
      return Optional.empty();
    }
    return owner == null ? Optional.empty() : controllerOf(owner);
  }

  private static Optional<OwnerReference> controllerOf(HasMetadata object) {
    if (object.getMetadata() == null || object.getMetadata().getOwnerReferences() == null) {
      return Optional.empty();
    }
    return object.getMetadata().getOwnerReferences().stream()
        .filter(Objects::nonNull)
        .filter(r -> Boolean.TRUE.equals(r.getController()))
        .filter(r -> r.getKind() != null && r.getName() != null)
        .findFirst();
  }

  private synchronized boolean relevant(Event e) {
    for (PodSubjects s : subjects.values()) {
      if (s.matches(e)) {
        return true;
      }
    }
    return false;
  }

  private synchronized List<String> active() {
    List<String> out = new ArrayList<>();
    for (String name : workloads.keySet()) {
      if (!gone.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /** The pod was deleted: what was read is delivered, then it is GONE. */
  private void gone(String name) {
    synchronized (this) {
      if (!gone.add(name)) {
        return;
      }
      dirty.add(name);
    }
    closeWatch("pod/" + name);
    deliver(
        () -> {
          flush();
          sink.state(
              id(name), Phase.GONE, "pod " + name + " was deleted from namespace " + namespace);
        });
    if (active().isEmpty()) {
      trouble.offer("every pod is gone");
    }
  }

  private synchronized void changed(Set<String> names) {
    dirty.addAll(names);
    if (!deliveryDue && !names.isEmpty()) {
      deliveryDue = true;
      try {
        deliveries.schedule(this::flush, timing.coalesce().toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closing) {
        // The feeds were closed: nothing more is delivered.
      }
    }
  }

  /** Delivers the full list of each changed pod; on the deliveries' thread. */
  private void flush() {
    Map<String, List<PlatformEvent>> lists = new LinkedHashMap<>();
    synchronized (this) {
      deliveryDue = false;
      for (String name : dirty) {
        lists.put(name, listOf(name));
      }
      dirty.clear();
    }
    lists.forEach((name, list) -> sink.events(id(name), list));
  }

  /** Newest first, at most {@link EventFeeds#MAX_EVENTS_PER_WORKLOAD}. Holds this. */
  private List<PlatformEvent> listOf(String name) {
    PodSubjects about = subjects.get(name);
    List<PlatformEvent> list = new ArrayList<>();
    if (about != null) {
      for (Event e : events.values()) {
        if (about.matches(e)) {
          CoreEvents.read(id(name), e).ifPresent(list::add);
        }
      }
    }
    Pod pod = pods.get(name);
    if (pod != null) {
      list.addAll(RestartHistory.of(id(name), pod));
    }
    list.sort(PlatformEvent.NEWEST_FIRST);
    return List.copyOf(
        list.size() > EventFeeds.MAX_EVENTS_PER_WORKLOAD
            ? list.subList(0, EventFeeds.MAX_EVENTS_PER_WORKLOAD)
            : list);
  }

  private String id(String podName) {
    return workloads.get(podName).id();
  }

  private void deliver(Runnable work) {
    try {
      deliveries.execute(work);
    } catch (RejectedExecutionException closing) {
      // The feeds were closed: nothing more is delivered.
    }
  }

  private void watch(String key, Watch watch) {
    Watch old;
    synchronized (watchLock) {
      old = watches.put(key, watch);
    }
    if (old != null) {
      old.close();
    }
    if (stopped) {
      closeWatches();
    }
  }

  private void closeWatch(String key) {
    Watch w;
    synchronized (watchLock) {
      w = watches.remove(key);
    }
    if (w != null) {
      w.close();
    }
  }

  private void closeWatches() {
    List<Watch> all;
    synchronized (watchLock) {
      all = List.copyOf(watches.values());
      watches.clear();
    }
    all.forEach(Watch::close);
  }

  private boolean pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
      return !stopped;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0);
  }

  /** The namespace's Events: each one about a watched pod or owner is kept, changed or dropped. */
  private final class EventWatcher implements Watcher<Event> {
    @Override
    public void eventReceived(Action action, Event event) {
      Set<String> touched = new HashSet<>();
      synchronized (NamespaceEventReader.this) {
        String key = CoreEvents.key(event);
        Event before = action == Action.DELETED ? events.remove(key) : null;
        if (action == Action.ADDED || action == Action.MODIFIED) {
          if (relevant(event)) {
            events.put(key, event);
            before = event;
          } else {
            before = events.remove(key);
          }
        }
        if (before != null) {
          for (Map.Entry<String, PodSubjects> s : subjects.entrySet()) {
            if (s.getValue().matches(before) && !gone.contains(s.getKey())) {
              touched.add(s.getKey());
            }
          }
        }
      }
      changed(touched);
    }

    @Override
    public void onClose(WatcherException cause) {
      trouble.offer("the watch of events ended: " + cause.getMessage());
    }
  }

  /** One pod: its status gives the restart history; its deletion makes it GONE. */
  private final class PodWatcher implements Watcher<Pod> {
    private final String name;

    PodWatcher(String name) {
      this.name = name;
    }

    @Override
    public void eventReceived(Action action, Pod pod) {
      if (action == Action.DELETED) {
        gone(name);
        return;
      }
      if (action != Action.ADDED && action != Action.MODIFIED) {
        return;
      }
      synchronized (NamespaceEventReader.this) {
        if (gone.contains(name)) {
          return;
        }
        pods.put(name, pod);
        PodSubjects before = subjects.get(name);
        if (before != null) {
          subjects.put(name, new PodSubjects(name, pod.getMetadata().getUid(), before.owners()));
        }
      }
      changed(Set.of(name));
    }

    @Override
    public void onClose(WatcherException cause) {
      trouble.offer("the watch of pod " + name + " ended: " + cause.getMessage());
    }
  }
}
