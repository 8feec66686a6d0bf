package dev.sidescope.collectors.xray.daemon;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the local X-Ray daemon port listens on and how it counts: the command line's {@code
 * --xray-daemon [HOST:]PORT}, {@code --xray-forward HOST:PORT} and {@code --xray-window D}.
 * Immutable; build one with {@link #builder()}.
 *
 * @param listen the UDP address segments are sent to ({@link #DEFAULT_LISTEN}: 127.0.0.1:2000, as
 *     the X-Ray SDKs send by default); port 0 takes any free port. An unresolved host is resolved
 *     on the source's thread
 * @param forward where every datagram is relayed unchanged, to a real daemon; empty: nowhere
 * @param window how far back latencies and counts reach ({@link #DEFAULT_WINDOW})
 * @param publishInterval how often what changed is published ({@link #DEFAULT_PUBLISH_INTERVAL})
 * @param maxDatagramBytes larger datagrams are skipped and counted ({@link
 *     #DEFAULT_MAX_DATAGRAM_BYTES}: 64 KB, the daemon's limit)
 * @param queuedBytes how many received bytes may wait for the aggregating thread; what does not fit
 *     is dropped and counted ({@link #DEFAULT_QUEUED_BYTES})
 * @param keptTraces how many of the latest traces are kept for the trace list ({@link
 *     #DEFAULT_KEPT_TRACES})
 * @param clock stamps what arrives and moves the window
 */
public record XRayDaemonSettings(
    InetSocketAddress listen,
    Optional<InetSocketAddress> forward,
    Duration window,
    Duration publishInterval,
    int maxDatagramBytes,
    long queuedBytes,
    int keptTraces,
    Clock clock) {

  /** Where the X-Ray SDKs send segments unless told otherwise. */
  public static final InetSocketAddress DEFAULT_LISTEN = new InetSocketAddress("127.0.0.1", 2000);

  /** Latencies and counts reach five minutes back, as the X-Ray console's service map does. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  /** What changed is published at most once a second. */
  public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofSeconds(1);

  /** The daemon's own limit on a datagram: 64 KB. */
  public static final int DEFAULT_MAX_DATAGRAM_BYTES = 64 * 1024;

  /** 32 MB of datagrams may wait for the aggregating thread. */
  public static final long DEFAULT_QUEUED_BYTES = 32L * 1024 * 1024;

  /** The latest 3,000 traces are kept whole. */
  public static final int DEFAULT_KEPT_TRACES = 3_000;

  public XRayDaemonSettings {
    Objects.requireNonNull(listen, "listen");
    forward = forward == null ? Optional.empty() : forward;
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(publishInterval, "publishInterval");
    if (window.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new IllegalArgumentException("the window must be at least 10 seconds: " + window);
    }
    if (window.compareTo(Duration.ofHours(6)) > 0) {
      throw new IllegalArgumentException("the window must be at most 6 hours: " + window);
    }
    if (publishInterval.isNegative() || publishInterval.isZero()) {
      throw new IllegalArgumentException(
          "the publish interval must be positive: " + publishInterval);
    }
    if (maxDatagramBytes < 64 || maxDatagramBytes > 65_536) {
      throw new IllegalArgumentException("a datagram limit of " + maxDatagramBytes + " bytes");
    }
    if (queuedBytes < 65_536) {
      throw new IllegalArgumentException("a queue of " + queuedBytes + " bytes");
    }
    if (keptTraces < 1) {
      throw new IllegalArgumentException("keeping " + keptTraces + " traces");
    }
    Objects.requireNonNull(clock, "clock");
  }

  /** Defaults: 127.0.0.1:2000, no forwarding, a 5-minute window published every second. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link XRayDaemonSettings}; not thread-safe. */
  public static final class Builder {
    private InetSocketAddress listen = DEFAULT_LISTEN;
    private InetSocketAddress forward;
    private Duration window = DEFAULT_WINDOW;
    private Duration publishInterval = DEFAULT_PUBLISH_INTERVAL;
    private int maxDatagramBytes = DEFAULT_MAX_DATAGRAM_BYTES;
    private long queuedBytes = DEFAULT_QUEUED_BYTES;
    private int keptTraces = DEFAULT_KEPT_TRACES;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** {@code --xray-daemon [HOST:]PORT}; port 0 takes any free port. */
    public Builder listen(InetSocketAddress value) {
      this.listen = Objects.requireNonNull(value, "listen");
      return this;
    }

    /** {@code --xray-forward HOST:PORT}. */
    public Builder forward(InetSocketAddress value) {
      this.forward = value;
      return this;
    }

    /** {@code --xray-window D}: 10 s to 6 h. */
    public Builder window(Duration value) {
      this.window = value;
      return this;
    }

    public Builder publishInterval(Duration value) {
      this.publishInterval = value;
      return this;
    }

    public Builder maxDatagramBytes(int value) {
      this.maxDatagramBytes = value;
      return this;
    }

    public Builder queuedBytes(long value) {
      this.queuedBytes = value;
      return this;
    }

    public Builder keptTraces(int value) {
      this.keptTraces = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public XRayDaemonSettings build() {
      return new XRayDaemonSettings(
          listen,
          Optional.ofNullable(forward),
          window,
          publishInterval,
          maxDatagramBytes,
          queuedBytes,
          keptTraces,
          clock);
    }
  }
}
