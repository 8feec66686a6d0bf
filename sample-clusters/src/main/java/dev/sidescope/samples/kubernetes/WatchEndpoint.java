package dev.sidescope.samples.kubernetes;

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
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every watch ({@code ?watch=true}): the store's watch (see {@link SampleStore}) carried over a web
 * socket, as fabric8's informers ask, or over plain HTTP, as {@code kubectl get -w} and {@code
 * kubectl logs deploy/X} ask, as the API server's stream of newline-delimited watch events on a
 * chunked response. Ends when the client closes, after {@code timeoutSeconds}, or when the server
 * stops.
 *
 * <p>Writes never wait for the client: Vert.x queues them and hands them to the connection's event
 * loop, so the store can send from whichever thread changed it, and closing a watch never waits for
 * events still being sent.
 *
 * <p>Called on event-loop threads; thread-safe.
 */
final class WatchEndpoint {
  private final Dispatcher api;
  private final Vertx vertx;

  WatchEndpoint(Dispatcher api, Vertx vertx) {
    this.api = api;
    this.vertx = vertx;
  }

  /** True for a GET that asks to watch. */
  static boolean handles(HttpServerRequest request) {
    if (request.method() != io.vertx.core.http.HttpMethod.GET) {
      return false;
    }
    String watch = request.getParam("watch");
    return "true".equals(watch) || "1".equals(watch);
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
    WebSocketListener listener = answer.getWebSocketListener();
    if (listener == null) {
      HttpServerResponse response = request.response();
      response.setStatusCode(answer.code());
      answer.getHeaders().toMultimap().forEach((k, v) -> response.headers().add(k, v));
      Buffer body = answer.getBody();
      response.end(
          body == null
              ? io.vertx.core.buffer.Buffer.buffer()
              : io.vertx.core.buffer.Buffer.buffer(body.getBytes()));
      return;
    }
    if (asksForWebSocket(request)) {
      request
          .toWebSocket()
          .onSuccess(socket -> open(request, new SocketStream(recorded, socket), listener, answer))
          .onFailure(failure -> listener.onFailure(null, failure, null));
    } else {
      HttpServerResponse response = request.response();
      response.setStatusCode(200);
      response.putHeader("Content-Type", "application/json");
      response.setChunked(true);
      open(request, new LineStream(recorded, response), listener, answer);
    }
  }

  private void open(
      HttpServerRequest request, Stream stream, WebSocketListener listener, MockResponse answer) {
    stream.onEnd(() -> stream.forget(listener));
    String timeout = request.getParam("timeoutSeconds");
    if (timeout != null && timeout.matches("\\d{1,6}")) {
      vertx.setTimer(
          Math.max(1, Long.parseLong(timeout)) * 1000, id -> stream.close(1000, "timeout"));
    }
    listener.onOpen(stream, answer);
  }

  private static boolean asksForWebSocket(HttpServerRequest request) {
    String upgrade = request.getHeader("Upgrade");
    return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
  }

  /** The client's side of a watch, as the store sees it. */
  private abstract static class Stream implements WebSocket {
    private final RecordedRequest request;
    private final AtomicBoolean forgotten = new AtomicBoolean();

    Stream(RecordedRequest request) {
      this.request = request;
    }

    @Override
    public RecordedRequest request() {
      return request;
    }

    @Override
    public boolean send(byte[] bytes) {
      return send(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Runs {@code action} once the client has gone away or the server has stopped. */
    abstract void onEnd(Runnable action);

    /** The store forgets this watch. */
    void forget(WebSocketListener listener) {
      if (forgotten.compareAndSet(false, true)) {
        listener.onClosed(this, 1000, "the watch ended");
      }
    }
  }

  /** A watch over a web socket: one text message per event. */
  private static final class SocketStream extends Stream {
    private final ServerWebSocket socket;

    SocketStream(RecordedRequest request, ServerWebSocket socket) {
      super(request);
      this.socket = socket;
    }

    @Override
    public boolean send(String text) {
      if (socket.isClosed()) {
        return false;
      }
      socket.writeTextMessage(text);
      return true;
    }

    @Override
    public boolean close(int code, String reason) {
      if (!socket.isClosed()) {
        socket.close((short) code, reason);
      }
      return true;
    }

    @Override
    void onEnd(Runnable action) {
      socket.closeHandler(closed -> action.run());
      socket.exceptionHandler(failure -> action.run());
    }
  }

  /** A watch over plain HTTP: one line per event on a chunked response. */
  private static final class LineStream extends Stream {
    private final HttpServerResponse response;

    LineStream(RecordedRequest request, HttpServerResponse response) {
      super(request);
      this.response = response;
    }

    @Override
    public boolean send(String text) {
      if (response.closed() || response.ended()) {
        return false;
      }
      response.write(text.endsWith("\n") ? text : text + "\n");
      return true;
    }

    @Override
    public boolean close(int code, String reason) {
      if (!response.ended() && !response.closed()) {
        response.end();
      }
      return true;
    }

    @Override
    void onEnd(Runnable action) {
      response.closeHandler(closed -> action.run());
      response.endHandler(ended -> action.run());
    }
  }
}
