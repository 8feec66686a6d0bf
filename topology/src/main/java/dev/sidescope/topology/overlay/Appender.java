package dev.sidescope.topology.overlay;

import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.TopologyBase;

/**
 * Adds one kind of information to a topology before it is grouped: measured traffic on the edges,
 * the health of the sources, and so on. One appender per kind of information, each in its own file
 * with its own test; {@link OverlayPipeline} decides which run and in what order.
 *
 * <p>An appender is pure: no I/O, no clock, no state kept between calls; it returns a new {@link
 * TopologyBase} (or the one it was given, when it has nothing to add) and never changes its input.
 * One that throws is skipped by the pipeline, which says so in the snapshot's sources; the picture
 * is still drawn.
 */
public interface Appender {

  /**
   * A constant name, lower case with dashes, e.g. {@code source-health}: a failing appender shows
   * as the source {@code overlay/<name>}.
   */
  String name();

  /**
   * The topology with this appender's information added.
   *
   * @param topology the base with what the appenders before this one added
   * @param measurements what every overlay source published, merged
   */
  TopologyBase append(TopologyBase topology, OverlayData measurements);
}
