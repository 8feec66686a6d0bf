package dev.sidescope.samples.kubernetes;

import dev.sidescope.samples.folder.SampleCluster;
import dev.sidescope.samples.logs.SampleLogs;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetClientOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * A served sample's Kubernetes API on loopback: fabric8's CRUD mock store, seeded directly with the
 * expanded cluster, behind a dispatcher that adds discovery, {@code /version} and pod logs, on a
 * Vert.x HTTP server bound to {@code 127.0.0.1} (docs/decisions/0007). Lists, gets, watches (over
 * web sockets, as fabric8's informers make them, or plain HTTP, as {@code kubectl} does; see {@link
 * SampleStore} for how they differ from fabric8's), writes, and port-forwards over a web socket (to
 * where {@link #forwardPortsTo} says; see {@link PortForwardEndpoint}) all work; {@code kubectl}
 * works against it.
 *
 * <p>The server can be stopped and started again, on the same port if wanted; the store keeps its
 * contents in between, so a client's informer resyncs without losing objects.
 *
 * <p>Thread-safe: {@link #start}, {@link #stop} and {@link #close} are serialized on this object;
 * requests are answered on the server's event-loop threads, which keep the JVM running until {@link
 * #stop}.
 */
public final class SampleKubernetesApi implements AutoCloseable {
  /**
   * Web-socket sub-protocols the API server accepts: the channel protocols (exec, attach,
   * port-forward) and the SPDY port-forward tunnel that {@code kubectl port-forward} asks for.
   */
  private static final List<String> CHANNEL_PROTOCOLS =
      List.of(
          "v1.channel.k8s.io",
          "v2.channel.k8s.io",
          "v3.channel.k8s.io",
          "v4.channel.k8s.io",
          SpdyPortForward.PROTOCOL);

  private static final String LOOPBACK = "127.0.0.1";

  private final SampleStore crud;
  private final ApiDispatcher dispatcher;
  private final int objects;
  private volatile PortForwardTargets portForwardTargets = PortForwardTargets.NONE;
  private volatile SampleLogs logs;
  private Vertx vertx;
  private HttpServer server;
  private int port;

  private SampleKubernetesApi(List<HasMetadata> objects, Clock clock) {
    KubernetesDiscovery discovery = new KubernetesDiscovery(objects);
    this.crud = new SampleStore(discovery.customResources());
    this.dispatcher = new ApiDispatcher(crud, discovery);
    this.logs = SampleLogs.withoutTraffic(clock);
    this.objects = objects.size();
    seed(objects, discovery);
  }

  /**
   * An API holding exactly {@code objects} (already expanded: see {@link ClusterExpander}); not yet
   * listening. The objects' resource versions are set as they are stored.
   */
  public static SampleKubernetesApi holding(List<HasMetadata> objects) {
    return new SampleKubernetesApi(objects, Clock.systemUTC());
  }

  /** An API holding {@code cluster} expanded with {@code options}; not yet listening. */
  public static SampleKubernetesApi of(SampleCluster cluster, ClusterExpander.Options options) {
    return holding(ClusterExpander.expand(cluster, options));
  }

  /**
   * Where port-forwards to the sample's pods lead from now on (until this is called, nowhere: every
   * forward to an existing pod fails as to a closed port). May be called before or after {@link
   * #start}; forwards already open keep their connections.
   */
  public void forwardPortsTo(PortForwardTargets targets) {
    this.portForwardTargets = Objects.requireNonNull(targets, "targets");
  }

  /**
   * What pod logs are written from from now on (until this is called, no traffic: each container
   * writes only its own lines). May be called before or after {@link #start}; logs already followed
   * keep theirs.
   */
  public void writeLogsFrom(SampleLogs logs) {
    this.logs = Objects.requireNonNull(logs, "logs");
  }

  /** How many objects the store was seeded with. */
  public int seededObjects() {
    return objects;
  }

  /**
   * Starts listening on {@code 127.0.0.1:port} (0: any free port) and returns the API's URL once it
   * accepts connections.
   *
   * @throws IOException when the port cannot be bound
   * @throws IllegalStateException when already started
   */
  public synchronized URI start(int port) throws IOException {
    if (server != null) {
      throw new IllegalStateException(
          "the sample's Kubernetes API is already listening on " + url());
    }
    Vertx v =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(2)
                .setWorkerPoolSize(2)
                // A list of 20,000 pods is one long answer; no need to log it as a blocked loop.
                .setMaxEventLoopExecuteTime(60)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(LOOPBACK)
            .setPort(port)
            .setWebSocketSubProtocols(CHANNEL_PROTOCOLS)
            .setHandle100ContinueAutomatically(true)
            // Clients that probe for h2c (the JDK's) get HTTP/1.1, as from most API servers' ports.
            .setHttp2ClearTextEnabled(false);
    PodLogEndpoint podLogs = new PodLogEndpoint(crud, v, () -> logs);
    WatchEndpoint watches = new WatchEndpoint(dispatcher, v);
    PortForwardEndpoint portForwards =
        new PortForwardEndpoint(
            crud,
            v.createNetClient(new NetClientOptions().setConnectTimeout(5_000)),
            () -> portForwardTargets);
    HttpServerRequestHandler api =
        new HttpServerRequestHandler(v) {
          @Override
          protected MockResponse onHttpRequest(RecordedRequest request) {
            return dispatcher.dispatch(request);
          }
        };
    HttpServer s = v.createHttpServer(options);
    s.requestHandler(
        request -> {
          if (PortForwardEndpoint.handles(request)) {
            portForwards.handle(request);
          } else if (PodLogEndpoint.handles(request)) {
            podLogs.handle(request);
          } else if (WatchEndpoint.handles(request)) {
            watches.handle(request);
          } else {
            api.handle(request);
          }
        });
    try {
      await(s.listen());
    } catch (IOException e) {
      await(v.close());
      throw new IOException("cannot listen on " + LOOPBACK + ":" + port + ": " + e.getMessage(), e);
    }
    this.vertx = v;
    this.server = s;
    this.port = s.actualPort();
    return url();
  }

  /**
   * Stops listening and closes every connection (watches and followed logs end); the store keeps
   * its contents for a later {@link #start}. Does nothing when not started.
   */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      await(server.close());
    } catch (IOException e) {
      // Closing is best effort; the Vert.x instance below goes either way.
    } finally {
      try {
        await(vertx.close());
      } catch (IOException e) {
        // Nothing is left to release that the JVM would not.
      }
      server = null;
      vertx = null;
    }
  }

  /** The port last listened on (0 before the first start). */
  public synchronized int port() {
    return port;
  }

  /** {@code 127.0.0.1:port}, where clients connect. */
  public synchronized InetSocketAddress address() {
    return new InetSocketAddress(LOOPBACK, port);
  }

  /** {@code http://127.0.0.1:port}. */
  public synchronized URI url() {
    return URI.create("http://" + LOOPBACK + ":" + port);
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Puts every object straight into the CRUD store, keyed as the store keys what it is sent, with
   * the store's own resource versions: seeding through HTTP costs a request (and a log line) each.
   */
  private void seed(List<HasMetadata> objects, KubernetesDiscovery discovery) {
    Map<AttributeSet, String> store = crud.getMap();
    for (HasMetadata object : objects) {
      object.getMetadata().setResourceVersion(String.valueOf(crud.requestResourceVersion()));
    }
    // Writing JSON is most of the work: share it among the cores, then store in order.
    AttributeSet[] keys = new AttributeSet[objects.size()];
    String[] json = new String[objects.size()];
    Map<String, String> plurals = new ConcurrentHashMap<>();
    IntStream.range(0, objects.size())
        .parallel()
        .forEach(
            i -> {
              HasMetadata object = objects.get(i);
              keys[i] =
                  key(
                      object,
                      plurals.computeIfAbsent(object.getKind(), k -> plural(object, discovery)));
              json[i] = ModelJson.write(object);
            });
    for (int i = 0; i < keys.length; i++) {
      store.put(keys[i], json[i]);
    }
  }

  /**
   * The store's key for an object: what {@link KubernetesAttributesExtractor#extract} makes (api
   * group, version, name, namespace, labels, plural), built in one step rather than attribute by
   * attribute, and with the plural looked up once per kind.
   */
  private static AttributeSet key(HasMetadata object, String plural) {
    List<Attribute> attributes = new ArrayList<>();
    String apiVersion = object.getApiVersion();
    if (apiVersion != null && !apiVersion.isEmpty()) {
      int slash = apiVersion.indexOf('/');
      if (slash >= 0) {
        attributes.add(
            new Attribute(KubernetesAttributesExtractor.API, apiVersion.substring(0, slash)));
      }
      attributes.add(
          new Attribute(KubernetesAttributesExtractor.VERSION, apiVersion.substring(slash + 1)));
    }
    ObjectMeta meta = object.getMetadata();
    if (meta.getName() != null && !meta.getName().isEmpty()) {
      attributes.add(new Attribute(KubernetesAttributesExtractor.NAME, meta.getName()));
      attributes.add(new Attribute(KubernetesAttributesExtractor.METADATA_NAME, meta.getName()));
    }
    if (meta.getNamespace() != null && !meta.getNamespace().isEmpty()) {
      attributes.add(new Attribute(KubernetesAttributesExtractor.NAMESPACE, meta.getNamespace()));
      attributes.add(
          new Attribute(KubernetesAttributesExtractor.METADATA_NAMESPACE, meta.getNamespace()));
    }
    if (meta.getLabels() != null) {
      meta.getLabels().forEach((k, v) -> attributes.add(new Attribute("labels:" + k, v)));
    }
    if (object instanceof Event event) {
      involvedObject(event, attributes);
    }
    attributes.add(new Attribute(KubernetesAttributesExtractor.PLURAL, plural));
    return new AttributeSet(attributes);
  }

  /**
   * An Event's fields that the API server selects on ({@code involvedObject.name=...}, as {@code
   * kubectl describe} and {@code kubectl events --for} ask), as attributes of its key: fabric8's
   * store reads a field selector's terms as attributes to match, and knows no field of an Event.
   */
  private static void involvedObject(Event event, List<Attribute> attributes) {
    ObjectReference about = event.getInvolvedObject();
    if (about != null) {
      addIfSet(attributes, "involvedObject.kind", about.getKind());
      addIfSet(attributes, "involvedObject.name", about.getName());
      addIfSet(attributes, "involvedObject.namespace", about.getNamespace());
      addIfSet(attributes, "involvedObject.uid", about.getUid());
      addIfSet(attributes, "involvedObject.apiVersion", about.getApiVersion());
    }
    addIfSet(attributes, "reason", event.getReason());
    addIfSet(attributes, "type", event.getType());
  }

  private static void addIfSet(List<Attribute> attributes, String key, String value) {
    if (value != null && !value.isEmpty()) {
      attributes.add(new Attribute(key, value));
    }
  }

  private static String plural(HasMetadata object, KubernetesDiscovery discovery) {
    return object instanceof GenericKubernetesResource
        ? discovery.pluralOf(object.getApiVersion(), object.getKind())
        : object.getPlural();
  }

  private static <T> T await(Future<T> future) throws IOException {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException(
          cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new IOException("timed out", e);
    }
  }
}
