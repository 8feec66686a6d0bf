/**
 * The ports that sources implement and publish through: a {@link
 * dev.sidescope.topology.source.Source} runs on its own threads and hands what it sees to an {@link
 * dev.sidescope.topology.source.ObservationSink} (the store). Pure Java, no I/O.
 */
package dev.sidescope.topology.source;
