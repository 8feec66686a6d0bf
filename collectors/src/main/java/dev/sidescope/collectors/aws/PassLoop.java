package dev.sidescope.collectors.aws;

import dev.sidescope.collectors.threads.DaemonThreads;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The rhythm of a source that asks an AWS service again and again (ECS, X-Ray): a pass at once,
 * then one every interval, each delay jittered by up to 10% so that several consoles do not call in
 * step; after a failed pass the delay doubles per consecutive failure, up to {@value
 * #MAX_BACKOFF_INTERVALS} intervals. Passes never overlap: a scheduled pass that finds one running
 * (a person's "now") is skipped.
 *
 * <p>The source decides what a pass does and says how it went: its pass returns {@link
 * #succeeded()} or {@link #failed()}, the delay to the next one.
 *
 * <p>Threading: {@link #start} and {@link #close} from any thread; scheduled passes run on one
 * daemon thread of the loop's own, {@link #now} on the caller's; {@link #succeeded()} and {@link
 * #failed()} are called from within a pass, under its lock.
 */
public final class PassLoop {
  /** After this many intervals, a failing source stops backing off further. */
  public static final int MAX_BACKOFF_INTERVALS = 8;

  private final String threadName;
  private final Duration interval;
  private final Supplier<Duration> pass;
  private final Consumer<RuntimeException> unexpected;
  private final ReentrantLock passLock = new ReentrantLock();
  private ScheduledExecutorService scheduler;
  private boolean closed;
  private int consecutiveFailures;

  /**
   * A loop not yet started.
   *
   * @param threadName the name of its thread, e.g. {@code sidescope-ecs-eu-west-1}
   * @param interval the delay between passes that succeed
   * @param pass one pass; returns the delay to the next, from {@link #succeeded()} or {@link
   *     #failed()}
   * @param unexpected told of a pass that threw, which should not happen; the loop goes on
   */
  public PassLoop(
      String threadName,
      Duration interval,
      Supplier<Duration> pass,
      Consumer<RuntimeException> unexpected) {
    this.threadName = Objects.requireNonNull(threadName, "threadName");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.pass = Objects.requireNonNull(pass, "pass");
    this.unexpected = Objects.requireNonNull(unexpected, "unexpected");
  }

  /**
   * Starts the passes on the loop's thread, the first at once.
   *
   * @return false when it had started already or was closed
   */
  public synchronized boolean start() {
    if (scheduler != null || closed) {
      return false;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(threadName));
    scheduler.execute(this::scheduledPass);
    return true;
  }

  /** Whether {@link #start} started it. */
  public synchronized boolean started() {
    return scheduler != null;
  }

  /**
   * Runs {@code work} on the calling thread under the pass lock, after a running pass ends: a pass
   * a person asked for now.
   */
  public <T> T now(Supplier<T> work) {
    passLock.lock();
    try {
      return work.get();
    } finally {
      passLock.unlock();
    }
  }

  /** For a pass that succeeded: failures forgotten, the next pass an interval away, jittered. */
  public Duration succeeded() {
    consecutiveFailures = 0;
    return jittered(interval);
  }

  /** For a pass that failed: the next pass further away with each failure in a row, jittered. */
  public Duration failed() {
    consecutiveFailures++;
    long factor = 1L << Math.min(consecutiveFailures, 3);
    return jittered(interval.multipliedBy(Math.min(factor, MAX_BACKOFF_INTERVALS)));
  }

  /** Whole seconds to a delay, at least 1, for a sentence ("next try in 60 s"). */
  public static long seconds(Duration delay) {
    return Math.max(1, (delay.toMillis() + 999) / 1000);
  }

  private void scheduledPass() {
    Duration next = interval;
    if (passLock.tryLock()) {
      try {
        next = pass.get();
      } catch (RuntimeException e) {
        unexpected.accept(e);
      } finally {
        passLock.unlock();
      }
    }
    schedule(next);
  }

  private synchronized void schedule(Duration delay) {
    if (scheduler != null && !scheduler.isShutdown()) {
      scheduler.schedule(this::scheduledPass, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Stops the passes; a pass running on the loop's thread is interrupted and waited for (5 s). */
  public void close() {
    ScheduledExecutorService toStop;
    synchronized (this) {
      closed = true;
      toStop = scheduler;
      if (toStop != null) {
        toStop.shutdownNow();
      }
    }
    if (toStop != null) {
      try {
        toStop.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The delay, moved by up to 10% either way. */
  static Duration jittered(Duration delay) {
    long millis = delay.toMillis();
    long spread = millis / 10;
    long moved =
        spread == 0 ? millis : millis + ThreadLocalRandom.current().nextLong(-spread, spread + 1);
    return Duration.ofMillis(Math.max(1, moved));
  }
}
