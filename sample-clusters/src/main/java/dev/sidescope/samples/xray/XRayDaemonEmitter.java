package dev.sidescope.samples.xray;

import dev.sidescope.samples.traffic.RequestListener;
import dev.sidescope.samples.traffic.SimulatedRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a sample's traffic to an X-Ray daemon port as the X-Ray SDKs do: each segment document
 * {@link SegmentRenderer} renders goes in one UDP datagram, after the header line {@value
 * #HEADER_TEXT}. Attach it to a simulator with {@code addListener}; a local daemon port
 * (Sidescope's or AWS's daemon) then hears the sample's traces, and benchmarks can load one.
 *
 * <p>UDP does not wait for anyone: a datagram nobody hears is lost, as with the real SDKs. A
 * datagram that cannot be sent (no route, too large, closed) is counted in {@link #failed()},
 * logged once, and the traffic goes on.
 *
 * <p>Threading: {@link #onRequest} on the traffic's thread (the one that advances the simulator);
 * {@link #sent()}, {@link #failed()} and {@link #close()} from any thread. A request heard after
 * {@link #close()} is dropped.
 */
public final class XRayDaemonEmitter implements RequestListener, AutoCloseable {
  /** The line every datagram starts with, without its newline. */
  public static final String HEADER_TEXT = "{\"format\": \"json\", \"version\": 1}";

  private static final byte[] HEADER = (HEADER_TEXT + "\n").getBytes(StandardCharsets.UTF_8);
  private static final Logger LOG = LoggerFactory.getLogger(XRayDaemonEmitter.class);

  private final SegmentRenderer renderer;
  private final SocketAddress daemon;
  private final DatagramChannel channel;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean closed;

  private XRayDaemonEmitter(SegmentRenderer renderer, SocketAddress daemon, DatagramChannel c) {
    this.renderer = renderer;
    this.daemon = daemon;
    this.channel = c;
  }

  /**
   * An emitter that sends to {@code daemon}, from a fresh ephemeral port.
   *
   * @throws IOException when no UDP socket can be opened
   */
  public static XRayDaemonEmitter to(InetSocketAddress daemon, SegmentRenderer renderer)
      throws IOException {
    Objects.requireNonNull(daemon, "daemon");
    Objects.requireNonNull(renderer, "renderer");
    return new XRayDaemonEmitter(renderer, daemon, DatagramChannel.open());
  }

  /** Where the datagrams go. */
  public SocketAddress daemon() {
    return daemon;
  }

  @Override
  public void onRequest(SimulatedRequest request) {
    if (closed) {
      return;
    }
    for (String document : renderer.documents(request)) {
      send(document);
    }
  }

  /** Sends one document, with the header, in one datagram. */
  public void send(String document) {
    byte[] body = document.getBytes(StandardCharsets.UTF_8);
    ByteBuffer datagram = ByteBuffer.allocate(HEADER.length + body.length);
    datagram.put(HEADER).put(body).flip();
    try {
      channel.send(datagram, daemon);
      sent.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      if (failed.getAndIncrement() == 0 && !closed) {
        LOG.warn("Segments to the X-Ray daemon port {} are not sent: {}", daemon, e.toString());
      }
    }
  }

  /** Datagrams sent. */
  public long sent() {
    return sent.get();
  }

  /** Datagrams that could not be sent. */
  public long failed() {
    return failed.get();
  }

  /** Closes the socket. Idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing is left to send.
    }
  }
}
