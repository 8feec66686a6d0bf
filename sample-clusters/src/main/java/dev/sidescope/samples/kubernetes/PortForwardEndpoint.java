package dev.sidescope.samples.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/namespaces/NS/pods/POD/portforward?ports=N}: a port-forward over a web socket,
 * in the channel protocol the kubelet speaks ({@code v4.channel.k8s.io}, which fabric8's {@code
 * portForward} asks for). Port {@code i} of the request gets data channel {@code 2i} and error
 * channel {@code 2i+1}; every binary message starts with its channel's number, and the first
 * message on each channel carries the port as two little-endian bytes. Each port's bytes are
 * relayed to and from a TCP connection to where {@link PortForwardTargets} says the port leads.
 *
 * <p>As on a real node: a port that leads nowhere or refuses the connection gets the kubelet's
 * "error forwarding port" message on its error channel; the web socket closes once every port's
 * connection has ended, and closing the web socket closes every connection. An unknown pod is a 404
 * Status before any upgrade, and a request that does not ask for a web socket a 400 ("Upgrade
 * request required"), as from the API server. A web socket that offers {@code
 * SPDY/3.1+portforward.k8s.io}, as {@code kubectl port-forward} does, gets SPDY inside it (see
 * {@link SpdyPortForward}) and names its ports in the streams, not in the URL; SPDY over a plain
 * HTTP upgrade, kubectl's fallback, is not spoken: it gets a 400 saying how to ask for a web socket
 * instead.
 *
 * <p>Nothing in the sample changes. Called on event-loop threads; each forward's web socket and
 * connections run on the event loop of the request, so a forward's state is touched by one thread.
 */
final class PortForwardEndpoint {
  private static final Pattern PATH =
      Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/portforward$");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final KubernetesCrudDispatcher crud;
  private final NetClient net;
  private final Supplier<PortForwardTargets> targets;

  PortForwardEndpoint(
      KubernetesCrudDispatcher crud, NetClient net, Supplier<PortForwardTargets> targets) {
    this.crud = crud;
    this.net = net;
    this.targets = targets;
  }

  /** True for a request on a pod's {@code portforward} subresource, whatever its method. */
  static boolean handles(HttpServerRequest request) {
    return PATH.matcher(request.path()).matches();
  }

