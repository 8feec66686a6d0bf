package dev.sidescope.collectors.kubernetes;

import dev.sidescope.collectors.threads.DaemonThreads;
import dev.sidescope.topology.model.MeshVirtualNode;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.WorkloadSpec;
import dev.sidescope.topology.source.ObservationSink;
import dev.sidescope.topology.source.Source;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live Kubernetes source of one kube context ({@code kubernetes/<context>}): fabric8 shared
 * informers on pods, services, endpointslices, replicasets, deployments, statefulsets, daemonsets,
 * jobs, cronjobs and namespaces, plus App Mesh VirtualNodes where the API serves them. It turns
 * their caches into {@link Observations} and publishes them, with an honest {@link SourceStatus},
 * to an {@link ObservationSink}.
 *
 * <p>Read-only: the client only gets, lists and watches, and says who it is with its User-Agent.
 *
 * <p>Threading contract:
 *
 * <ul>
 *   <li>The app calls {@link #start()} and {@link #close()} from any thread; both return quickly.
 *   <li>Everything else happens on the source's own loop thread ({@code
 *       sidescope-kubernetes-<context>}): running the exec credential plugin, creating the client
 *       and the informers, reading their caches into observations, the status ticks, probes and
 *       publishing to the sink.
 *   <li>fabric8 calls the informers' event handlers and exception handlers on its own threads; they
 *       only mark the source dirty (and note a failure) and schedule a debounced refresh on the
 *       loop, which is never queued twice: a refresh already scheduled absorbs later events.
 * </ul>
 *
 * <p>Status: {@code connecting} until every informer has listed once; {@code down: <why>} while
 * that fails or when nothing can be watched; {@code live}; {@code degraded: <why>} when part of the
 * cluster is out of reach (say, RBAC forbids a cluster-wide list and namespaces are watched
 * instead); {@code stale} since the moment a watch was lost after data had been seen, with the
 * reason. fabric8 retries lists and watches with exponential backoff, relists after 410 Gone and
 * restarts watches that outlive their timeout; the status follows along.
 */
