package dev.sidescope.collectors.xray.daemon;

import java.time.Duration;
import java.util.Arrays;

/**
 * What the port received and turned away, counted slice by slice over the window, for its status:
 * "12,345 segments in the last 5 min; skipped 3 malformed, ...". Not thread-safe: the aggregating
 * thread alone uses it.
 */
final class EventTally {
  /** What is counted. */
  enum Kind {
    SEGMENTS,
    MALFORMED,
    OVERSIZE,
    HEADERLESS,
    DROPPED,
    UNFORWARDED
  }

  private final long sliceMs;
  private final long[] sliceOf;
  private final long[][] counts;

  EventTally(Duration window) {
    this.sliceMs = LatencyRing.sliceMs(window);
    int slices = (int) ((window.toMillis() + sliceMs - 1) / sliceMs);
    this.sliceOf = new long[slices];
    this.counts = new long[slices][Kind.values().length];
    Arrays.fill(sliceOf, Long.MIN_VALUE);
  }

  void add(Kind kind, long nowMs, long n) {
    if (n == 0) {
      return;
    }
    long slice = Math.floorDiv(nowMs, sliceMs);
    int at = (int) Math.floorMod(slice, (long) sliceOf.length);
    if (sliceOf[at] != slice) {
      sliceOf[at] = slice;
      Arrays.fill(counts[at], 0);
    }
    counts[at][kind.ordinal()] += n;
  }

  /** How many of {@code kind} in the window that ends at {@code nowMs}. */
  long sum(Kind kind, long nowMs) {
    long slice = Math.floorDiv(nowMs, sliceMs);
    long total = 0;
    for (int i = 0; i < sliceOf.length; i++) {
      if (sliceOf[i] > slice - sliceOf.length && sliceOf[i] <= slice) {
        total += counts[i][kind.ordinal()];
      }
    }
    return total;
  }

  /** Whether anything was turned away in the window. */
  boolean anyTurnedAway(long nowMs) {
    for (Kind k : Kind.values()) {
      if (k != Kind.SEGMENTS && sum(k, nowMs) > 0) {
        return true;
      }
    }
    return false;
  }
}
