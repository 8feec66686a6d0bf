/**
 * The overlay stage: live data laid over the topology. Sources publish measurements (typed by
 * {@link dev.sidescope.topology.model.OverlayKeys}) to an {@link
 * dev.sidescope.topology.source.OverlaySink}; the store keeps the last base and, when only
 * measurements or statuses changed, runs the {@link dev.sidescope.topology.overlay.OverlayPipeline}
 * and grouping again without classifying anything anew. Each {@link
 * dev.sidescope.topology.overlay.Appender} adds one kind of information, in its own file with its
 * own test.
 *
 * <p>Pure Java, no I/O; every type here is immutable or stateless, and thread-safe.
 */
package dev.sidescope.topology.overlay;
