package dev.sidescope.collectors.envoy;

import dev.sidescope.topology.model.proxy.ConfigTree;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One Envoy's admin API, read-only: {@code GET /stats}, {@code /clusters}, {@code /server_info},
 * {@code /ready} and {@code /config_dump}, nothing else. The admin API also has endpoints that
 * change Envoy ({@code /quitquitquit}, {@code /healthcheck/fail}, {@code /logging}, {@code
 * /reset_counters}, ...); this client has no way to call them: every request goes through {@link
 * #get}, which allows only the paths in {@link #READ_ONLY_PATHS} and only the GET method.
 *
 * <p>Threading: thread-safe; every call blocks its caller on the network, so call it off the UI
 * thread. A failure is an {@link IOException} whose message is one sentence. Clients made with
 * {@link #EnvoyAdmin(URI, Duration, HttpClient)} share that HTTP client and its kept-alive
 * connections: one for a hundred Envoys, not a hundred.
 */
public final class EnvoyAdmin {
  /** The only paths this client asks for. */
  public static final Set<String> READ_ONLY_PATHS =
      Set.of("/stats", "/clusters", "/server_info", "/ready", "/config_dump");

  /** How {@code /config_dump} may be long: an Istio sidecar's runs to megabytes, not to 64. */
  static final int MAX_CONFIG_DUMP = 64 << 20;

  private final URI base;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * A client of the admin API at {@code base}, e.g. {@code http://127.0.0.1:15000}.
   *
   * @param timeout for each request, connecting included
   */
  public EnvoyAdmin(URI base, Duration timeout) {
    this(base, timeout, httpClient(timeout));
  }

  /**
   * A client of the admin API at {@code base} that sends its requests through {@code http}, which
   * may serve many admin APIs at once (make it with {@link #httpClient(Duration)}).
   *
   * @param timeout for each request until the answer's headers have come, and again for its body to
   *     come whole (ten times that for {@code /config_dump})
   */
  public EnvoyAdmin(URI base, Duration timeout, HttpClient http) {
    this.base = Objects.requireNonNull(base, "base");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = Objects.requireNonNull(http, "http");
  }

  /**
   * An HTTP client fit for admin APIs: HTTP/1.1 (admin ports speak nothing else; no upgrade is
   * tried), no redirects, connections kept alive between polls.
   */
  public static HttpClient httpClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
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
      query.append("&filter=").append(URLEncoder.encode(filter, StandardCharsets.UTF_8));
    }
    try (InputStream in = get("/stats", query.toString())) {
      return json
          ? EnvoyStatsReader.json(in)
          : EnvoyStatsReader.text(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
  }

  /**
   * {@code /clusters?format=json}: each upstream cluster with its hosts' health. An Envoy too old
   * for {@code format=json} answers in text, which is read as text.
   */
  public Map<String, EnvoyClusters.Cluster> clusters() throws IOException {
    try (InputStream in = new BufferedInputStream(get("/clusters", "format=json"), 1 << 16)) {
      in.mark(4096);
      int c;
      do {
        c = in.read();
      } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
      in.reset();
      return c == '{'
          ? EnvoyClusters.json(in)
          : EnvoyClusters.text(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
  }

  /**
   * {@code /config_dump}, read as it streams in, with every secret redacted ({@link
   * EnvoyConfigDump}).
   *
   * @throws IOException also when the answer is not JSON
   */
  public ConfigTree configDump() throws IOException {
    try (InputStream in = get("/config_dump", null)) {
      return EnvoyConfigDump.read(in, MAX_CONFIG_DUMP);
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

  /** An answer other than 200: the admin API is there, but would not give what was asked. */
  public static final class AdminStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String path;

    AdminStatusException(String message, int status, String path) {
      super(message);
      this.status = status;
      this.path = path;
    }

    /** The HTTP status it answered, e.g. 503. */
    public int status() {
      return status;
    }

    /** The path asked for, e.g. {@code /stats}. */
    public String path() {
      return path;
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
              + ".",
          response.statusCode(),
          path);
    }
    // The request's timeout ends with the headers; the body gets its own, longer for a dump.
    return BoundedBody.of(
        response.body(), path.equals("/config_dump") ? timeout.multipliedBy(10) : timeout);
  }
}
