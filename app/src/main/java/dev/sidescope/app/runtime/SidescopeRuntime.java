package dev.sidescope.app.runtime;

import dev.sidescope.collectors.aws.AwsConnection;
import dev.sidescope.collectors.aws.AwsResolution;
import dev.sidescope.collectors.cloudwatch.CloudWatchLogTails;
import dev.sidescope.collectors.ecs.EcsSettings;
import dev.sidescope.collectors.ecs.EcsSource;
import dev.sidescope.collectors.ecs.events.EcsEventFeeds;
import dev.sidescope.collectors.kubernetes.Kubeconfig;
import dev.sidescope.collectors.kubernetes.KubeconfigException;
import dev.sidescope.collectors.kubernetes.KubernetesSource;
import dev.sidescope.collectors.kubernetes.events.PodEventFeeds;
import dev.sidescope.collectors.kubernetes.logs.PodLogTails;
import dev.sidescope.collectors.proxy.ProxySettings;
import dev.sidescope.collectors.proxy.ProxySource;
import dev.sidescope.collectors.xray.api.XRayApiSource;
import dev.sidescope.collectors.xray.api.XRaySettings;
import dev.sidescope.collectors.xray.daemon.XRayDaemonSettings;
import dev.sidescope.collectors.xray.daemon.XRayDaemonSource;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.overlay.OverlayPipeline;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import dev.sidescope.topology.snapshot.TopologyStore;
import dev.sidescope.topology.source.EventFeeds;
import dev.sidescope.topology.source.LogTails;
import dev.sidescope.topology.source.Source;
import dev.sidescope.topology.source.TraceQueries;
import dev.sidescope.views.SnapshotFeed;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every path of the app runs on, built in one place so that every path gets the same pipeline:
 * the snapshot builder (classifier, doctor and the standard overlay stage), the store that keeps
 * what the sources said, and the sources that publish into it. {@code sidescope snapshot} (live and
 * {@code --manifests}), {@code demo}, the console and the benchmarks all start here.
 *
 * <p>Sources are made bound to the store ({@link #kubernetes}, {@link #ecs}), then handed over with
 * {@link #add}, which starts them; {@link #stopSources} stops them and takes what they said out of
 * the store, and {@link #close} does that and stops the store.
 *
 * <p>Threading: every method may be called from any thread and is serialised; {@link #add}, {@link
 * #stopSources} and {@link #close} may block briefly while sources start or stop (never call them
 * on the FX thread); {@link #awaitDiscovery} blocks its caller. The store and the sources work on
 * their own threads.
 */
public final class SidescopeRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SidescopeRuntime.class);

  private final Clock clock;
  private final SnapshotBuilder builder;
  private final TopologyStore store;
  private final List<Source> sources = new ArrayList<>();
  private final Set<String> readOnce = new LinkedHashSet<>();
  private final TracingQueries tracing = new TracingQueries();
  private ProxyFollower proxyFollower;
  private final LogRouter logs;
  private final EventRouter events;

  /** The log and event sources, which read only while someone looks: stopped with the sources. */
  private final List<AutoCloseable> onDemand = new ArrayList<>();

  private SidescopeRuntime(Grouping grouping, Clock clock) {
    this.clock = clock;
    this.builder = builder(clock);
    this.store = TopologyStore.onOwnThread(builder, grouping, clock);
    this.logs = new LogRouter(store::membersOf);
    this.events = new EventRouter(store::membersOf);
  }

  /** A runtime whose store groups as asked and builds on its own writer thread. */
  public static SidescopeRuntime create(Grouping grouping, Clock clock) {
    return new SidescopeRuntime(grouping, clock);
  }

  /**
   * The one snapshot builder: the sidecar classifier, the sidecar doctor and every appender of the
   * standard overlay stage. For paths that build without a store (the benchmarks).
   */
  public static SnapshotBuilder builder(Clock clock) {
    return SnapshotBuilder.standard(OverlayPipeline.standard(), clock);
  }

  /**
   * {@code sidescope/<version>}: how Sidescope introduces itself to API servers, on every path that
   * reads a cluster.
   */
  public static String userAgent() {
    Properties p = new Properties();
    try (InputStream in =
        SidescopeRuntime.class.getResourceAsStream("/dev/sidescope/app/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // The version is a courtesy in the User-Agent; without it, still say who we are.
    }
    return "sidescope/" + p.getProperty("version", "dev");
  }

  public TopologyStore store() {
    return store;
  }

  public Clock clock() {
    return clock;
  }

  /** What the console subscribes to: the store, whichever sources feed it. */
  public SnapshotFeed feed() {
    return new SnapshotFeed() {
      @Override
      public AutoCloseable subscribe(Consumer<TopologySnapshot> listener) {
        TopologyStore.Listener l = listener::accept;
        store.addListener(l);
        store.latest().ifPresent(listener);
        return () -> store.removeListener(l);
      }

      @Override
      public void setGrouping(Grouping grouping) {
        store.setGrouping(grouping);
      }
    };
  }

  /** The live source of one kube context, publishing into the store once {@link #add added}. */
  public KubernetesSource kubernetes(
      Kubeconfig kubeconfig, String context, KubernetesSource.Settings settings) {
    return new KubernetesSource(kubeconfig, context, settings, store, clock);
  }

  /**
   * The ECS source these settings give, publishing into the store once {@link #add added}; or why
   * there is none. May probe the network for credentials: off the FX thread.
   */
  public EcsSource.Resolution ecs(EcsSettings settings) {
    return EcsSource.resolve(settings, store);
  }

  /**
   * The X-Ray API source these settings give, publishing into the store once {@link #add added}; or
   * why there is none. May probe the network for credentials: off the FX thread.
   */
  public XRayApiSource.Resolution xrayApi(XRaySettings settings) {
    return XRayApiSource.resolve(settings, store);
  }

  /**
   * A local X-Ray daemon port with these settings, publishing into the store once {@link #add
   * added}; it opens its port only when started.
   */
  public XRayDaemonSource xrayDaemon(XRayDaemonSettings settings) {
    return new XRayDaemonSource(settings, store);
  }

  /**
   * A proxy source reading admin URLs this machine reaches, publishing into the store once {@link
   * #add added}; its targets are set with {@link ProxySource#targets}.
   */
  public ProxySource proxies(ProxySettings settings) {
    return new ProxySource(store, settings);
  }

  /**
   * A proxy source that also reaches pods' admin ports through port-forwards in {@code context}.
   *
   * @throws KubeconfigException when the context cannot be used; its message is one sentence
   */
  public ProxySource proxies(ProxySettings settings, Kubeconfig kubeconfig, String context)
      throws KubeconfigException {
    return ProxySource.forKubeContext(store, settings, kubeconfig, context);
  }

  /**
   * The console's proxy source follower: the proxy sidecars of every new base are read by the
   * source it follows; its questions go to that source.
   */
  public synchronized ProxyFollower proxyFollower() {
    if (proxyFollower == null) {
      proxyFollower = new ProxyFollower(store);
    }
    return proxyFollower;
  }

  /**
   * Questions about a selection, asked of every tracing source added (the X-Ray API, a daemon
   * port); answered "no tracing source is running" while there is none.
   */
  public TraceQueries tracing() {
    return tracing;
  }

  /**
   * The log tails of every log source made here, behind one port: the console's Logs tab and {@code
   * sidescope logs} ask it for any pod or task, or for a box of the picture grouped by workload or
   * Service (all its replicas).
   */
  public LogTails logs() {
    return logs;
  }

  /**
   * Reads the pod logs of {@code context} from now on, with a client of its own that opens a stream
   * only while a tail asks for one; stopped with the sources.
   *
   * @throws KubeconfigException when the context cannot be used; its message is one sentence
   */
  public synchronized void kubernetesLogs(Kubeconfig kubeconfig, String context)
      throws KubeconfigException {
    KubernetesClient client =
        new KubernetesClientBuilder().withConfig(kubeconfig.clientConfig(context)).build();
    PodLogTails tails = new PodLogTails(KubernetesSource.sourceId(context), client);
    logs.add(tails);
    onDemand.add(
        () -> {
          logs.remove(tails);
          tails.close();
          client.close();
        });
  }

  /**
   * The platform events of every event source made here, behind one port: the console's Events tab
   * asks it for any pod or task, or for a box of the picture (all its replicas).
   */
  public EventFeeds events() {
    return events;
  }

  /**
   * Reads the events of the pods of {@code context} from now on, with a client of its own that
   * watches only while a feed asks; stopped with the sources.
   *
   * @throws KubeconfigException when the context cannot be used; its message is one sentence
   */
  public synchronized void kubernetesEvents(Kubeconfig kubeconfig, String context)
      throws KubeconfigException {
    KubernetesClient client =
        new KubernetesClientBuilder().withConfig(kubeconfig.clientConfig(context)).build();
    PodEventFeeds feeds = new PodEventFeeds(KubernetesSource.sourceId(context), client);
    events.add(feeds);
    onDemand.add(
        () -> {
          events.remove(feeds);
          feeds.close();
          client.close();
        });
  }

  /**
   * Reads the service events and stopped reasons of the ECS tasks these settings' source reports
   * from now on; stopped with the sources. Empty, or why AWS cannot be used.
   */
  public synchronized Optional<String> ecsEvents(EcsSettings settings) {
    AwsResolution aws = resolve(settings);
    if (aws instanceof AwsResolution.Missing missing) {
      return Optional.of(missing.reason());
    }
    AwsConnection connection = ((AwsResolution.Found) aws).connection();
    EcsEventFeeds feeds =
        new EcsEventFeeds(
            connection,
            EcsEventFeeds.Settings.defaults()
                .withEndpoint(settings.endpoint())
                .withClock(settings.clock()));
    events.add(feeds);
    onDemand.add(
        () -> {
          events.remove(feeds);
          feeds.close();
          connection.close();
        });
    return Optional.empty();
  }

  private static AwsResolution resolve(EcsSettings settings) {
    return AwsConnection.resolve(
        new AwsConnection.Request(settings.profile(), settings.region(), settings.httpClient()),
        settings.environment(),
        settings.clock());
  }

  /**
   * Reads the CloudWatch Logs of the ECS tasks these settings' source reports (their region, their
   * profile, the same endpoint) from now on; stopped with the sources. Empty, or why AWS cannot be
   * used.
   */
  public synchronized Optional<String> cloudwatchLogs(EcsSettings settings) {
    AwsResolution aws = resolve(settings);
    if (aws instanceof AwsResolution.Missing missing) {
      return Optional.of(missing.reason());
    }
    AwsConnection connection = ((AwsResolution.Found) aws).connection();
    CloudWatchLogTails tails =
        new CloudWatchLogTails(
            connection,
            CloudWatchLogTails.Settings.defaults()
                .withEndpoint(settings.endpoint())
                .withClock(settings.clock()));
    logs.add(tails);
    onDemand.add(
        () -> {
          logs.remove(tails);
          tails.close();
          connection.close();
        });
    return Optional.empty();
  }

  /** Starts {@code source}; it is stopped with the others. */
  public synchronized void add(Source source) {
    sources.add(source);
    if (source instanceof TraceQueries questions) {
      tracing.add(questions);
    }
    source.start();
  }

  /** Publishes what was read once (manifest files) as the source {@code sourceId}. */
  public synchronized void publishOnce(String sourceId, Observations observations) {
    readOnce.add(sourceId);
    store.publish(sourceId, observations);
  }

  /** The ids of the sources added and not stopped, and of what was published once. */
  public synchronized Set<String> sourceIds() {
    Set<String> ids = new LinkedHashSet<>(readOnce);
    sources.forEach(s -> ids.add(s.id()));
    return ids;
  }

  /**
   * Waits until every source added has listed everything once or failed (its status is no longer
   * connecting), at most {@code cap}; then returns a snapshot built after that, which sees
   * everything published before it. Empty when the cap passed first; {@link #snapshotNow} then
   * gives what there is.
   */
  public Optional<TopologySnapshot> awaitDiscovery(Duration cap) throws InterruptedException {
    Set<String> ids;
    synchronized (this) {
      ids = sources.stream().map(Source::id).collect(Collectors.toSet());
    }
    return store.awaitSnapshot(s -> everyoneListedOrFailed(s, ids), cap);
  }

  /** The next snapshot the store builds, which sees everything published before this call. */
  public CompletableFuture<TopologySnapshot> snapshotNow() {
    return store.rebuild();
  }

  private static boolean everyoneListedOrFailed(TopologySnapshot snapshot, Set<String> ids) {
    long done =
        snapshot.sources().stream()
            .filter(s -> ids.contains(s.id()))
            .filter(s -> s.status() != SourceState.CONNECTING)
            .count();
    return done == ids.size();
  }

  /** Stops every source and takes what it and every read-once source said out of the store. */
  public synchronized void stopSources() {
    if (proxyFollower != null) {
      proxyFollower.stop();
    }
    for (Source source : sources) {
      if (source instanceof TraceQueries questions) {
        tracing.remove(questions);
      }
      source.close();
      store.withdraw(source.id());
    }
    sources.clear();
    for (AutoCloseable reader : onDemand) {
      try {
        reader.close();
      } catch (Exception e) {
        LOG.warn("Closing a log or event source failed", e);
      }
    }
    onDemand.clear();
    readOnce.forEach(store::withdraw);
    readOnce.clear();
  }

  @Override
  public synchronized void close() {
    stopSources();
    store.close();
  }
}
