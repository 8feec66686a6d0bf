package dev.sidescope.collectors.xray.daemon;

import dev.sidescope.collectors.threads.DaemonThreads;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.Trace;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TraceSummary;
import dev.sidescope.topology.source.OverlaySink;
import dev.sidescope.topology.source.Source;
import dev.sidescope.topology.source.TraceQueries;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local X-Ray daemon port: listens on UDP where the X-Ray SDKs send segments ({@code
 * --xray-daemon [HOST:]PORT}, by default 127.0.0.1:2000), optionally relays every datagram
 * unchanged to a real daemon ({@code --xray-forward}), and publishes live latency and errors as
 * {@link dev.sidescope.topology.model.traffic.TracedService}s and {@link
 * dev.sidescope.topology.model.traffic.TracedCall}s over a sliding window ({@link DaemonTraffic}
 * says how segments are counted). Source id {@code xray-daemon/<host>:<port>}, as configured.
 *
 * <p>It answers {@link TraceQueries} from what it kept: minute-by-minute series over the last 30
 * minutes, and the latest {@link XRayDaemonSettings#keptTraces()} traces whole.
 *
 * <p><b>Threading.</b> The app calls {@link #start()} and {@link #close()} from any one thread.
 * {@code start} returns at once; {@code close} returns once the port is free (it waits, 2 s at
 * most, for the receiving thread to let go of it). The source opens its socket only on {@code
 * start}, and works on two threads of its own:
 *
 * <ul>
 *   <li>{@code sidescope-xray-daemon-<port>-receive} binds the socket, receives datagrams, relays
 *       each to the forward address (never waiting on it) before anything reads it, hands a copy to
 *       the aggregating thread through a queue bounded by bytes ({@link
 *       XRayDaemonSettings#queuedBytes()}); a datagram that does not fit is dropped and counted, so
 *       a flood never stalls receiving.
 *   <li>{@code sidescope-xray-daemon-<port>} does everything else, one thing at a time: reads and
 *       counts the queued datagrams, moves the window, answers the {@link TraceQueries} (their
 *       futures complete on it), and calls the {@link OverlaySink}.
 * </ul>
 *
 * <p>The sink is called on the aggregating thread only, never concurrently: {@link
 * OverlaySink#publish} every {@link XRayDaemonSettings#publishInterval()} (default 1 s) when
 * anything changed, with everything in the window, replacing what was published before; {@link
 * OverlaySink#publishStatus} when the status changes. A sink that throws is logged and does not
 * stop the source.
 *
 * <p>Status: {@code connecting} until the socket is bound; {@code down} with one sentence naming
 * the address when it cannot be (the port is in use, say); then {@code live}, or {@code degraded}
 * while anything was skipped or dropped within the window. The message counts what the window
 * received and turned away: "12,345 segments in the last 5 min; skipped 3 malformed, 1 over 64 KB,
 * 2 without a header; dropped 0".
 */
public final class XRayDaemonSource implements Source, TraceQueries {
  private static final Logger LOG = LoggerFactory.getLogger(XRayDaemonSource.class);

  /** What a queued datagram costs beyond its bytes, roughly: the array and the queue's node. */
  private static final int QUEUED_OVERHEAD_BYTES = 64;

  /** Datagrams read per turn of the aggregating thread, so that ticks and questions get theirs. */
  private static final int DRAIN_BATCH = 2_048;

  /** Room for the largest UDP datagram. */
  private static final int RECEIVE_BUFFER_BYTES = 65_536;

  /** Asked of the kernel for the socket, so that bursts wait there; it may grant less. */
  private static final int SOCKET_RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;

  /** How long {@link #close()} waits for the receiving thread to let go of the socket. */
  private static final long CLOSE_WAIT_MS = 2_000;

  private final String id;
  private final String address;
  private final XRayDaemonSettings settings;
  private final OverlaySink sink;
  private final Clock clock;
  private final DaemonTraffic traffic;

  private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong unforwarded = new AtomicLong();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();
  private final CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();

  private volatile boolean closed;
  private volatile ScheduledExecutorService aggregator;
  private volatile Thread receiver;
  private volatile DatagramChannel channel;
  private volatile DatagramChannel forwardChannel;
  private volatile long listeningSinceMs;

  // The aggregating thread's own.
  private SourceStatus status;

  /** A port that listens as {@code settings} say once started, and publishes to {@code sink}. */
  public XRayDaemonSource(XRayDaemonSettings settings, OverlaySink sink) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.clock = settings.clock();
    this.traffic = new DaemonTraffic(settings);
    InetSocketAddress listen = settings.listen();
    String host = listen.getHostString();
    this.address = (host.contains(":") ? "[" + host + "]" : host) + ":" + listen.getPort();
    this.id = "xray-daemon/" + address;
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * The address the socket is bound to, once it is: with port 0, the port taken. Completes on the
   * receiving thread; never completes when the socket cannot be bound.
   */
  public CompletableFuture<InetSocketAddress> localAddress() {
    return bound.copy();
  }

  @Override
  public void start() {
    if (closed || !started.compareAndSet(false, true)) {
      return;
    }
    String port = Integer.toString(settings.listen().getPort());
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(1, DaemonThreads.named("sidescope-xray-daemon-" + port));
    executor.setRemoveOnCancelPolicy(true);
    aggregator = executor;
    executor.execute(
        () ->
            changeStatus(
                SourceState.CONNECTING, "Opening UDP " + address + " for X-Ray segments."));
    Thread thread =
        DaemonThreads.named("sidescope-xray-daemon-" + port + "-receive").newThread(this::receive);
    receiver = thread;
    thread.start();
  }

  // ---- the receiving thread ----

  private void receive() {
    DatagramChannel ch;
    try {
      InetSocketAddress listen = settings.listen();
      if (listen.isUnresolved()) {
        listen = new InetSocketAddress(listen.getHostString(), listen.getPort());
      }
      if (listen.isUnresolved()) {
        failed("Cannot listen for X-Ray segments on " + address + ": the host is unknown.");
        return;
      }
      ch =
          DatagramChannel.open(
              listen.getAddress() instanceof Inet6Address
                  ? StandardProtocolFamily.INET6
                  : StandardProtocolFamily.INET);
      channel = ch;
      try {
        ch.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_RECEIVE_BUFFER_BYTES);
      } catch (IOException | UnsupportedOperationException e) {
        LOG.debug("The receive buffer of {} stays as it is", address, e);
      }
      ch.bind(listen);
    } catch (BindException e) {
      String why =
          String.valueOf(e.getMessage()).contains("in use")
              ? "the address is already in use."
              : "this machine has no such address.";
      failed("Cannot listen for X-Ray segments on " + address + ": " + why);
      return;
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot open UDP {}", address, e);
      failed("Cannot listen for X-Ray segments on " + address + ": " + sentence(e));
      return;
    }
    if (closed) {
      closeQuietly(ch);
      return;
    }
    InetSocketAddress forward = openForward();
    listeningSinceMs = clock.millis();
    InetSocketAddress local;
    try {
      local = (InetSocketAddress) ch.getLocalAddress();
    } catch (IOException e) {
      local = settings.listen();
    }
    onAggregator(this::listening);
    bound.complete(local);
    LOG.info("Listening for X-Ray segments on UDP {}", local);

    ByteBuffer buffer = ByteBuffer.allocate(RECEIVE_BUFFER_BYTES);
    while (!closed) {
      try {
        buffer.clear();
        SocketAddress from = ch.receive(buffer);
        if (from == null) {
          continue;
        }
        buffer.flip();
        int length = buffer.remaining();
        if (forward != null) {
          relay(buffer, forward);
        }
        offer(Arrays.copyOf(buffer.array(), length));
      } catch (ClosedChannelException e) {
        break;
      } catch (IOException | RuntimeException e) {
        if (closed) {
          break;
        }
        LOG.warn("A datagram on {} could not be received", address, e);
      }
    }
  }

  private InetSocketAddress openForward() {
    Optional<InetSocketAddress> to = settings.forward();
    if (to.isEmpty()) {
      return null;
    }
    InetSocketAddress forward = to.get();
    if (forward.isUnresolved()) {
      forward = new InetSocketAddress(forward.getHostString(), forward.getPort());
    }
    try {
      DatagramChannel out = DatagramChannel.open();
      // Never wait on a full send buffer: receiving must go on; what cannot be sent is counted.
      out.configureBlocking(false);
      forwardChannel = out;
      return forward;
    } catch (IOException e) {
      LOG.warn("Cannot open a socket to forward X-Ray segments to {}", forward, e);
      return null;
    }
  }

  /** Sends the datagram on as it came; a failure is counted, never fatal. */
  private void relay(ByteBuffer datagram, InetSocketAddress forward) {
    DatagramChannel out = forwardChannel;
    try {
      if (forward.isUnresolved() || out == null) {
        unforwarded.incrementAndGet();
        return;
      }
      if (out.send(datagram.duplicate(), forward) == 0) {
        unforwarded.incrementAndGet();
      }
    } catch (IOException | RuntimeException e) {
      unforwarded.incrementAndGet();
      LOG.debug("A datagram could not be forwarded to {}", forward, e);
    }
  }

  /**
   * Queues one datagram for the aggregating thread, or drops and counts it when the queue's bytes
   * are spent. Package-private so that a test or benchmark can feed the queue as the socket does.
   */
  void offer(byte[] datagram) {
    long cost = datagram.length + QUEUED_OVERHEAD_BYTES;
    if (queuedBytes.addAndGet(cost) > settings.queuedBytes()) {
      queuedBytes.addAndGet(-cost);
      dropped.incrementAndGet();
      return;
    }
    queue.add(datagram);
    if (drainScheduled.compareAndSet(false, true)) {
      onAggregator(this::drain);
    }
  }

  // ---- the aggregating thread ----

  private void drain() {
    try {
      for (int i = 0; i < DRAIN_BATCH && !closed; i++) {
        byte[] datagram = queue.poll();
        if (datagram == null) {
          break;
        }
        queuedBytes.addAndGet(-(datagram.length + QUEUED_OVERHEAD_BYTES));
        try {
          traffic.ingest(datagram, datagram.length, clock.millis());
        } catch (RuntimeException e) {
          // DaemonTraffic counts what it cannot read; anything else is a bug, logged, not fatal.
          LOG.warn("A datagram on {} could not be counted", address, e);
        }
      }
    } finally {
      if (!queue.isEmpty() && !closed) {
        onAggregator(this::drain);
      } else {
        drainScheduled.set(false);
        if (!queue.isEmpty() && !closed && drainScheduled.compareAndSet(false, true)) {
          onAggregator(this::drain);
        }
      }
    }
  }

  private void listening() {
    ScheduledExecutorService executor = aggregator;
    long every = settings.publishInterval().toNanos();
    executor.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.NANOSECONDS);
    tick();
  }

  private void tick() {
    try {
      long now = clock.millis();
      traffic.noteDropped(dropped.getAndSet(0), now);
      traffic.noteUnforwarded(unforwarded.getAndSet(0), now);
      traffic
          .changedOverlay(now, listeningSinceMs)
          .ifPresent(
              overlay -> {
                try {
                  sink.publish(id, overlay);
                } catch (RuntimeException e) {
                  LOG.warn("The sink refused what {} measured", id, e);
                }
              });
      changeStatus(
          traffic.turnedAwayRecently(now) ? SourceState.DEGRADED : SourceState.LIVE,
          traffic.statusMessage(now));
    } catch (RuntimeException e) {
      LOG.warn("The X-Ray daemon port {} could not publish", address, e);
    }
  }

  private void failed(String sentence) {
    onAggregator(() -> changeStatus(SourceState.DOWN, sentence));
  }

  private void changeStatus(SourceState state, String message) {
    SourceStatus before = status;
    if (before != null
        && before.status() == state
        && before.message().filter(message::equals).isPresent()) {
      return;
    }
    status =
        before == null
            ? SourceStatus.of(id, state, message, clock.instant())
            : before.then(state, message, clock.instant());
    try {
      sink.publishStatus(status);
    } catch (RuntimeException e) {
      LOG.warn("The sink refused the status of {}", id, e);
    }
  }

  private void onAggregator(Runnable task) {
    ScheduledExecutorService executor = aggregator;
    if (executor == null) {
      return;
    }
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile: nothing more to do.
    }
  }

  // ---- questions ----

  @Override
  public CompletableFuture<List<TimePoint>> timeSeries(TraceSubject subject, Duration span) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(span, "span");
    return ask(() -> traffic.timeSeries(subject, span, clock.millis(), listeningSinceMs));
  }

  @Override
  public CompletableFuture<List<TraceSummary>> traces(
      TraceSubject subject, TraceFilter filter, int limit) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(filter, "filter");
    return ask(() -> traffic.traces(subject, filter, limit, clock.millis()));
  }

  @Override
  public CompletableFuture<Optional<Trace>> trace(String traceId) {
    Objects.requireNonNull(traceId, "traceId");
    return ask(() -> traffic.trace(traceId));
  }

  private <T> CompletableFuture<T> ask(Supplier<T> question) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    ScheduledExecutorService executor = aggregator;
    if (executor == null || closed) {
      answer.completeExceptionally(
          new IllegalStateException("The X-Ray daemon port on " + address + " is not open."));
      return answer;
    }
    try {
      executor.execute(
          () -> {
            try {
              answer.complete(question.get());
            } catch (RuntimeException e) {
              LOG.warn("The X-Ray daemon port {} could not answer", address, e);
              answer.completeExceptionally(
                  new IllegalStateException(
                      "The X-Ray daemon port on " + address + " could not answer."));
            }
          });
    } catch (RejectedExecutionException e) {
      answer.completeExceptionally(
          new IllegalStateException("The X-Ray daemon port on " + address + " is closed."));
    }
    return answer;
  }

  // ---- closing ----

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    closeQuietly(channel);
    closeQuietly(forwardChannel);
    // The kernel frees the port only once the receive it is blocked in returns: wait for that,
    // so that a source started next on the same port can bind it.
    Thread thread = receiver;
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join(CLOSE_WAIT_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    ScheduledExecutorService executor = aggregator;
    if (executor != null) {
      // Questions already asked are answered; the periodic tick ends.
      executor.shutdown();
    }
    queue.clear();
  }

  private static void closeQuietly(DatagramChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        LOG.debug("A socket did not close cleanly", e);
      }
    }
  }

  private static String sentence(Exception e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return "the system refused.";
    }
    m = m.strip();
    return Character.toLowerCase(m.charAt(0)) + m.substring(1) + (m.endsWith(".") ? "" : ".");
  }
}
