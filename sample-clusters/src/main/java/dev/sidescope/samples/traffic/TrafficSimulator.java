package dev.sidescope.samples.traffic;

import dev.sidescope.samples.folder.TrafficFlow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sample's traffic model ({@code cluster.yaml}, {@code traffic:}) as requests: each flow produces
 * requests at its rate, each with a duration drawn so that the flow's p50, p90 and p99 come out as
 * written (see {@link LatencyDistribution}) and a server fault at the flow's error rate. The
 * endpoints that render traffic (X-Ray segments, Envoy stats, access-log lines) listen to one
 * simulator, so that they agree with each other.
 *
 * <p>Arrivals are a Poisson process per flow: the gaps between a flow's requests are exponential
 * with mean {@code 1/rps}, as for many independent clients. A flow with rate 0 produces nothing.
 *
 * <p>Time is simulated: the simulator does nothing until {@link #advanceTo} (a test, or {@link
 * RealTimeTraffic} on a clock) moves it forward, and then hands every request that started by then
 * to its listeners. What it produces depends only on the flows, the seed, the origin and the times
 * it is advanced or skipped to, never on how the advances are cut up: each flow draws from its own
 * random stream, split from the seed in flow order, the same draws in the same order for every
 * request. The same seed and times give the same requests on every run, ids included.
 *
 * <p>Threading: {@link #advanceTo}, {@link #skipTo} and {@link #now} are serialized on this object
 * and may be called from any thread; listeners are called on the thread that advances, one request
 * at a time, in start order (ties in flow order), while the simulator is held. {@link #addListener}
 * and {@link #removeListener} may be called from any thread at any time, during an advance too: the
 * change holds from the next request handed over.
 */
public final class TrafficSimulator {
  private static final HexFormat HEX = HexFormat.of();
  private static final int[] FAULT_STATUSES = {503, 503, 503, 503, 503, 503, 500, 500, 500, 504};

  private final Instant origin;
  private final List<TrafficFlow> flows;
  private final PriorityQueue<FlowStream> next =
      new PriorityQueue<>(
          Comparator.comparingLong((FlowStream f) -> f.nextStartNanos)
              .thenComparingInt(f -> f.index));
  private final List<RequestListener> listeners = new CopyOnWriteArrayList<>();
  private long nowNanos;

  /**
   * A simulator of {@code flows} whose traffic starts at {@code origin}.
   *
   * @param seed the seed every draw derives from
   * @throws IllegalArgumentException when a flow's rate is negative or not finite, or its error
   *     rate is not a fraction
   */
  public TrafficSimulator(List<TrafficFlow> flows, long seed, Instant origin) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.flows = List.copyOf(flows);
    SplittableRandom root = new SplittableRandom(seed);
    for (int i = 0; i < this.flows.size(); i++) {
      TrafficFlow flow = this.flows.get(i);
      if (!(flow.rps() >= 0) || Double.isInfinite(flow.rps())) {
        throw new IllegalArgumentException(
            "the flow " + flow.from() + " -> " + flow.to() + " has rate " + flow.rps());
      }
      if (!(flow.errorRate() >= 0 && flow.errorRate() <= 1)) {
        throw new IllegalArgumentException(
            "the flow " + flow.from() + " -> " + flow.to() + " has error rate " + flow.errorRate());
      }
      // Every flow takes its stream, used or not, so that a flow's requests do not depend on
      // the rates of the flows before it.
      FlowStream stream = new FlowStream(i, flow, root.split());
      if (flow.rps() > 0) {
        stream.nextStartNanos = stream.gapNanos();
        next.add(stream);
      }
    }
  }

  /** The flows simulated, in the model's order. */
  public List<TrafficFlow> flows() {
    return flows;
  }

  /** When the traffic starts: no request starts before it. */
  public Instant origin() {
    return origin;
  }

  /** How far the simulator has gone: every request that starts by then has been handed over. */
  public synchronized Instant now() {
    return origin.plusNanos(nowNanos);
  }

  /** Registers a listener for the requests handed over from now on. */
  public void addListener(RequestListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Unregisters a listener. */
  public void removeListener(RequestListener listener) {
    listeners.remove(listener);
  }

  /**
   * Produces every request not yet handed over that starts no later than {@code until}, and hands
   * each, in start order, to every listener in the order they were added; then {@link #now()} is
   * {@code until}. A time at or before {@link #now()} does nothing.
   *
   * <p>A listener that throws ends this advance: the exception reaches the caller, the request it
   * was given is not handed to the listeners after it, and the requests not yet handed over come
   * with the next advance.
   *
   * @return how many requests were handed over
   */
  public synchronized int advanceTo(Instant until) {
    long untilNanos = nanosSinceOrigin(until);
    if (untilNanos <= nowNanos) {
      return 0;
    }
    int handed = 0;
    while (!next.isEmpty() && next.peek().nextStartNanos <= untilNanos) {
      FlowStream stream = next.poll();
      SimulatedRequest request = stream.request(origin);
      stream.nextStartNanos = later(stream.nextStartNanos, stream.gapNanos());
      next.add(stream);
      handed++;
      for (RequestListener listener : listeners) {
        listener.onRequest(request);
      }
    }
    nowNanos = untilNanos;
    return handed;
  }

  /**
   * Moves to {@code until} without producing the requests in between, as if the sample had not run
   * meanwhile (a machine that slept, say); later requests follow from there at each flow's rate. A
   * time at or before {@link #now()} does nothing.
   */
  public synchronized void skipTo(Instant until) {
    long untilNanos = nanosSinceOrigin(until);
    if (untilNanos <= nowNanos) {
      return;
    }
    List<FlowStream> skipped = new ArrayList<>();
    while (!next.isEmpty() && next.peek().nextStartNanos <= untilNanos) {
      skipped.add(next.poll());
    }
    // Poisson arrivals have no memory: the next one after any moment is an exponential gap away.
    for (FlowStream stream : skipped) {
      stream.nextStartNanos = later(untilNanos, stream.gapNanos());
      next.add(stream);
    }
    nowNanos = untilNanos;
  }

  /** {@code at + gap}, or never (the largest time) for a flow so slow that it overflows. */
  private static long later(long at, long gap) {
    return gap > Long.MAX_VALUE - at ? Long.MAX_VALUE : at + gap;
  }

  private long nanosSinceOrigin(Instant t) {
    return t.isBefore(origin) ? -1 : Duration.between(origin, t).toNanos();
  }

  /** One flow's requests: its random stream and when its next request starts. */
  private static final class FlowStream {
    final int index;
    final TrafficFlow flow;
    final SplittableRandom random;
    final LatencyDistribution latency;
    final String path;
    long nextStartNanos;

    FlowStream(int index, TrafficFlow flow, SplittableRandom random) {
      this.index = index;
      this.flow = flow;
      this.random = random;
      this.latency = LatencyDistribution.of(flow);
      int dot = flow.to().indexOf('.');
      this.path = "/" + (dot > 0 ? flow.to().substring(0, dot) : flow.to());
    }

    /** The gap to the next request, exponential with mean {@code 1/rps}: one draw. */
    long gapNanos() {
      double seconds = -Math.log(1 - random.nextDouble()) / flow.rps();
      return Math.round(seconds * 1e9);
    }

    /**
     * The request that starts at {@link #nextStartNanos}. Every draw is made whatever the others
     * give, so that a flow's error rate, say, changes its faults and nothing else.
     */
    SimulatedRequest request(Instant origin) {
      Instant start = origin.plusNanos(nextStartNanos);
      long durationNanos = Math.round(latency.drawMs(random) * 1e6);
      boolean fault = random.nextDouble() < flow.errorRate();
      int faultStatus = FAULT_STATUSES[random.nextInt(FAULT_STATUSES.length)];
      boolean post = random.nextInt(5) == 0;
      long requestBytes = 100 + random.nextInt(1_000);
      long responseBytes = 200 + random.nextInt(4_000);
      // X-Ray's trace id: version 1, the start in epoch seconds (8 hex digits), 96 random bits.
      String traceId =
          "1-"
              + HEX.toHexDigits((int) start.getEpochSecond())
              + "-"
              + HEX.toHexDigits(random.nextInt())
              + HEX.toHexDigits(random.nextLong());
      String clientSpanId = HEX.toHexDigits(random.nextLong());
      String serverSpanId = HEX.toHexDigits(random.nextLong());
      long most = (random.nextLong() & ~0xF000L) | 0x4000L;
      long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
      return new SimulatedRequest(
          flow.from(),
          flow.to(),
          start,
          Duration.ofNanos(durationNanos),
          fault ? faultStatus : post ? 201 : 200,
          post ? "POST" : "GET",
          path,
          post ? requestBytes : 0,
          fault ? 91 : responseBytes,
          traceId,
          clientSpanId,
          serverSpanId,
          new UUID(most, least).toString());
    }
  }
}
