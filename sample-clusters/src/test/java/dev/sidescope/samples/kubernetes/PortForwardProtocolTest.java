package dev.sidescope.samples.kubernetes;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The port-forward web socket read frame by frame with the JDK's web-socket client: the channel
 * protocol with several ports, and a SPDY tunnel that is sent something other than SPDY.
 */
class PortForwardProtocolTest {
  private static final int HTTP_PORT = 9901;
  private static final int CLOSED_PORT = 9904;

  private static SampleKubernetesApi api;
  private static KubernetesClient client;
  private static HttpServer target;
  private static String pod;

  @BeforeAll
  static void serveTheSeedWithATarget() throws Exception {
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext(
        "/",
        exchange -> {
          byte[] body =
              ("answered " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    target.start();
    api = ServedClusters.seedApi();
    api.forwardPortsTo(
        (namespace, name, port) ->
            port == HTTP_PORT ? Optional.of(target.getAddress()) : Optional.empty());
    client = ServedClusters.client(api.start(0));
    pod = client.pods().inNamespace("shop").list().getItems().get(0).getMetadata().getName();
  }

  @AfterAll
  static void stop() {
    client.close();
    api.stop();
    target.stop(0);
  }

  @Test
  void eachPortHasADataAndAnErrorChannelThatFirstCarryThePort() throws Exception {
    Messages messages = new Messages();
    WebSocket socket =
        open("?ports=" + HTTP_PORT + "&ports=" + CLOSED_PORT, "v4.channel.k8s.io", messages);

    for (int channel = 0; channel < 4; channel++) {
      ByteBuffer first = messages.next();
      assertThat(first.get()).isEqualTo((byte) channel);
      assertThat(first.order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff)
          .isEqualTo(channel < 2 ? HTTP_PORT : CLOSED_PORT);
      assertThat(first.remaining()).isZero();
    }
    ByteBuffer error = messages.next();
    assertThat(error.get()).isEqualTo((byte) 3);
    assertThat(StandardCharsets.UTF_8.decode(error).toString())
        .startsWith("error forwarding port " + CLOSED_PORT + " to pod " + pod)
        .endsWith("connection refused");

    byte[] request =
        "GET /through-channel-0 HTTP/1.1\r\nHost: pod\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    socket
        .sendBinary(ByteBuffer.allocate(1 + request.length).put((byte) 0).put(request).flip(), true)
        .get(10, SECONDS);
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    while (!answer.toString(StandardCharsets.UTF_8).endsWith("answered /through-channel-0")) {
      ByteBuffer data = messages.next();
      assertThat(data.get()).as("the channel of an answer").isEqualTo((byte) 0);
      answer.write(data.array(), data.position(), data.remaining());
    }
    assertThat(answer.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, SECONDS);
  }

  @Test
  void aSpdyTunnelSentSomethingElseIsClosedAndTheApiKeepsServing() throws Exception {
    // The JDK's client refuses "/" in a sub-protocol, as kubectl's does not: Vert.x's allows it.
    Vertx vertx = Vertx.vertx();
    try {
      io.vertx.core.http.WebSocket socket =
          vertx
              .createWebSocketClient()
              .connect(
                  new WebSocketConnectOptions()
                      .setHost("127.0.0.1")
                      .setPort(api.port())
                      .setURI("/api/v1/namespaces/shop/pods/" + pod + "/portforward")
                      .addSubProtocol(SpdyPortForward.PROTOCOL))
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, SECONDS);
      CompletableFuture<Short> closed = new CompletableFuture<>();
      socket.closeHandler(gone -> closed.complete(socket.closeStatusCode()));
      // A SYN_STREAM control frame whose header block is not zlib data.
      Buffer frame =
          Buffer.buffer()
              .appendUnsignedShort(0x8003)
              .appendUnsignedShort(1)
              .appendByte((byte) 0)
              .appendMedium(14)
              .appendInt(1)
              .appendInt(0)
              .appendUnsignedShort(0)
              .appendString("nope");

      socket.writeBinaryMessage(frame);

      assertThat(socket.subProtocol()).isEqualTo(SpdyPortForward.PROTOCOL);
      assertThat(closed.get(10, SECONDS)).isEqualTo((short) 1002);
      assertThat(client.pods().inNamespace("shop").withName(pod).get()).isNotNull();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, SECONDS);
    }
  }

  private static WebSocket open(String query, String protocol, WebSocket.Listener listener)
      throws Exception {
    URI uri =
        URI.create(
            "ws://127.0.0.1:"
                + api.port()
                + "/api/v1/namespaces/shop/pods/"
                + pod
                + "/portforward"
                + query);
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .subprotocols(protocol)
        .buildAsync(uri, listener)
        .get(10, SECONDS);
  }

  /** Whole binary messages as they arrive. */
  private static final class Messages implements WebSocket.Listener {
    private final BlockingQueue<ByteBuffer> received = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    ByteBuffer next() throws InterruptedException {
      ByteBuffer message = received.poll(10, SECONDS);
      assertThat(message).as("no message within 10 s").isNotNull();
      return message;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      partial.write(bytes, 0, bytes.length);
      if (last) {
        received.add(ByteBuffer.wrap(partial.toByteArray()));
        partial.reset();
      }
      socket.request(1);
      return null;
    }
  }
}
