package dev.sidescope.samples;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches over plain HTTP ({@code ?watch=true} without a web-socket upgrade), as {@code kubectl get
 * -w} and {@code kubectl logs deploy/X} make them: the store's watch, which speaks web sockets,
 * written instead as the API server's stream of newline-delimited watch events on a chunked
 * response. Ends when the client closes, after {@code timeoutSeconds}, or when the server stops.
 *
 * <p>Called on event-loop threads; the store sends events from its own threads, and Vert.x hands
 * the writes to the response's event loop. Thread-safe.
 */
final class HttpWatchEndpoint {
  private final Dispatcher api;
  private final Vertx vertx;

  HttpWatchEndpoint(Dispatcher api, Vertx vertx) {
    this.api = api;
    this.vertx = vertx;
  }

  /** True for a GET that asks to watch and does not ask for a web socket. */
  static boolean handles(HttpServerRequest request) {
    if (request.method() != io.vertx.core.http.HttpMethod.GET) {
      return false;
    }
    String watch = request.getParam("watch");
    String upgrade = request.getHeader("Upgrade");
    boolean webSocket = upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    return !webSocket && ("true".equals(watch) || "1".equals(watch));
  }

  void handle(HttpServerRequest request) {
    RecordedRequest recorded =
        new RecordedRequest(
            "HTTP/1.1",
            HttpMethod.GET,
            request.uri(),
            Headers.builder().addAll(request.headers()).build(),
            new Buffer(new byte[0]));
    MockResponse answer = api.dispatch(recorded);
    HttpServerResponse response = request.response();
    WebSocketListener listener = answer.getWebSocketListener();
    if (listener == null) {
      response.setStatusCode(answer.code());
      answer.getHeaders().toMultimap().forEach((k, v) -> response.headers().add(k, v));
      Buffer body = answer.getBody();
      response.end(
          body == null
              ? io.vertx.core.buffer.Buffer.buffer()
              : io.vertx.core.buffer.Buffer.buffer(body.getBytes()));
      return;
    }
    response.setStatusCode(200);
    response.putHeader("Content-Type", "application/json");
    response.setChunked(true);
    String since = request.getParam("resourceVersion");
    long after = since != null && since.matches("\\d{1,18}") ? Long.parseLong(since) : 0;
    EventStream stream = new EventStream(recorded, response, after);
    response.closeHandler(closed -> stream.close(listener));
    String timeout = request.getParam("timeoutSeconds");
    if (timeout != null && timeout.matches("\\d{1,6}")) {
      vertx.setTimer(
          Math.max(1, Long.parseLong(timeout)) * 1000,
          id -> {
            if (!response.ended() && !response.closed()) {
              response.end();
            }
          });
    }
    listener.onOpen(stream, answer);
  }

  /**
   * The store's side of the watch: each message it sends becomes one line of the response. The
   * store opens every watch by announcing everything it holds as ADDED; a client that watches from
   * a resource version (after listing) has those already, so they are left out, as the API server
   * would.
   */
  private static final class EventStream implements WebSocket {
    private static final Pattern RESOURCE_VERSION =
        Pattern.compile("\"resourceVersion\":\"(\\d+)\"");

    private final RecordedRequest request;
    private final HttpServerResponse response;
    private final long after;
    private final AtomicBoolean closed = new AtomicBoolean();

    EventStream(RecordedRequest request, HttpServerResponse response, long after) {
      this.request = request;
      this.response = response;
      this.after = after;
    }

    @Override
    public RecordedRequest request() {
      return request;
    }

    @Override
    public boolean send(String text) {
      if (closed.get() || response.closed() || response.ended()) {
        return false;
      }
      if (after > 0 && text.endsWith("\"type\":\"ADDED\"}")) {
        // The object's own resource version is the first one in the event.
        Matcher m = RESOURCE_VERSION.matcher(text);
        if (m.find() && Long.parseLong(m.group(1)) <= after) {
          return true;
        }
      }
      response.write(text.endsWith("\n") ? text : text + "\n");
      return true;
    }

    @Override
    public boolean send(byte[] bytes) {
      return send(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public boolean close(int code, String reason) {
      if (!response.ended() && !response.closed()) {
        response.end();
      }
      return true;
    }

    /** The client went away (or the server stopped): the store forgets this watch. */
    void close(WebSocketListener listener) {
      if (closed.compareAndSet(false, true)) {
        listener.onClosed(this, 1000, "the client closed the watch");
      }
    }
  }
}
