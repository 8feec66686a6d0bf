package dev.sidescope.collectors.proxy;

import static org.assertj.core.api.Assertions.fail;

import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.source.OverlaySink;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Everything the source publishes, in order, for tests that wait for a value. */
final class RecordingSink implements OverlaySink {
  final BlockingQueue<OverlayData> overlays = new LinkedBlockingQueue<>();
  final BlockingQueue<SourceStatus> statuses = new LinkedBlockingQueue<>();

  @Override
  public void publish(String sourceId, OverlayData measurements) {
    overlays.add(measurements);
  }

  @Override
  public void publishStatus(SourceStatus status) {
    statuses.add(status);
  }

  @Override
  public void withdraw(String sourceId) {}

  /** The next overlay that matches, waiting at most ten seconds in all. */
  OverlayData awaitOverlay(String what, Predicate<OverlayData> wanted) throws InterruptedException {
    return await(overlays, what, wanted);
  }

  /** The next status that matches, waiting at most ten seconds in all. */
  SourceStatus awaitStatus(String what, Predicate<SourceStatus> wanted)
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
