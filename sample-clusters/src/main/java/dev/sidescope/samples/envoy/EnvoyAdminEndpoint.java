package dev.sidescope.samples.envoy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The Envoy admin APIs of a served sample: one HTTP listener on {@code 127.0.0.1} (any free port)
 * per Envoy sidecar, each answering as that Envoy's admin port would, read-only:
 *
 * <ul>
 *   <li>{@code GET /stats} ({@link EnvoyStatsText}), {@code ?format=json} ({@link EnvoyStatsJson}),
 *       with {@code usedonly} and {@code filter=<regex>};
 *   <li>{@code GET /clusters} and {@code ?format=json} ({@link EnvoyClustersOutput});
 *   <li>{@code GET /server_info} and {@code GET /config_dump} ({@link EnvoyDocuments}); {@code GET
 *       /ready}: {@code LIVE}.
 * </ul>
 *
 * <p>Any other path gets 404 with Envoy's list of admin commands; any method but GET gets 405
 * (Envoy's mutating endpoints take POST, and a sample never changes). A bad {@code filter} gets 400
 * and one sentence. Every request is recorded, method and path with query, per Envoy ({@link
 * ServedEnvoy#requests()}) and for all ({@link #requests()}), so that a test can show what a client
 * sent.
 *
 * <p>The numbers come from {@link EnvoyCounters} as of {@code now} (the traffic's simulated time).
 *
 * <p>The first {@link #LISTENING_AT_START} Envoys listen from {@link #start}; any other from the
 * first {@link #address} lookup of it (a port-forward to it, say).
 *
 * <p>Threading: {@link #start} and {@link #stop} are serialized on this object; every listener is
 * served on one Vert.x event-loop thread, whatever the number of Envoys (a generated cluster's
 * hundreds included); the lookups may be called from any thread.
 */
public final class EnvoyAdminEndpoint implements AutoCloseable {
  /**
   * How many Envoys listen from the start; the others listen from the first lookup of their
   * address, so that a generated cluster's thousands of Envoys do not hold thousands of ports.
   */
  public static final int LISTENING_AT_START = 256;

  private static final String LOOPBACK = "127.0.0.1";
  private static final String COMMANDS =
      "invalid path. admin commands are:\n"
          + "  /: Admin home page\n"
          + "  /certs: print certs on machine\n"
          + "  /clusters: upstream cluster status\n"
          + "  /config_dump: dump current Envoy configs (experimental)\n"
          + "  /contention: dump current Envoy mutex contention stats (if enabled)\n"
          + "  /cpuprofiler (POST): enable/disable the CPU profiler\n"
          + "  /drain_listeners (POST): drain listeners\n"
          + "  /healthcheck/fail (POST): cause the server to fail health checks\n"
          + "  /healthcheck/ok (POST): cause the server to pass health checks\n"
          + "  /listeners: print listener info\n"
          + "  /logging (POST): query/change logging levels\n"
          + "  /memory: print current allocation/heap usage\n"
          + "  /quitquitquit (POST): exit the server\n"
          + "  /ready: print server state, return 200 if LIVE, otherwise return 503\n"
          + "  /reset_counters (POST): reset all counters to zero\n"
          + "  /runtime: print runtime values\n"
          + "  /runtime_modify (POST): modify runtime values\n"
          + "  /server_info: print server version/status information\n"
          + "  /stats: print server stats\n"
          + "  /stats/prometheus: print server stats in prometheus format\n";

  private final EnvoyCounters counters;
  private final Supplier<Instant> now;
  private final List<ServedEnvoy> envoys = new ArrayList<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, ServedEnvoy> byPodPort = new LinkedHashMap<>();
  private Vertx vertx;
  private boolean started;

  /**
   * An endpoint for every Envoy that {@code counters} counts, not yet listening.
   *
   * @param now the time the numbers are read at: the traffic's simulated now
   */
  public EnvoyAdminEndpoint(EnvoyCounters counters, Supplier<Instant> now) {
    this.counters = Objects.requireNonNull(counters, "counters");
    this.now = Objects.requireNonNull(now, "now");
    for (EnvoySidecar sidecar : counters.envoys().sidecars()) {
      ServedEnvoy served = new ServedEnvoy(sidecar);
      envoys.add(served);
      byPodPort.putIfAbsent(key(sidecar.namespace(), sidecar.pod(), sidecar.adminPort()), served);
    }
  }

  /**
   * Starts a listener for every Envoy, each on its own free port of 127.0.0.1, and returns once all
   * accept connections.
   *
   * @throws IOException when a port cannot be bound (nothing is left listening then)
   * @throws IllegalStateException when already started
   */
  public synchronized EnvoyAdminEndpoint start() throws IOException {
    if (started) {
      throw new IllegalStateException("the sample's Envoy admin endpoints are already started");
    }
    started = true;
    Vertx v =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
    vertx = v;
    List<Future<HttpServer>> listening = new ArrayList<>();
    for (ServedEnvoy served : envoys.subList(0, Math.min(LISTENING_AT_START, envoys.size()))) {
      listening.add(listen(served));
    }
    try {
      await(Future.all(listening));
    } catch (IOException e) {
      stop();
      throw new IOException(
          "cannot listen for the sample's Envoy admin APIs: " + e.getMessage(), e);
    }
    return this;
  }

  private Future<HttpServer> listen(ServedEnvoy served) {
    HttpServer server =
        vertx.createHttpServer(
            new HttpServerOptions().setHost(LOOPBACK).setPort(0).setHttp2ClearTextEnabled(false));
    server.requestHandler(request -> handle(served, request));
    return server.listen().onSuccess(s -> served.bound(s.actualPort()));
  }

  /** Starts {@code served}'s listener if it has none yet; empty when it cannot (or stopped). */
  private synchronized Optional<InetSocketAddress> listening(ServedEnvoy served) {
    if (served.address().isEmpty() && vertx != null) {
      try {
        await(listen(served));
      } catch (IOException e) {
        // No port for this one (the machine is out of them): it is not there, the rest go on.
        return Optional.empty();
      }
    }
    return served.address();
  }

  /** Stops every listener; the lookups find nothing afterwards. Idempotent. */
  public synchronized void stop() {
    envoys.forEach(e -> e.bound(0));
    if (vertx != null) {
      try {
        await(vertx.close());
      } catch (IOException e) {
        // Closing is best effort; the threads are daemon-free event loops that end with it.
      }
      vertx = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Every Envoy served, in the cluster's pod order. */
  public List<ServedEnvoy> envoys() {
    return Collections.unmodifiableList(envoys);
  }

  /**
   * Where the admin API of the Envoy in pod {@code namespace/pod} with admin port {@code port}
   * listens, once started: what a port-forward to that pod's port should reach. An Envoy beyond the
   * first {@link #LISTENING_AT_START} starts listening now. Empty when there is no such Envoy,
   * before {@link #start} and after {@link #stop}.
   */
  public Optional<InetSocketAddress> address(String namespace, String pod, int port) {
    ServedEnvoy served = byPodPort.get(key(namespace, pod, port));
    return served == null ? Optional.empty() : listening(served);
  }

  /**
   * {@code http://127.0.0.1:<port>} of every Envoy that listens (the first {@link
   * #LISTENING_AT_START}, and any other looked up since), in the cluster's pod order.
   */
  public List<URI> urls() {
    return envoys.stream().flatMap(e -> e.url().stream()).toList();
  }

  /** Every request any Envoy was sent, {@code METHOD /path?query}, in the order they came. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(ServedEnvoy served, HttpServerRequest request) {
    String line = request.method().name() + " " + request.uri();
    served.requests.add(line);
    requests.add(line);
    if (request.method() != HttpMethod.GET) {
      request
          .response()
          .setStatusCode(405)
          .putHeader("Content-Type", "text/plain; charset=UTF-8")
          .putHeader("Allow", "GET")
          .end(
              "method "
                  + request.method().name()
                  + " not allowed: this sample's Envoy admin API is read-only\n");
      return;
    }
    String format = request.getParam("format");
    boolean json = "json".equals(format);
    try {
      switch (request.path()) {
        case "/stats" -> {
          if (format != null && !json && !"text".equals(format)) {
            reply(request, 400, false, "usage: /stats?format=(json|text)\n");
            return;
          }
          StatsQuery query =
              StatsQuery.of(request.params().contains("usedonly"), request.getParam("filter"));
          EnvoyReading reading = counters.read(served.sidecar, now.get());
          reply(
              request,
              200,
              json,
              json ? EnvoyStatsJson.render(reading, query) : EnvoyStatsText.render(reading, query));
        }
        case "/clusters" -> {
          EnvoyReading reading = counters.read(served.sidecar, now.get());
          reply(
              request,
              200,
              json,
              json ? EnvoyClustersOutput.json(reading) : EnvoyClustersOutput.text(reading));
        }
        case "/server_info" ->
            reply(request, 200, true, EnvoyDocuments.serverInfo(served.sidecar, now.get()));
        case "/config_dump" -> reply(request, 200, true, EnvoyDocuments.configDump(served.sidecar));
        case "/ready" -> reply(request, 200, false, "LIVE\n");
        default -> reply(request, 404, false, COMMANDS);
      }
    } catch (IllegalArgumentException e) {
      reply(request, 400, false, e.getMessage() + "\n");
    }
  }

  private static void reply(HttpServerRequest request, int status, boolean json, String body) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", json ? "application/json" : "text/plain; charset=UTF-8")
        .putHeader("Cache-Control", "no-cache, max-age=0")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(body);
  }

  private static String key(String namespace, String pod, int port) {
    return namespace + "/" + pod + ":" + port;
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

  /**
   * One Envoy as served: the sidecar, where its admin API listens, and what it was sent.
   *
   * <p>Thread-safe.
   */
  public static final class ServedEnvoy {
    private final EnvoySidecar sidecar;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile int port;

    private ServedEnvoy(EnvoySidecar sidecar) {
      this.sidecar = sidecar;
    }

    private void bound(int actualPort) {
      this.port = actualPort;
    }

    /** The sidecar. */
    public EnvoySidecar sidecar() {
      return sidecar;
    }

    /** Where its admin API listens on loopback; empty until started. */
    public Optional<InetSocketAddress> address() {
      int p = port;
      return p == 0 ? Optional.empty() : Optional.of(new InetSocketAddress(LOOPBACK, p));
    }

    /** {@code http://127.0.0.1:<port>}; empty until started. */
    public Optional<URI> url() {
      int p = port;
      return p == 0 ? Optional.empty() : Optional.of(URI.create("http://" + LOOPBACK + ":" + p));
    }

    /** Every request it was sent, {@code METHOD /path?query}, in the order they came. */
    public List<String> requests() {
      synchronized (requests) {
        return List.copyOf(requests);
      }
    }
  }
}
