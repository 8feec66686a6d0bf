package dev.sidescope.samples.kubernetes;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One port-forward in the protocol {@code kubectl port-forward} speaks over a web socket ({@code
 * SPDY/3.1+portforward.k8s.io}): SPDY/3.1 frames carried as the web socket's binary messages, in
 * which the client opens, for each connection it accepts, an error stream and then a data stream,
 * both with headers {@code port} and {@code requestid}. Every stream is answered with a SYN_REPLY;
 * once both streams of a request are open, a TCP connection to where {@link PortForwardTargets}
 * says the port leads carries the data stream's bytes both ways.
 *
 * <p>As the kubelet does: a port that leads nowhere or refuses gets the "error forwarding port"
 * message on the error stream; when the connection ends, both streams are finished; when the client
 * finishes the data stream (its local connection closed), the connection is closed once what the
 * client sent is written. Pings are answered; flow control is not enforced (Kubernetes' SPDY
 * streams do not rely on it). Closing the web socket closes every connection.
 *
 * <p>Runs on the event loop of its web socket; connections made from there share that loop, so its
 * state is touched by one thread.
 */
final class SpdyPortForward {
  /** The web-socket sub-protocol of SPDY tunnelled for port-forwarding. */
  static final String PROTOCOL = "SPDY/3.1+portforward.k8s.io";

  private static final int SYN_STREAM = 1;
  private static final int SYN_REPLY = 2;
  private static final int RST_STREAM = 3;
  private static final int PING = 6;
  private static final int GOAWAY = 7;
  private static final int FLAG_FIN = 0x01;
  private static final int HEADER_BYTES = 8;

  private final ServerWebSocket socket;
  private final NetClient net;
  private final String namespace;
  private final String pod;
  private final String uid;
  private final PortForwardTargets lookup;
  private final SpdyHeaderBlocks headers = new SpdyHeaderBlocks();
  private final Map<String, Request> requests = new HashMap<>();
  private final Map<Integer, Request> byDataStream = new HashMap<>();
  private Buffer unread = Buffer.buffer();
  private boolean closed;

  SpdyPortForward(
      ServerWebSocket socket,
      NetClient net,
      String namespace,
      String pod,
      String uid,
      PortForwardTargets lookup) {
    this.socket = socket;
    this.net = net;
    this.namespace = namespace;
    this.pod = pod;
    this.uid = uid;
    this.lookup = lookup;
  }

  void start() {
    socket.binaryMessageHandler(this::read);
    socket.textMessageHandler(text -> {});
    socket.closeHandler(gone -> closeConnections());
    socket.exceptionHandler(failure -> socket.close());
  }

  /** Frames may span messages and messages may hold several frames: read whole frames only. */
  private void read(Buffer message) {
    unread = unread.length() == 0 ? message : unread.appendBuffer(message);
    while (!closed && unread.length() >= HEADER_BYTES) {
      int length = unread.getUnsignedMedium(5);
      if (unread.length() < HEADER_BYTES + length) {
        return;
      }
      Buffer frame = unread.getBuffer(0, HEADER_BYTES + length);
      unread = unread.getBuffer(HEADER_BYTES + length, unread.length());
      try {
        if ((frame.getUnsignedByte(0) & 0x80) != 0) {
          control(frame);
        } else {
          data(frame);
        }
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        // A client that does not speak SPDY/3 gets a closed socket; the rest of the API is
        // unaffected.
        socket.close((short) 1002, "not a SPDY/3 port-forward stream");
        return;
      }
    }
  }

  private void control(Buffer frame) {
    int type = frame.getUnsignedShort(2);
    int flags = frame.getUnsignedByte(4);
    switch (type) {
      case SYN_STREAM -> synStream(frame, flags);
      case RST_STREAM -> {
        Request request = byDataStream.get(frame.getInt(HEADER_BYTES) & 0x7fffffff);
        if (request != null) {
          request.end();
        }
      }
      case PING -> socket.writeBinaryMessage(frame);
      case GOAWAY -> socket.close();
      default -> {
        // SETTINGS, WINDOW_UPDATE, HEADERS: nothing a port-forward needs.
      }
    }
  }

  private void synStream(Buffer frame, int flags) {
    int stream = frame.getInt(HEADER_BYTES) & 0x7fffffff;
    Map<String, String> streamHeaders =
        headers.read(frame.getBuffer(HEADER_BYTES + 10, frame.length()));
    Buffer reply = Buffer.buffer().appendInt(stream).appendBuffer(headers.write(Map.of()));
    socket.writeBinaryMessage(controlFrame(SYN_REPLY, 0, reply));
    String id = streamHeaders.getOrDefault("requestid", "");
    Request request =
        requests.computeIfAbsent(id, key -> new Request(streamHeaders.getOrDefault("port", "")));
    if ("error".equals(streamHeaders.get("streamtype"))) {
      request.errorStream = stream;
    } else if ("data".equals(streamHeaders.get("streamtype"))) {
      request.dataStream = stream;
      request.clientFinished = (flags & FLAG_FIN) != 0;
      byDataStream.put(stream, request);
    }
    if (request.errorStream > 0 && request.dataStream > 0) {
      requests.remove(id);
      request.connect();
    }
  }

