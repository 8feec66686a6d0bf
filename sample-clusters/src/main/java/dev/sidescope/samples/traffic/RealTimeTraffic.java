package dev.sidescope.samples.traffic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link TrafficSimulator} in step with a clock, for a served sample: a daemon thread
 * advances it to the clock's now every {@link #TICK}, so that its listeners hear each request
 * within a tick of when it starts.
 *
 * <p>When the clock has run ahead by more than {@link #MAX_CATCH_UP} (the machine slept, the
 * process was stopped), the simulator skips to that much before now rather than produce every
 * request of the gap at once.
 *
 * <p>Threading: {@link #start} and {@link #stop} from any thread, serialized on this object;
 * listeners are called on the thread named {@code sample-traffic}. A listener that throws is logged
 * and the traffic goes on.
 */
public final class RealTimeTraffic implements AutoCloseable {
  /** How often the simulator is advanced. */
  public static final Duration TICK = Duration.ofMillis(200);

  /** The most simulated time one tick makes up for. */
  public static final Duration MAX_CATCH_UP = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(RealTimeTraffic.class);

  private final TrafficSimulator simulator;
  private final Clock clock;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private Thread thread;

  /** Runs {@code simulator} on {@code clock}; not yet started. */
  public RealTimeTraffic(TrafficSimulator simulator, Clock clock) {
    this.simulator = Objects.requireNonNull(simulator, "simulator");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The simulator run, for its listeners. */
  public TrafficSimulator simulator() {
    return simulator;
  }

  /**
   * Starts the traffic thread.
   *
   * @throws IllegalStateException when already started
   */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("the sample's traffic is already running");
    }
    thread = new Thread(this::run, "sample-traffic");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops the traffic thread and waits for it to end. Idempotent. */
  public synchronized void stop() {
    stopping.countDown();
    if (thread == null) {
      return;
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the traffic thread runs. */
  public synchronized boolean isRunning() {
    return thread != null && thread.isAlive();
  }

  @Override
  public void close() {
    stop();
  }

  private void run() {
    try {
      do {
        tick();
      } while (!stopping.await(TICK.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      // Nobody else interrupts this thread: end as if stopped.
    }
  }

  private void tick() {
    Instant now = clock.instant();
    Instant earliest = now.minus(MAX_CATCH_UP);
    if (simulator.now().isBefore(earliest)) {
      simulator.skipTo(earliest);
    }
    try {
      simulator.advanceTo(now);
    } catch (RuntimeException e) {
      LOG.warn("A listener of the sample's traffic failed; the traffic goes on", e);
    }
  }
}
