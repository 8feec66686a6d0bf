package dev.sidescope.collectors.envoy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One Envoy's admin API, read-only: {@code GET /stats}, {@code /clusters}, {@code /server_info} and
 * {@code /ready}, nothing else. The admin API also has endpoints that change Envoy ({@code
 * /quitquitquit}, {@code /healthcheck/fail}, {@code /logging}, {@code /reset_counters}, ...); this
 * client has no way to call them: every request goes through {@link #get}, which allows only the
 * paths in {@link #READ_ONLY_PATHS} and only the GET method.
 *
 * <p>Threading: thread-safe; every call blocks its caller on the network, so call it off the UI
 * thread. A failure is an {@link IOException} whose message is one sentence.
 */
public final class EnvoyAdmin {
  /** The only paths this client asks for. */
  public static final Set<String> READ_ONLY_PATHS =
      Set.of("/stats", "/clusters", "/server_info", "/ready");

  private final URI base;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * A client of the admin API at {@code base}, e.g. {@code http://127.0.0.1:15000}.
   *
   * @param timeout for each request, connecting included
   */
  public EnvoyAdmin(URI base, Duration timeout) {
    this.base = Objects.requireNonNull(base, "base");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Where it reads. */
  public URI base() {
    return base;
  }

  /**
   * {@code /stats}, as JSON when {@code json}; only the stats that have been used ({@code
   * usedonly}), and only those matching {@code filter} (a regular expression) when one is given.
   */
  public EnvoyStats stats(boolean json, String filter) throws IOException {
    StringBuilder query = new StringBuilder("usedonly");
    if (json) {
      query.append("&format=json");
    }
    if (filter != null && !filter.isEmpty()) {
      query.append("&filter=").append(java.net.URLEncoder.encode(filter, StandardCharsets.UTF_8));
    }
    try (InputStream in = get("/stats", query.toString())) {
      return json
          ? EnvoyStatsReader.json(in)
          : EnvoyStatsReader.text(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
  }

  /** {@code /clusters?format=json}: each upstream cluster with its hosts' health. */
  public Map<String, EnvoyClusters.Cluster> clusters() throws IOException {
    try (InputStream in = get("/clusters", "format=json")) {
      return EnvoyClusters.json(in);
    }
  }

  /** {@code /ready}: whether Envoy says it is ready to serve. */
  public boolean ready() throws IOException {
    try (InputStream in = get("/ready", null)) {
      return new String(in.readNBytes(64), StandardCharsets.UTF_8).strip().equals("LIVE");
    } catch (AdminStatusException e) {
      return false; // 503 while starting or draining
    }
  }

  /** {@code /server_info} as Envoy prints it (JSON), at most 1 MB. */
  public String serverInfo() throws IOException {
    try (InputStream in = get("/server_info", null)) {
      return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
    }
  }

  /** An answer other than 200. */
  static final class AdminStatusException extends IOException {
    private static final long serialVersionUID = 1L;

    AdminStatusException(String message) {
      super(message);
    }
  }

  /** The one way out: a GET of a read-only path. */
  private InputStream get(String path, String query) throws IOException {
    if (!READ_ONLY_PATHS.contains(path)) {
      throw new IllegalArgumentException("not a read-only admin path: " + path);
    }
    URI uri = base.resolve(path + (query == null ? "" : "?" + query));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while reading Envoy's admin API at " + base + ".", e);
    } catch (IOException e) {
      throw new IOException("Envoy's admin API at " + base + " could not be reached.", e);
    }
    if (response.statusCode() != 200) {
      response.body().close();
      throw new AdminStatusException(
          "Envoy's admin API at "
              + base
              + " answered "
              + response.statusCode()
              + " to "
              + path
              + ".");
    }
    return response.body();
  }
}
