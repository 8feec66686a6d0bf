package dev.sidescope.samples.linkerd;

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
 * The Linkerd proxies' admin ports of a served sample: one HTTP listener on {@code 127.0.0.1} (any
 * free port) per proxy, each answering as that proxy's port {@value LinkerdProxy#ADMIN_PORT} would,
 * read-only: {@code GET /metrics} ({@link LinkerdMetricsText}), {@code GET /ready} ({@code ready})
 * and {@code GET /live} ({@code live}).
 *
 * <p>Any other path gets 404; any method but GET gets 405 (the proxy's {@code /shutdown} takes a
 * POST, and a sample never changes). Every request is recorded, method and path with query, per
 * proxy ({@link ServedProxy#requests()}), so that a test can show what a client sent.
 *
 * <p>The numbers come from {@link LinkerdCounters}; {@code now} (the traffic's simulated time)
 * dates the process' figures.
 *
 * <p>The first {@link #LISTENING_AT_START} proxies listen from {@link #start}; any other from the
 * first {@link #address} lookup of it (a port-forward to it, say).
 *
 * <p>Threading: {@link #start} and {@link #stop} are serialized on this object; every listener is
 * served on one Vert.x event-loop thread; the lookups may be called from any thread.
 */
public final class LinkerdAdminEndpoint implements AutoCloseable {
  /** How many proxies listen from the start; the others from the first lookup of their address. */
  public static final int LISTENING_AT_START = 256;

  private static final String LOOPBACK = "127.0.0.1";

  private final LinkerdCounters counters;
  private final Supplier<Instant> now;
  private final List<ServedProxy> proxies = new ArrayList<>();
  private final Map<String, ServedProxy> byPod = new LinkedHashMap<>();
  private Vertx vertx;
  private boolean started;

  /**
   * An endpoint for every proxy that {@code counters} counts, not yet listening.
   *
   * @param now the time the process' figures are read at: the traffic's simulated now
   */
  public LinkerdAdminEndpoint(LinkerdCounters counters, Supplier<Instant> now) {
    this.counters = Objects.requireNonNull(counters, "counters");
    this.now = Objects.requireNonNull(now, "now");
    for (LinkerdProxy proxy : counters.linkerds().proxies()) {
      ServedProxy served = new ServedProxy(proxy);
      proxies.add(served);
      byPod.putIfAbsent(proxy.podKey(), served);
    }
  }

  /**
   * Starts a listener for the first proxies, each on its own free port of 127.0.0.1, and returns
   * once all accept connections.
   *
   * @throws IOException when a port cannot be bound (nothing is left listening then)
   * @throws IllegalStateException when already started
   */
  public synchronized LinkerdAdminEndpoint start() throws IOException {
    if (started) {
      throw new IllegalStateException("the sample's Linkerd admin endpoints are already started");
    }
    started = true;
    vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
    List<Future<HttpServer>> listening = new ArrayList<>();
    for (ServedProxy served : proxies.subList(0, Math.min(LISTENING_AT_START, proxies.size()))) {
      listening.add(listen(served));
    }
    try {
      await(Future.all(listening));
    } catch (IOException e) {
      stop();
      throw new IOException(
          "cannot listen for the sample's Linkerd admin ports: " + e.getMessage(), e);
    }
    return this;
  }

  private Future<HttpServer> listen(ServedProxy served) {
    HttpServer server =
        vertx.createHttpServer(
            new HttpServerOptions().setHost(LOOPBACK).setPort(0).setHttp2ClearTextEnabled(false));
    server.requestHandler(request -> handle(served, request));
    return server.listen().onSuccess(s -> served.bound(s.actualPort()));
  }

  /** Starts {@code served}'s listener if it has none yet; empty when it cannot (or stopped). */
  private synchronized Optional<InetSocketAddress> listening(ServedProxy served) {
    if (served.address().isEmpty() && vertx != null) {
      try {
        await(listen(served));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return served.address();
  }

  /** Stops every listener; the lookups find nothing afterwards. Idempotent. */
  public synchronized void stop() {
    proxies.forEach(p -> p.bound(0));
    if (vertx != null) {
      try {
        await(vertx.close());
      } catch (IOException e) {
        // Closing is best effort.
      }
      vertx = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Every proxy served, in the cluster's pod order. */
  public List<ServedProxy> proxies() {
    return Collections.unmodifiableList(proxies);
  }

  /**
   * Where the admin port of the Linkerd proxy in pod {@code namespace/pod} listens, for a client of
   * its port {@code port} inside the pod ({@value LinkerdProxy#ADMIN_PORT}): what a port-forward to
   * it should reach. Empty for any other port, a pod without a proxy, before {@link #start} and
   * after {@link #stop}.
   */
  public Optional<InetSocketAddress> address(String namespace, String pod, int port) {
    if (port != LinkerdProxy.ADMIN_PORT) {
      return Optional.empty();
    }
    ServedProxy served = byPod.get(namespace + "/" + pod);
    return served == null ? Optional.empty() : listening(served);
  }

  /** {@code http://127.0.0.1:<port>} of every proxy that listens, in the cluster's pod order. */
  public List<URI> urls() {
    return proxies.stream().flatMap(p -> p.url().stream()).toList();
  }

  private void handle(ServedProxy served, HttpServerRequest request) {
    served.requests.add(request.method().name() + " " + request.uri());
    if (request.method() != HttpMethod.GET) {
      request
          .response()
          .setStatusCode(405)
          .putHeader("Content-Type", "text/plain; charset=UTF-8")
          .putHeader("Allow", "GET")
          .end(
              "method "
                  + request.method().name()
                  + " not allowed: this sample's Linkerd admin port is read-only\n");
      return;
    }
    switch (request.path()) {
      case "/metrics" ->
          reply(
              request,
              200,
              "text/plain; version=0.0.4",
              LinkerdMetricsText.render(served.proxy, counters.read(served.proxy), now.get()));
      case "/ready" -> reply(request, 200, "text/plain", "ready\n");
      case "/live" -> reply(request, 200, "text/plain", "live\n");
      default -> reply(request, 404, "text/plain", "not found\n");
    }
  }

  private static void reply(
      HttpServerRequest request, int status, String contentType, String body) {
    request.response().setStatusCode(status).putHeader("Content-Type", contentType).end(body);
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
   * One proxy as served: the proxy, where its admin port listens, and what it was sent.
   *
   * <p>Thread-safe.
   */
  public static final class ServedProxy {
    private final LinkerdProxy proxy;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile int port;

    private ServedProxy(LinkerdProxy proxy) {
      this.proxy = proxy;
    }

    private void bound(int actualPort) {
      this.port = actualPort;
    }

    /** The proxy. */
    public LinkerdProxy proxy() {
      return proxy;
    }

    /** Where its admin port listens on loopback; empty until started. */
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
