package dev.sidescope.topology.picture;

import java.util.Locale;

/**
 * What an arrow's measured traffic says, for its colour, width and dashes: decided by {@link
 * TrafficThresholds#levelOf} from {@link PictureEdge#metrics()}, so views and exporters style the
 * same arrow the same way.
 */
public enum TrafficLevel {
  /** Nothing measured this arrow: it is drawn by its kind alone. */
  NO_DATA,
  /** A source watches this arrow and saw no request in its window (0 requests per second). */
  NO_TRAFFIC,
  /** Measured, p99 and error rate under their warning bounds. */
  OK,
  /** p99 or error rate at or above its warning bound. */
  WARN,
  /** p99 or error rate at or above its bad bound. */
  BAD;

  /** A lower-case name usable as a CSS class, e.g. {@code traffic-no-traffic}. */
  public String className() {
    return "traffic-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** True for the levels of measured traffic, which an arrow shows by its colour and width. */
  public boolean measured() {
    return this != NO_DATA;
  }
}
