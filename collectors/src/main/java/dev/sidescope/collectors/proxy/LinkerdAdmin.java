package dev.sidescope.collectors.proxy;

import dev.sidescope.collectors.envoy.BoundedBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A Linkerd proxy's admin port, read-only: {@code GET /metrics} and {@code /ready}, nothing else
 * (its {@code /shutdown} is never asked for). Every request goes through {@link #get}, which allows
 * only the paths in {@link #READ_ONLY_PATHS} and only the GET method.
 *
 * <p>Threading: thread-safe; every call blocks its caller on the network. Shares the HTTP client it
 * is given. A failure is an {@link IOException}.
 */
final class LinkerdAdmin {
  /** The only paths this client asks for. */
  static final Set<String> READ_ONLY_PATHS = Set.of("/metrics", "/ready");

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  LinkerdAdmin(URI base, Duration timeout, HttpClient http) {
    this.base = Objects.requireNonNull(base, "base");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** {@code /metrics}, read as it streams in. */
  LinkerdMetrics metrics() throws IOException {
    try (InputStream in = get("/metrics")) {
      return LinkerdMetrics.read(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
  }

  /** Whether {@code /ready} answers 200. */
  boolean ready() throws IOException {
    try (InputStream in = get("/ready")) {
      in.readNBytes(64);
      return true;
    } catch (StatusException e) {
      return false;
    }
  }

  /** An answer other than 200. */
  static final class StatusException extends IOException {
    private static final long serialVersionUID = 1L;

    StatusException(int status, String path) {
      super("answered " + status + " to " + path);
    }
  }

  private InputStream get(String path) throws IOException {
    if (!READ_ONLY_PATHS.contains(path)) {
      throw new IllegalArgumentException("not a read-only admin path: " + path);
    }
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() != 200) {
      response.body().close();
      throw new StatusException(response.statusCode(), path);
    }
    return BoundedBody.of(response.body(), timeout);
  }
}