public final class KubernetesSource implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesSource.class);

  /**
   * How the source behaves; {@link #defaults(String)} is right for people, tests shorten the
   * timings.
   *
   * @param namespace watch only this namespace ({@code --namespace}); empty: the whole cluster
   * @param userAgent the User-Agent of every request, e.g. {@code sidescope/0.1.0}
   * @param refreshDelay how long after an informer event the observations are rebuilt, so that a
   *     burst of events costs one rebuild
   * @param statusInterval how often the status is recomputed
   * @param staleAfter how long a lost watch may take to come back before the source says stale
   * @param reconnectInterval fabric8's first retry delay of a failed list or watch; it doubles up
   *     to 32 times this
   * @param connectTimeout how long a connection attempt to the API server may take
   * @param setupRetry how often a context that cannot be set up (a missing exec plugin) is tried
   *     again
   * @param environment where exec credential plugins are looked up ({@code PATH})
   */
  public record Settings(
      Optional<String> namespace,
      String userAgent,
      Duration refreshDelay,
      Duration statusInterval,
      Duration staleAfter,
      Duration reconnectInterval,
      Duration connectTimeout,
      Duration setupRetry,
      Map<String, String> environment) {
    public Settings {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(userAgent, "userAgent");
      environment = Map.copyOf(environment);
    }

    /** The settings for a person at a console. */
    public static Settings defaults(String userAgent) {
      return new Settings(
          Optional.empty(),
          userAgent,
          Duration.ofMillis(50),
          Duration.ofSeconds(1),
          Duration.ofSeconds(3),
          Duration.ofMillis(500),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          System.getenv());
    }

    public Settings withNamespace(Optional<String> newNamespace) {
      return new Settings(
          newNamespace,
          userAgent,
          refreshDelay,
          statusInterval,
          staleAfter,
          reconnectInterval,
          connectTimeout,
          setupRetry,
          environment);
    }

    public Settings withEnvironment(Map<String, String> newEnvironment) {
      return new Settings(
          namespace,
          userAgent,
          refreshDelay,
          statusInterval,
          staleAfter,
          reconnectInterval,
          connectTimeout,
          setupRetry,
          newEnvironment);
    }

    /** The same settings with every timing scaled for tests: retries, ticks and grace periods. */
    public Settings withTimings(
        Duration newStatusInterval, Duration newStaleAfter, Duration newReconnectInterval) {
      return new Settings(
          namespace,
          userAgent,
          refreshDelay,
          newStatusInterval,
          newStaleAfter,
          newReconnectInterval,
          connectTimeout,
          setupRetry,
          environment);
    }
  }

  private enum MeshApi {
    UNKNOWN,
    ABSENT,
    WATCHED
  }

  private final String id;
  private final String context;
  private final Kubeconfig kubeconfig;
  private final Settings settings;
  private final ObservationSink sink;
  private final Clock clock;
  private final KubernetesWorkloads convert;
  private final ScheduledExecutorService loop;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean refreshScheduled = new AtomicBoolean();
  private volatile boolean dataDirty;

  /**
   * The cached objects the latest observation read (or is reading), by identity. An informer hands
   * each object of a list to its handlers after caching it, so around the first complete snapshot
   * tens of thousands of adds arrive for objects that snapshot already holds: they change nothing,
   * and observing the whole cluster again for them only competes with the first snapshot's build.
   * Filled by {@link #all} and {@link #find} while an observation runs, and asked before the next:
   * all on the loop thread.
   */
  private Set<Object> observedObjects = Set.of();

  /** Whether an observation is running, and {@link #all} and {@link #find} note what they read. */
  private boolean observing;

  /**
   * The objects informers added or updated since the latest observation began; when the observation
   * read every one of them, it is still true.
   */
  private final Queue<Object> changedSince = new ConcurrentLinkedQueue<>();

  /** Set when something other than an add or update asks for a new observation. */
  private final AtomicBoolean mustObserve = new AtomicBoolean();

  private volatile boolean closed;

  // Confined to the loop thread.
  private KubernetesClient client;
  private String server = "";
  private boolean tokenAuth;
  private Optional<String> setupProblem = Optional.empty();
  private final List<ResourceWatch> watches = new ArrayList<>();
  private final Set<WatchedKind> fellBack = EnumSet.noneOf(WatchedKind.class);
  private MeshApi meshApi = MeshApi.UNKNOWN;
  private boolean everSynced;
  private Instant lastAllWatching;
  private SourceStatus status;
  private SourceStatus published;
  private Observations lastPublished;
  private Instant lastProbeAt;
  private Optional<String> lastProbe = Optional.empty();

  /** A source for {@code context} of {@code kubeconfig}; nothing happens until {@link #start()}. */
  public KubernetesSource(
      Kubeconfig kubeconfig, String context, Settings settings, ObservationSink sink, Clock clock) {
    this.kubeconfig = Objects.requireNonNull(kubeconfig, "kubeconfig");
    this.context = Objects.requireNonNull(context, "context");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.id = sourceId(context);
    this.convert = new KubernetesWorkloads(id, context);
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(1, DaemonThreads.named("sidescope-kubernetes-" + context));
    // close() must not wait for a retry scheduled thirty seconds ahead.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
    this.loop = executor;
  }

  /** The id of the source of {@code context}: {@code kubernetes/<context>}. */
  public static String sourceId(String context) {
    return "kubernetes/" + context;
  }

  @Override
  public String id() {
    return id;
  }

  /** The kube context this source watches. */
  public String context() {
    return context;
  }

  @Override
  public void start() {
    if (!started.compareAndSet(false, true) || closed) {
      return;
    }
    status = SourceStatus.of(id, SourceState.CONNECTING, "connecting", clock.instant());
    published = status;
    sink.publishStatus(status);
    submit(this::connect);
    loop.scheduleWithFixedDelay(
        () -> guarded("status tick", this::tick),
        settings.statusInterval().toNanos(),
        settings.statusInterval().toNanos(),
        TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      loop.execute(this::teardown);
    } catch (RejectedExecutionException alreadyStopped) {
      return;
    }
    loop.shutdown();
    try {
      if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
        loop.shutdownNow();
      }
    } catch (InterruptedException e) {
      loop.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // On the loop thread.

  private void connect() {
    if (closed) {
      return;
    }
    Optional<String> missingPlugin = kubeconfig.missingExecPlugin(context, settings.environment());
    if (missingPlugin.isPresent()) {
      setUpFailed(missingPlugin.get(), null);
      return;
    }
    Config config;
    try {
      config = kubeconfig.clientConfig(context);
    } catch (KubeconfigException e) {
      setUpFailed(withoutPeriod(e.getMessage()), e);
      return;
    }
    config.setUserAgent(settings.userAgent());
    // fabric8 retries lists and watches itself, with backoff; a single request need not retry,
    // so a probe says at once that the server is gone.
    config.setRequestRetryBackoffLimit(0);
    config.setWatchReconnectInterval((int) settings.reconnectInterval().toMillis());
    config.setWatchReconnectLimit(-1);
    config.setConnectionTimeout((int) settings.connectTimeout().toMillis());
    server = config.getMasterUrl();
    tokenAuth =
        notBlank(config.getOauthToken())
            || notBlank(config.getAutoOAuthToken())
            || config.getAuthProvider() != null
            || kubeconfig.execPlugin(context).isPresent();
    client =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withKubernetesSerialization(SharedStrings.serialization())
            .build();
    setupProblem = Optional.empty();
    LOG.info(
        "{}: watching {} through {}",
        id,
        settings.namespace().map(ns -> "namespace " + ns).orElse("the cluster"),
        server);
    for (WatchedKind kind : WatchedKind.values()) {
      if (kind == WatchedKind.VIRTUAL_NODES) {
        continue; // started once discovery says the API serves them
      }
      if (kind == WatchedKind.NAMESPACES && settings.namespace().isPresent()) {
        continue;
      }
      watch(kind, kind.namespaced() ? settings.namespace() : Optional.empty());
    }
    refresh();
  }

  private void setUpFailed(String why, Throwable cause) {
    setupProblem = Optional.of(why);
    if (cause != null) {
      LOG.warn("{}: cannot set up the context: {}", id, why, cause);
    } else {
      LOG.warn("{}: cannot set up the context: {}", id, why);
    }
    refresh();
    try {
      loop.schedule(
          () -> guarded("connect", this::connect),
          settings.setupRetry().toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      // Closed meanwhile.
    }
  }

  private void watch(WatchedKind kind, Optional<String> namespace) {
    ResourceWatch w = new ResourceWatch(kind, namespace, kind.informer(client, namespace));
    @SuppressWarnings("unchecked")
    var informer =
        (io.fabric8.kubernetes.client.informers.SharedIndexInformer<HasMetadata>) w.informer;
    informer.addEventHandler(new DirtyMarker(kind.observed()));
    informer.exceptionHandler((isStarted, failure) -> onWatchFailure(w, isStarted, failure));
    watches.add(w);
    informer
        .start()
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                submit(this::onWatchStopped);
              } else {
                markDirty();
              }
            });
  }

  /** A watch whose first list was refused or not found: fall back or drop it. */
  private void onWatchStopped() {
    if (closed) {
      return;
    }
    fallBack();
    refresh();
  }

  /** The kinds refused cluster-wide that are not yet watched namespace by namespace. */
  private Set<WatchedKind> awaitingFallback() {
    Set<WatchedKind> kinds = EnumSet.noneOf(WatchedKind.class);
    for (ResourceWatch w : watches) {
      if (w.refused()
          && w.namespace.isEmpty()
          && w.kind.namespaced()
          && !fellBack.contains(w.kind)) {
        kinds.add(w.kind);
      }
    }
    return kinds;
  }

  /**
   * Watches each kind that cannot be listed cluster-wide namespace by namespace: in the namespaces
   * the cluster lists, else in the context's namespace. Namespaces that refuse too are dropped.
   */
  private void fallBack() {
    Set<WatchedKind> awaiting = awaitingFallback();
    if (awaiting.isEmpty()) {
      return;
    }
    Optional<ResourceWatch> namespaces =
        watches.stream().filter(w -> w.kind == WatchedKind.NAMESPACES).findFirst();
    List<String> candidates;
    if (namespaces.isPresent() && namespaces.get().active()) {
      if (!namespaces.get().synced()) {
        return; // once the namespaces are listed
      }
      candidates =
          namespaces.get().<Namespace>items().stream()
              .map(n -> n.getMetadata().getName())
              .sorted()
              .toList();
    } else {
      candidates =
          List.of(kubeconfig.namespace(context).orElse(KubernetesWorkloads.DEFAULT_NAMESPACE));
    }
    for (WatchedKind kind : awaiting) {
      LOG.info(
          "{}: cannot list {} cluster-wide; trying namespaces {}", id, kind.plural, candidates);
      fellBack.add(kind);
      for (String ns : candidates) {
        watch(kind, Optional.of(ns));
      }
    }
  }

  private void tick() {
    if (closed) {
      return;
    }
    if (client == null) {
      refresh();
      return;
    }
    fallBack();
    refresh();
  }

  /** Watches App Mesh VirtualNodes when the API serves them; quietly not otherwise. */
  private void discoverMeshApi() {
    try {
      APIResourceList resources = client.getApiResources(WatchedKind.APP_MESH_GROUP_VERSION);
      boolean served =
          resources != null
              && resources.getResources() != null
              && resources.getResources().stream()
                  .map(APIResource::getName)
                  .anyMatch(WatchedKind.VIRTUAL_NODES.plural::equals);
      if (served) {
        meshApi = MeshApi.WATCHED;
        watch(WatchedKind.VIRTUAL_NODES, settings.namespace());
      } else {
        meshApi = MeshApi.ABSENT;
      }
    } catch (RuntimeException e) {
      if (ApiFailures.isNotFound(e) || ApiFailures.isForbidden(e)) {
        meshApi = MeshApi.ABSENT;
      } else {
        LOG.debug("{}: App Mesh discovery failed; trying again", id, e);
      }
    }
  }

  private void refresh() {
    refreshScheduled.set(false);
    if (closed) {
      return;
    }
    // Once the API server has answered a list, ask whether it serves App Mesh.
    if (client != null
        && meshApi == MeshApi.UNKNOWN
        && watches.stream().anyMatch(ResourceWatch::synced)) {
      discoverMeshApi();
    }
    SourceStatus next = computeStatus(clock.instant());
    status = next;
    Observations observations = null;
    if (everSynced && dataDirty) {
      dataDirty = false;
      // Drained before the observation begins: what arrives meanwhile is looked at next time.
      boolean stillTrue = readByLatestObservation();
      if (!mustObserve.getAndSet(false) && stillTrue) {
        publishStatus(next);
        return;
      }
      observedObjects = Collections.newSetFromMap(new IdentityHashMap<>());
      observing = true;
      long began = System.nanoTime();
      observations = observe(next);
      observing = false;
      LOG.debug(
          "{}: observed {} workloads in {} ms",
          id,
          observations.workloads().size(),
          (System.nanoTime() - began) / 1_000_000);
    }
    if (observations != null && !sameData(observations, lastPublished)) {
      lastPublished = observations;
      published = next;
      sink.publish(id, observations);
    } else {
      publishStatus(next);
    }
  }

  private void publishStatus(SourceStatus next) {
    if (!next.equals(published)) {
      published = next;
      sink.publishStatus(next);
    }
  }

  /** True when every object added or updated since the latest observation began was read by it. */
  private boolean readByLatestObservation() {
    boolean all = true;
    for (Object changed = changedSince.poll(); changed != null; changed = changedSince.poll()) {
      all &= observedObjects.contains(changed);
    }
    return all;
  }

  /**
   * True when {@code next} holds the same workloads, services and mesh nodes as {@code last}.
   * fabric8 hands an informer's listed objects to its handlers one by one after the informer says
   * it has synced, so the refreshes they set off find what the first complete snapshot already
   * showed; publishing it again would only build the same snapshot again.
   */
  private static boolean sameData(Observations next, Observations last) {
    return last != null
        && next.workloads().equals(last.workloads())
        && next.services().equals(last.services())
        && next.meshNodes().equals(last.meshNodes());
  }

  private Observations observe(SourceStatus current) {
    OwnerChain.Lookup lookup =
        new OwnerChain.Lookup() {
          @Override
          public ReplicaSet replicaSet(String namespace, String name) {
            return find(WatchedKind.REPLICA_SETS, namespace, name);
          }

          @Override
          public Job job(String namespace, String name) {
            return find(WatchedKind.JOBS, namespace, name);
          }
        };
    Map<String, WorkloadSpec> workloads = new LinkedHashMap<>();
    for (Pod pod : this.<Pod>all(WatchedKind.PODS)) {
      WorkloadSpec spec = convert.pod(pod, OwnerChain.ownerOf(pod, lookup));
      workloads.putIfAbsent(spec.id(), spec);
    }
    Map<String, Set<String>> endpoints = endpointsByService();
    Map<String, ServiceSpec> services = new LinkedHashMap<>();
    for (Service service : this.<Service>all(WatchedKind.SERVICES)) {
      ServiceSpec s = convert.service(service);
      services.putIfAbsent(
          s.id(),
          new ServiceSpec(
              s.id(),
              s.platform(),
              s.namespace(),
              s.name(),
              s.selector(),
              s.ports(),
              endpoints.getOrDefault(s.namespace() + "/" + s.name(), Set.of())));
    }
    List<MeshVirtualNode> meshNodes = new ArrayList<>();
    for (GenericKubernetesResource node :
        this.<GenericKubernetesResource>all(WatchedKind.VIRTUAL_NODES)) {
      meshNodes.add(convert.virtualNode(node));
    }
    meshNodes.sort(
        Comparator.comparing(MeshVirtualNode::namespace).thenComparing(MeshVirtualNode::name));
    return new Observations(
        workloads.values().stream().sorted(Comparator.comparing(WorkloadSpec::id)).toList(),
        services.values().stream().sorted(Comparator.comparing(ServiceSpec::id)).toList(),
        meshNodes,
        List.of(current));
  }

  /** {@code namespace/service} → the workload ids of the pods its EndpointSlices name. */
  private Map<String, Set<String>> endpointsByService() {
    Map<String, Set<String>> result = new HashMap<>();
    for (EndpointSlice slice : this.<EndpointSlice>all(WatchedKind.ENDPOINT_SLICES)) {
      if (slice.getMetadata() == null || slice.getMetadata().getLabels() == null) {
        continue;
      }
      String service = slice.getMetadata().getLabels().get("kubernetes.io/service-name");
      if (service == null || slice.getEndpoints() == null) {
        continue;
      }
      String namespace =
          Optional.ofNullable(slice.getMetadata().getNamespace())
              .orElse(KubernetesWorkloads.DEFAULT_NAMESPACE);
      for (Endpoint endpoint : slice.getEndpoints()) {
        var target = endpoint == null ? null : endpoint.getTargetRef();
        if (target != null && "Pod".equals(target.getKind()) && target.getName() != null) {
          String podNamespace = target.getNamespace() == null ? namespace : target.getNamespace();
          result
              .computeIfAbsent(namespace + "/" + service, k -> new HashSet<>())
              .add(convert.workloadId(podNamespace, target.getName()));
        }
      }
    }
    return result;
  }

  private <T extends HasMetadata> List<T> all(WatchedKind kind) {
    List<T> items = new ArrayList<>();
    for (ResourceWatch w : watches) {
      if (w.kind == kind && w.active()) {
        items.addAll(w.<T>items());
      }
    }
    if (observing) {
      observedObjects.addAll(items);
    }
    return items;
  }

  private <T extends HasMetadata> T find(WatchedKind kind, String namespace, String name) {
    for (ResourceWatch w : watches) {
      if (w.kind == kind
          && w.active()
          && (w.namespace.isEmpty() || w.namespace.get().equals(namespace))) {
        T found = w.byKey(namespace + "/" + name);
        if (found != null) {
          if (observing) {
            observedObjects.add(found);
          }
          return found;
        }
      }
    }
    return null;
  }

  private SourceStatus computeStatus(Instant now) {
    if (setupProblem.isPresent()) {
      return next(SourceState.DOWN, setupProblem.get(), now);
    }
    if (client == null) {
      return next(SourceState.CONNECTING, "connecting", now);
    }
    List<ResourceWatch> active = watches.stream().filter(ResourceWatch::active).toList();
    Set<WatchedKind> awaitingFallback = awaitingFallback();
    boolean podsPossible =
        awaitingFallback.contains(WatchedKind.PODS)
            || active.stream().anyMatch(w -> w.kind == WatchedKind.PODS);
    if (!podsPossible) {
      String why =
          lastFailure(watches.stream().filter(w -> w.kind == WatchedKind.PODS).toList(), null)
              .map(this::describe)
              .orElse("cannot list pods");
      return next(SourceState.DOWN, why, now);
    }
    if (!everSynced) {
      List<ResourceWatch> waiting = active.stream().filter(w -> !w.synced()).toList();
      if (waiting.isEmpty() && awaitingFallback.isEmpty() && meshApi != MeshApi.UNKNOWN) {
        everSynced = true;
        lastAllWatching = now;
        mustObserve.set(true);
        dataDirty = true;
      } else {
        Optional<WatchFailure> failure = lastFailure(waiting, null);
        if (failure.isPresent()) {
          return next(SourceState.DOWN, describe(failure.get()) + "; retrying", now);
        }
        return next(SourceState.CONNECTING, "connecting to " + trimSlash(server), now);
      }
    }
    List<ResourceWatch> lost = active.stream().filter(w -> !w.watching()).toList();
    if (lost.isEmpty()) {
      lastAllWatching = now;
    } else if (!Duration.between(lastAllWatching, now).minus(settings.staleAfter()).isNegative()) {
      String why =
          lastFailure(lost, lastAllWatching)
              .map(this::describe)
              .orElseGet(
                  () -> probe().orElse("reconnecting the watch on " + lost.get(0).kind.plural));
      return new SourceStatus(
          id, SourceState.STALE, Optional.of(why), Optional.of(lastAllWatching));
    }
    List<String> problems = degradations(active);
    if (!problems.isEmpty()) {
      return next(SourceState.DEGRADED, String.join("; ", problems), now);
    }
    return next(SourceState.LIVE, null, now);
  }

  /** What part of the cluster is out of reach, one phrase each. */
  private List<String> degradations(List<ResourceWatch> active) {
    List<String> problems = new ArrayList<>();
    if (!fellBack.isEmpty()) {
      WatchedKind first = fellBack.iterator().next();
      Set<String> reached = new TreeSet<>();
      for (ResourceWatch w : active) {
        if (w.kind == first && w.namespace.isPresent() && w.synced()) {
          reached.add(w.namespace.get());
        }
      }
      String kinds =
          first.plural
              + (fellBack.size() > 1
                  ? " and "
                      + (fellBack.size() - 1)
                      + " other kind"
                      + (fellBack.size() > 2 ? "s" : "")
                  : "");
      problems.add(
          "cannot list "
              + kinds
              + " cluster-wide; watching "
              + (reached.isEmpty()
                  ? "no namespace"
                  : (reached.size() == 1 ? "namespace " : "namespaces ")
                      + String.join(", ", reached)));
    }
    Set<WatchedKind> unreachable = new LinkedHashSet<>();
    for (ResourceWatch w : watches) {
      if (w.refused()
          && w.kind != WatchedKind.NAMESPACES
          && !fellBack.contains(w.kind)
          && !(w.namespace.isEmpty() && w.kind.namespaced())
          && active.stream().noneMatch(a -> a.kind == w.kind)) {
        unreachable.add(w.kind);
      }
    }
    for (WatchedKind kind : unreachable) {
      lastFailure(watches.stream().filter(w -> w.kind == kind).toList(), null)
          .map(this::describe)
          .ifPresent(problems::add);
    }
    return problems;
  }

  /**
   * Asks the API server for its version, to say why watches are down; empty when it answers. At
   * most once per {@code staleAfter}: the answer is kept meanwhile.
   */
  private Optional<String> probe() {
    Instant now = clock.instant();
    if (lastProbeAt != null
        && Duration.between(lastProbeAt, now).compareTo(settings.staleAfter()) < 0) {
      return lastProbe;
    }
    lastProbeAt = now;
    try {
      client.getKubernetesVersion();
      lastProbe = Optional.empty();
    } catch (RuntimeException e) {
      LOG.debug("{}: probe failed", id, e);
      lastProbe = Optional.of(ApiFailures.describe(e, server, tokenAuth, Optional.empty()));
    }
    return lastProbe;
  }

  /** A failure and the watch it happened to. */
  private record WatchFailure(ResourceWatch watch, ResourceWatch.Failure failure) {}

  /** The latest failure among {@code among}, later than {@code after} when given. */
  private Optional<WatchFailure> lastFailure(List<ResourceWatch> among, Instant after) {
    return among.stream()
        .flatMap(w -> w.lastFailure().map(f -> new WatchFailure(w, f)).stream())
        .filter(wf -> after == null || wf.failure().at().isAfter(after))
        .max(Comparator.comparing(wf -> wf.failure().at()));
  }

  private String describe(WatchFailure wf) {
    return ApiFailures.describe(
        wf.failure().error(), server, tokenAuth, Optional.of(wf.watch().operation()));
  }

  /** A status in {@code state}; its {@code since} stays while the state does. */
  private SourceStatus next(SourceState state, String message, Instant now) {
    Instant since =
        status != null && status.status() == state && status.since().isPresent()
            ? status.since().get()
            : now;
    return new SourceStatus(id, state, Optional.ofNullable(message), Optional.of(since));
  }

  private void teardown() {
    for (ResourceWatch w : watches) {
      try {
        w.stop();
      } catch (RuntimeException e) {
        LOG.debug("{}: stopping {} failed", id, w, e);
      }
    }
    watches.clear();
    if (client != null) {
      client.close();
      client = null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // On fabric8's threads: note, mark dirty, schedule; nothing else.

  private boolean onWatchFailure(ResourceWatch w, boolean isStarted, Throwable failure) {
    LOG.debug("{}: {} failed", id, w, failure);
    boolean retry = true;
    // Refuse before noting the failure: the loop must never see a refused watch as retrying.
    if (!isStarted && ApiFailures.isForbidden(failure)) {
      w.refuse();
      retry = false;
    } else if (!isStarted && ApiFailures.isNotFound(failure)) {
      w.markAbsent();
      retry = false;
    }
    w.failed(failure, clock.instant());
    scheduleRefresh(Duration.ZERO);
    return retry && !closed;
  }

  /**
   * An object was added or updated: the next refresh observes again unless the latest observation
   * read this very object.
   */
  private void markChanged(HasMetadata obj) {
    changedSince.add(obj);
    dataDirty = true;
    scheduleRefresh(settings.refreshDelay());
  }

  /** Something changed that only a new observation can tell. */
  private void markDirty() {
    mustObserve.set(true);
    dataDirty = true;
    scheduleRefresh(settings.refreshDelay());
  }

  private void scheduleRefresh(Duration delay) {
    if (closed || !refreshScheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      loop.schedule(() -> guarded("refresh", this::refresh), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      refreshScheduled.set(false);
    }
  }

  private void submit(Runnable task) {
    try {
      loop.execute(() -> guarded("task", task));
    } catch (RejectedExecutionException closing) {
      // Closed meanwhile.
    }
  }

  private void guarded(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      // A bug must not end the loop: ticks would stop and the status would lie.
      LOG.error("{}: {} failed", id, what, e);
    }
  }

  /** Informer events: mark the source dirty; the loop rebuilds soon after. */
  private final class DirtyMarker implements ResourceEventHandler<HasMetadata> {
    /** False for a kind the observations never read: its events change nothing in them. */
    private final boolean observed;

    DirtyMarker(boolean observed) {
      this.observed = observed;
    }

    @Override
    public void onAdd(HasMetadata obj) {
      if (observed) {
        markChanged(obj);
      }
    }

    @Override
    public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
      if (observed) {
        markChanged(newObj);
      }
    }

    @Override
    public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
      if (observed) {
        markDirty();
      }
    }

    /**
     * A list came back: the status may change. What it changed in the cache comes as adds, updates
     * and deletes of its own.
     */
    @Override
    public void onList(String resourceVersion, boolean isInitialList) {
      scheduleRefresh(settings.refreshDelay());
    }
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String withoutPeriod(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
