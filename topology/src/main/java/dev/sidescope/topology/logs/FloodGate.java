package dev.sidescope.topology.logs;

import java.util.Locale;
import java.util.Optional;

/**
 * Keeps one stream that floods from drowning the console: admits at most so many lines a second,
 * with a burst of one second's worth, and says in one sentence how many it dropped.
 *
 * <p>A token bucket holding {@code linesPerSecond} lines, full at the start, refilled evenly with
 * time. Time is the {@code nanoTime} the caller passes ({@link System#nanoTime()} in the console),
 * so the gate is deterministic and has no clock of its own. Dropping is the point: a person cannot
 * read 20,000 lines a second, and the lines kept before and after a flood matter more than the
 * flood itself.
 *
 * <p>Not thread-safe: one per stream, used by the one thread that takes in its lines.
 */
public final class FloodGate {
  /**
   * Lines a second the console admits per stream: a busy Envoy access log at a few thousand
   * requests a second passes whole, a container stuck in a logging loop does not.
   */
  public static final int DEFAULT_LINES_PER_SECOND = 20_000;

  private static final long SECOND = 1_000_000_000L;

  /** A tenth of a second of lines back in the bucket means the flood has passed. */
  private static final long RECOVERED_DIVISOR = 10;

  private final int linesPerSecond;
  // Credit in line-nanoseconds: a line costs SECOND, and each nanosecond adds linesPerSecond. Whole
  // numbers keep the gate exact for any rate.
  private final long capacity;
  private long credit;
  private boolean started;
  private long now;
  private long dropped;
  private long pending;
  private long firstPendingDrop;
  private long lastPendingDrop;

  /** A gate that admits {@code linesPerSecond} lines a second, with as many at once. */
  public FloodGate(int linesPerSecond) {
    if (linesPerSecond <= 0) {
      throw new IllegalArgumentException("linesPerSecond must be positive: " + linesPerSecond);
    }
    this.linesPerSecond = linesPerSecond;
    this.capacity = linesPerSecond * SECOND;
    this.credit = capacity;
  }

  /** True when the line that came at {@code nanoTime} may be shown; false when it is dropped. */
  public boolean admit(long nanoTime) {
    advance(nanoTime);
    if (credit >= SECOND) {
      credit -= SECOND;
      return true;
    }
    dropped++;
    if (pending == 0) {
      firstPendingDrop = nanoTime;
    }
    pending++;
    lastPendingDrop = nanoTime;
    return false;
  }

  /** Lines dropped since the gate was made. */
  public long dropped() {
    return dropped;
  }

  /** {@link #takeNote(long)} at the time of the latest line. */
  public Optional<String> takeNote() {
    return takeNote(now);
  }

  /**
   * One sentence on the lines dropped since the last note, when one is due, e.g. "12,345 lines
   * dropped in 3 s: this container wrote over 20,000 lines a second". A note is due once the flood
   * has passed (the gate admits lines again with room to spare), or when a second has gone by since
   * the first drop it counts, so a long flood gets a note a second. Taking it starts a new count.
   */
  public Optional<String> takeNote(long nanoTime) {
    advance(nanoTime);
    if (pending == 0) {
      return Optional.empty();
    }
    boolean recovered = credit >= capacity / RECOVERED_DIVISOR;
    boolean aSecondOn = now - firstPendingDrop >= SECOND;
    if (!recovered && !aSecondOn) {
      return Optional.empty();
    }
    long seconds = Math.max(1, (lastPendingDrop - firstPendingDrop + SECOND - 1) / SECOND);
    String note =
        String.format(
            Locale.ROOT,
            "%,d %s dropped in %,d s: this container wrote over %,d lines a second",
            pending,
            pending == 1 ? "line" : "lines",
            seconds,
            linesPerSecond);
    pending = 0;
    return Optional.of(note);
  }

  private void advance(long nanoTime) {
    if (!started) {
      started = true;
      now = nanoTime;
      return;
    }
    long elapsed = nanoTime - now;
    if (elapsed <= 0) {
      return; // a time from before the latest one adds nothing
    }
    now = nanoTime;
    // A second refills the bucket, so longer gaps need not be multiplied (nor overflow).
    credit = Math.min(capacity, credit + Math.min(elapsed, SECOND) * linesPerSecond);
  }
}
