package dev.sidescope.collectors.testing;

import static org.assertj.core.api.Assertions.fail;

import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.source.OverlaySink;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Everything a source publishes, in order, for tests that wait for a value: {@code
 * sink.awaitOverlay("the call", o -> ...)}. Can hold the publishing thread on a gate, as a slow
 * sink would.
 */
public final class RecordingSink implements OverlaySink {
  private final BlockingQueue<OverlayData> overlays = new LinkedBlockingQueue<>();
  private final BlockingQueue<SourceStatus> statuses = new LinkedBlockingQueue<>();
  private volatile CountDownLatch gate;
  private final CountDownLatch held = new CountDownLatch(1);

  @Override
  public void publish(String sourceId, OverlayData measurements) {
    passGate();
    overlays.add(measurements);
  }

  @Override
  public void publishStatus(SourceStatus status) {
    passGate();
    statuses.add(status);
  }

  @Override
  public void withdraw(String sourceId) {}

  /** From now on the publishing thread waits in the sink until {@link #open()}. */
  public void hold() {
    gate = new CountDownLatch(1);
  }

  /** Waits until the publishing thread is held. */
  public void awaitHeld() throws InterruptedException {
    if (!held.await(10, TimeUnit.SECONDS)) {
      fail("the source never published while held");
    }
  }

  public void open() {
    CountDownLatch g = gate;
    gate = null;
    if (g != null) {
      g.countDown();
    }
  }

  private void passGate() {
    CountDownLatch g = gate;
    if (g != null) {
      held.countDown();
      try {
        g.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The next overlay that matches, waiting at most ten seconds in all. */
  public OverlayData awaitOverlay(String what, Predicate<OverlayData> wanted)
      throws InterruptedException {
    return await(overlays, what, wanted);
  }

  /** Forgets what was published so far: a test then sees only what comes after. */
  public void forgetPublished() {
    overlays.clear();
  }

  /** The next overlay that matches within {@code wait}, if any. */
  public Optional<OverlayData> pollOverlay(Predicate<OverlayData> wanted, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      OverlayData next = left > 0 ? overlays.poll(left, TimeUnit.NANOSECONDS) : null;
      if (next == null) {
        return Optional.empty();
      }
      if (wanted.test(next)) {
        return Optional.of(next);
      }
    }
  }

  /** The next status that matches, waiting at most ten seconds in all. */
  public SourceStatus awaitStatus(String what, Predicate<SourceStatus> wanted)
      throws InterruptedException {
    return await(statuses, what, wanted);
  }

  private static <T> T await(BlockingQueue<T> queue, String what, Predicate<T> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    T last = null;
    while (true) {
      long left = deadline - System.nanoTime();
      T next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      if (next == null) {
        return fail("nothing published showed " + what + "; the last was " + last);
      }
      last = next;
      if (wanted.test(next)) {
        return next;
      }
    }
  }
}
