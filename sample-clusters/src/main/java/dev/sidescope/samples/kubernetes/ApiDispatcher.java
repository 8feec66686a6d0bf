package dev.sidescope.samples.kubernetes;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.util.Optional;

/**
 * What the sample's API server answers before the CRUD store: discovery documents and {@code
 * /version} (with any query string, since {@code kubectl} adds {@code ?timeout=32s}), health
 * checks, and 404 for the OpenAPI documents, so that {@code kubectl} falls back to what it needs.
 * Everything else (GET, LIST, WATCH, and writes) goes to fabric8's CRUD dispatcher.
 *
 * <p>Called on the HTTP server's event-loop threads; thread-safe (the discovery is immutable, the
 * CRUD dispatcher locks its store).
 */
final class ApiDispatcher extends Dispatcher {
  private final KubernetesCrudDispatcher crud;
  private final KubernetesDiscovery discovery;

  ApiDispatcher(KubernetesCrudDispatcher crud, KubernetesDiscovery discovery) {
    this.crud = crud;
    this.discovery = discovery;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = pathOf(request.getPath());
    if ("GET".equalsIgnoreCase(request.getMethod())) {
      if (path.equals("/version") || path.equals("/version/")) {
        return json(HttpURLConnection.HTTP_OK, KubernetesDiscovery.version());
      }
      if (path.equals("/healthz") || path.equals("/livez") || path.equals("/readyz")) {
        return new MockResponse()
            .setResponseCode(HttpURLConnection.HTTP_OK)
            .setHeader("Content-Type", "text/plain; charset=utf-8")
            .setBody("ok");
      }
      if (path.startsWith("/openapi/")) {
        return notFound();
      }
      Optional<String> document = discovery.document(path);
      if (document.isPresent()) {
        return json(HttpURLConnection.HTTP_OK, document.get());
      }
      if (discovery.isUnknownGroupPath(path)) {
        return notFound();
      }
    }
    MockResponse response = crud.dispatch(request);
    if (response == null) {
      return json(
          HttpURLConnection.HTTP_BAD_METHOD,
          KubernetesDiscovery.status(
              HttpURLConnection.HTTP_BAD_METHOD,
              "MethodNotAllowed",
              "the server does not allow this method on the requested resource"));
    }
    if (response.getWebSocketListener() == null && response.header("Content-Type") == null) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  /** The path without its query string. */
  static String pathOf(String target) {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  private static MockResponse notFound() {
    return json(
        HttpURLConnection.HTTP_NOT_FOUND,
        KubernetesDiscovery.status(
            HttpURLConnection.HTTP_NOT_FOUND,
            "NotFound",
            "the server could not find the requested resource"));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }
}
