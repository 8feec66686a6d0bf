package dev.sidescope.topology.source;

import dev.sidescope.topology.model.OverlayData;

/**
 * Where overlay sources (X-Ray, Envoy admin) put what they measure: traffic on edges and the like,
 * under the keys of {@link dev.sidescope.topology.model.OverlayKeys}. Each source owns one slot,
 * keyed by its id: a publish replaces what the source measured before. Measurements never change
 * the base: only the overlay stage and grouping run again, so they can come often.
 *
 * <p>Threading: implementations are safe to call from any thread, from several sources at once, and
 * return quickly without waiting for a snapshot to be built.
 */
public interface OverlaySink extends StatusSink {

  /** Replaces everything {@code sourceId} measured before with {@code measurements}. */
  void publish(String sourceId, OverlayData measurements);
}