  void handle(HttpServerRequest request) {
    Matcher m = PATH.matcher(request.path());
    if (!m.matches()) {
      fail(
          request,
          HttpURLConnection.HTTP_NOT_FOUND,
          "NotFound",
          "the server could not find the requested resource");
      return;
    }
    String namespace = m.group(1);
    String podName = m.group(2);
    MockResponse stored = crud.handleGet("/api/v1/namespaces/" + namespace + "/pods/" + podName);
    if (stored.code() != HttpURLConnection.HTTP_OK || stored.getBody() == null) {
      fail(
          request,
          HttpURLConnection.HTTP_NOT_FOUND,
          "NotFound",
          "pods \"" + podName + "\" not found");
      return;
    }
    Pod pod =
        SERIALIZATION.unmarshal(
            new String(stored.getBody().getBytes(), StandardCharsets.UTF_8), Pod.class);
    String uid = pod.getMetadata().getUid() == null ? "" : pod.getMetadata().getUid();
    if (asksForWebSocket(request) && offersSpdyTunnel(request)) {
      // kubectl names the ports in each stream's headers, not in the URL.
      PortForwardTargets lookup = targets.get();
      request
          .toWebSocket()
          .onSuccess(
              socket -> new SpdyPortForward(socket, net, namespace, podName, uid, lookup).start());
      return;
    }
    if (asksForSpdy(request)) {
      fail(
          request,
          HttpURLConnection.HTTP_BAD_REQUEST,
          "BadRequest",
          "the sample serves port-forward over web sockets only: with kubectl 1.30, set"
              + " KUBECTL_PORT_FORWARD_WEBSOCKETS=true");
      return;
    }
    Ports ports = Ports.parse(request.params().getAll("ports"));
    if (ports.problem().isPresent()) {
      fail(request, HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest", ports.problem().get());
      return;
    }
    if (!asksForWebSocket(request)) {
      fail(request, HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest", "Upgrade request required");
      return;
    }
    PortForwardTargets lookup = targets.get();
    request
        .toWebSocket()
        .onSuccess(
            socket ->
                new Forward(socket, namespace, podName, uid, ports.numbers(), lookup).start());
  }

  /** The ports a request names, or why they cannot be forwarded. */
  private record Ports(List<Integer> numbers, Optional<String> problem) {
    static Ports parse(List<String> values) {
      List<Integer> numbers = new ArrayList<>();
      for (String value : values) {
        for (String part : value.split(",")) {
          String port = part.trim();
          int number;
          try {
            number = Integer.parseInt(port);
          } catch (NumberFormatException e) {
            number = -1;
          }
          if (number < 1 || number > 65535) {
            return new Ports(
                List.of(),
                Optional.of(
                    "\"" + port + "\" is not a port number: ports are whole numbers 1 to 65535"));
          }
          numbers.add(number);
        }
      }
      if (numbers.isEmpty()) {
        return new Ports(
            List.of(),
            Optional.of("at least one port must be given in the \"ports\" query parameter"));
      }
      return new Ports(List.copyOf(numbers), Optional.empty());
    }
  }

  /** One web socket and the TCP connection behind each of its ports. */
  private final class Forward {
    private final ServerWebSocket socket;
    private final String namespace;
    private final String pod;
    private final String uid;
    private final List<Integer> ports;
    private final PortForwardTargets lookup;
    private final NetSocket[] connections;
    private final boolean[] ended;
    private int connecting;
    private boolean closed;

    Forward(
        ServerWebSocket socket,
        String namespace,
        String pod,
        String uid,
        List<Integer> ports,
        PortForwardTargets lookup) {
      this.socket = socket;
      this.namespace = namespace;
      this.pod = pod;
      this.uid = uid;
      this.ports = ports;
      this.lookup = lookup;
      this.connections = new NetSocket[ports.size()];
      this.ended = new boolean[ports.size()];
      this.connecting = ports.size();
    }

    void start() {
      // Bytes the client sends before the connections are up wait in the web socket.
      socket.pause();
      socket.binaryMessageHandler(this::fromClient);
      socket.textMessageHandler(text -> {});
      socket.closeHandler(gone -> closeConnections());
      socket.exceptionHandler(failure -> socket.close());
      for (int i = 0; i < ports.size(); i++) {
        Buffer port = Buffer.buffer(2).appendUnsignedShortLE(ports.get(i));
        socket.writeBinaryMessage(framed(dataChannel(i), port));
        socket.writeBinaryMessage(framed(dataChannel(i) + 1, port));
      }
      for (int i = 0; i < ports.size(); i++) {
        connect(i);
      }
    }

    private void connect(int i) {
      int port = ports.get(i);
      Optional<InetSocketAddress> target = lookup.target(namespace, pod, port);
      if (target.isEmpty()) {
        failed(i, "connection refused");
        return;
      }
      InetSocketAddress address = target.get();
      net.connect(address.getPort(), address.getHostString())
          .onSuccess(connection -> connected(i, connection))
          .onFailure(failure -> failed(i, reason(failure)));
    }

    private void connected(int i, NetSocket connection) {
      if (closed) {
        connection.close();
        return;
      }
      connections[i] = connection;
      connection.handler(bytes -> toClient(i, connection, bytes));
      connection.closeHandler(gone -> ended(i));
      connection.exceptionHandler(failure -> connection.close());
      settled();
    }

    private void failed(int i, String reason) {
      if (!closed) {
        String message = forwardingError(ports.get(i), pod, uid, reason);
        socket.writeBinaryMessage(
            framed(dataChannel(i) + 1, Buffer.buffer(message.getBytes(StandardCharsets.UTF_8))));
      }
      settled();
      ended(i);
    }

    /** One more port has connected or failed; once all have, the client's bytes may flow. */
    private void settled() {
      connecting--;
      if (connecting == 0 && !closed) {
        socket.resume();
      }
    }

    private void fromClient(Buffer message) {
      if (message.length() == 0) {
        return;
      }
      int channel = message.getUnsignedByte(0);
      // Only data channels carry bytes towards the pod; anything else is dropped, as the kubelet
      // drops writes to a channel it only writes.
      if (channel % 2 != 0 || channel / 2 >= ports.size()) {
        return;
      }
      NetSocket connection = connections[channel / 2];
      if (connection == null || ended[channel / 2]) {
        return;
      }
      connection.write(message.getBuffer(1, message.length()));
      if (connection.writeQueueFull()) {
        socket.pause();
        connection.drainHandler(drained -> socket.resume());
      }
    }

    private void toClient(int i, NetSocket connection, Buffer bytes) {
      if (closed) {
        return;
      }
      socket.writeBinaryMessage(framed(dataChannel(i), bytes));
      if (socket.writeQueueFull()) {
        connection.pause();
        socket.drainHandler(drained -> resumeConnections());
      }
    }

    private void resumeConnections() {
      for (int i = 0; i < connections.length; i++) {
        if (connections[i] != null && !ended[i]) {
          connections[i].resume();
        }
      }
    }

    /** Port {@code i}'s connection is over; the web socket closes when every port's is. */
    private void ended(int i) {
      if (ended[i]) {
        return;
      }
      ended[i] = true;
      for (boolean e : ended) {
        if (!e) {
          return;
        }
      }
      if (!closed && !socket.isClosed()) {
        socket.close();
      }
    }

    private void closeConnections() {
      closed = true;
      for (NetSocket connection : connections) {
        if (connection != null) {
          connection.close();
        }
      }
    }
  }

  private static int dataChannel(int port) {
    return 2 * port;
  }

  private static Buffer framed(int channel, Buffer bytes) {
    return Buffer.buffer(1 + bytes.length()).appendByte((byte) channel).appendBuffer(bytes);
  }

  /** The kubelet's message for a port it could not connect to in a pod. */
  static String forwardingError(int port, String pod, String uid, String reason) {
    return "error forwarding port "
        + port
        + " to pod "
        + pod
        + ", uid "
        + uid
        + ": failed to connect to localhost:"
        + port
        + " inside the pod: "
        + reason;
  }

  /** A connection failure as the kubelet's dialer words it ("connection refused"). */
  static String reason(Throwable failure) {
    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    return message.toLowerCase(Locale.ROOT).contains("connection refused")
        ? "connection refused"
        : message;
  }

  private static boolean offersSpdyTunnel(HttpServerRequest request) {
    String offered = request.getHeader("Sec-WebSocket-Protocol");
    if (offered == null) {
      return false;
    }
    for (String protocol : offered.split(",")) {
      if (protocol.trim().equals(SpdyPortForward.PROTOCOL)) {
        return true;
      }
    }
    return false;
  }

  private static boolean asksForSpdy(HttpServerRequest request) {
    String upgrade = request.getHeader("Upgrade");
    return upgrade != null && upgrade.toUpperCase(Locale.ROOT).startsWith("SPDY/");
  }

  private static boolean asksForWebSocket(HttpServerRequest request) {
    String upgrade = request.getHeader("Upgrade");
    return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
  }

  private static void fail(HttpServerRequest request, int code, String reason, String message) {
    request
        .response()
        .setStatusCode(code)
        .putHeader("Content-Type", "application/json")
        .end(KubernetesDiscovery.status(code, reason, message));
  }
}