  private void data(Buffer frame) {
    int stream = frame.getInt(0) & 0x7fffffff;
    Request request = byDataStream.get(stream);
    if (request == null) {
      return;
    }
    Buffer bytes = frame.getBuffer(HEADER_BYTES, frame.length());
    if (bytes.length() > 0) {
      request.toTarget(bytes);
    }
    if ((frame.getUnsignedByte(4) & FLAG_FIN) != 0) {
      request.clientFinished();
    }
  }

  /** The two streams of one forwarded connection and the TCP connection behind them. */
  private final class Request {
    private final String port;
    private int errorStream;
    private int dataStream;
    private NetSocket connection;
    private final List<Buffer> waiting = new ArrayList<>();
    private boolean clientFinished;
    private boolean ended;

    Request(String port) {
      this.port = port;
    }

    void connect() {
      int number;
      try {
        number = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        number = -1;
      }
      if (number < 1 || number > 65535) {
        fail("\"" + port + "\" is not a port number");
        return;
      }
      int target = number;
      Optional<InetSocketAddress> address = lookup.target(namespace, pod, target);
      if (address.isEmpty()) {
        fail(PortForwardEndpoint.forwardingError(target, pod, uid, "connection refused"));
        return;
      }
      net.connect(address.get().getPort(), address.get().getHostString())
          .onSuccess(this::connected)
          .onFailure(
              failure ->
                  fail(
                      PortForwardEndpoint.forwardingError(
                          target, pod, uid, PortForwardEndpoint.reason(failure))));
    }

    private void connected(NetSocket made) {
      if (closed || ended) {
        made.close();
        return;
      }
      connection = made;
      made.handler(this::toClient);
      made.closeHandler(gone -> end());
      made.exceptionHandler(failure -> made.close());
      waiting.forEach(made::write);
      waiting.clear();
      if (clientFinished) {
        made.end();
      }
    }

    void toTarget(Buffer bytes) {
      if (ended) {
        return;
      }
      if (connection == null) {
        waiting.add(bytes);
        return;
      }
      connection.write(bytes);
      if (connection.writeQueueFull()) {
        socket.pause();
        connection.drainHandler(drained -> socket.resume());
      }
    }

    void clientFinished() {
      clientFinished = true;
      if (connection != null) {
        // Closes once what the client sent is written, as a kubelet's copy ends with the stream.
        connection.end();
      }
    }

    private void toClient(Buffer bytes) {
      if (closed) {
        return;
      }
      socket.writeBinaryMessage(dataFrame(dataStream, 0, bytes));
      if (socket.writeQueueFull()) {
        connection.pause();
        socket.drainHandler(drained -> resumeConnections());
      }
    }

    private void fail(String message) {
      if (!closed) {
        socket.writeBinaryMessage(
            dataFrame(errorStream, 0, Buffer.buffer(message.getBytes(StandardCharsets.UTF_8))));
      }
      end();
    }

    /** Finishes both streams, once. */
    void end() {
      if (ended) {
        return;
      }
      ended = true;
      byDataStream.remove(dataStream);
      if (connection != null) {
        connection.close();
      }
      if (!closed) {
        socket.writeBinaryMessage(dataFrame(dataStream, FLAG_FIN, Buffer.buffer()));
        socket.writeBinaryMessage(dataFrame(errorStream, FLAG_FIN, Buffer.buffer()));
      }
    }
  }

  private void resumeConnections() {
    for (Request request : byDataStream.values()) {
      if (request.connection != null) {
        request.connection.resume();
      }
    }
  }

  private void closeConnections() {
    closed = true;
    for (Request request : List.copyOf(byDataStream.values())) {
      request.end();
    }
  }

  private static Buffer controlFrame(int type, int flags, Buffer payload) {
    return Buffer.buffer(HEADER_BYTES + payload.length())
        .appendUnsignedShort(0x8000 | 3)
        .appendUnsignedShort(type)
        .appendUnsignedByte((short) flags)
        .appendMedium(payload.length())
        .appendBuffer(payload);
  }

  private static Buffer dataFrame(int stream, int flags, Buffer payload) {
    return Buffer.buffer(HEADER_BYTES + payload.length())
        .appendInt(stream & 0x7fffffff)
        .appendUnsignedByte((short) flags)
        .appendMedium(payload.length())
        .appendBuffer(payload);
  }
}
