package dev.sidescope.topology.model.traffic;

/**
 * One bar of a response-time histogram: {@code count} requests took about {@code ms} milliseconds.
 * X-Ray's {@code ResponseTimeHistogram} entries are these, with the value in seconds.
 *
 * @param ms the bucket's response time in milliseconds, not negative
 * @param count how many requests fell in it, not negative
 */
public record ResponseTimeBucket(double ms, long count) {
  public ResponseTimeBucket {
    if (!(ms >= 0) || Double.isInfinite(ms)) {
      throw new IllegalArgumentException("a response time of " + ms + " ms");
    }
    if (count < 0) {
      throw new IllegalArgumentException("a count of " + count);
    }
  }
}
