package dev.sidescope.collectors.cloudwatch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * At most {@code limit} requests in any window of a second and a bit, for every tail of one region
 * together: CloudWatch Logs allows {@code FilterLogEvents} a few calls a second per account and
 * region, and a console that followed many containers must not use it all up for the account's
 * other users.
 *
 * <p>It remembers when its last {@code limit} requests started; a request may start when the oldest
 * of them is more than a window ago. The window is a second plus a margin, so that requests that
 * started just over a second apart are not counted within one second where they arrive.
 *
 * <p>Thread-safe: the pollers of every tail of a region ask it from their threads. ECS event feeds
 * keep one of their own per region, with a smaller limit.
 */
public final class RequestBudget {
  /** How far apart the first and the {@code limit + 1}-th request start, at least. */
  static final Duration WINDOW = Duration.ofMillis(1_100);

  private final int limit;
  private final LongSupplier nanoTime;
  private final Deque<Long> starts = new ArrayDeque<>();

  /**
   * @param limit requests allowed per window
   * @param nanoTime the monotonic time, {@code System::nanoTime} outside tests
   */
  public RequestBudget(int limit, LongSupplier nanoTime) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    this.limit = limit;
    this.nanoTime = nanoTime;
  }

  /**
   * Takes a request from the budget if one is free now.
   *
   * @return zero when the request may start now (and it is counted), else how long to wait before
   *     asking again
   */
  public synchronized Duration tryAcquire() {
    long now = nanoTime.getAsLong();
    long window = WINDOW.toNanos();
    while (!starts.isEmpty() && now - starts.peekFirst() >= window) {
      starts.removeFirst();
    }
    if (starts.size() < limit) {
      starts.addLast(now);
      return Duration.ZERO;
    }
    return Duration.ofNanos(window - (now - starts.peekFirst()));
  }
}
