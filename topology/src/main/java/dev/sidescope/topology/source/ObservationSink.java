package dev.sidescope.topology.source;

import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.SourceStatus;

/**
 * Where sources put what they see. Each source owns one slot, keyed by its id: a publish replaces
 * the slot's previous observations, it never appends to them.
 *
 * <p>Threading: implementations are safe to call from any thread, from several sources at once, and
 * return quickly without waiting for a snapshot to be built.
 */
public interface ObservationSink {

  /**
   * Replaces everything {@code sourceId} said before with {@code observations}. The statuses in
   * {@link Observations#sources()} replace the sink's statuses of the same ids.
   */
  void publish(String sourceId, Observations observations);

  /** Replaces one source's status and keeps its observations. */
  void publishStatus(SourceStatus status);

  /** Forgets a source: its observations and its status leave the picture. */
  void withdraw(String sourceId);
}
