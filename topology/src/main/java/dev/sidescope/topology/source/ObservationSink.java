package dev.sidescope.topology.source;

import dev.sidescope.topology.model.Observations;

/**
 * Where topology sources (Kubernetes, ECS, manifests) put what they see: workloads, Services, mesh
 * nodes. Each source owns one slot, keyed by its id: a publish replaces the slot's previous
 * observations, it never appends to them. What a source publishes here is classified, wired and
 * examined anew: the snapshot's base is rebuilt.
 *
 * <p>Threading: implementations are safe to call from any thread, from several sources at once, and
 * return quickly without waiting for a snapshot to be built.
 */
public interface ObservationSink extends StatusSink {

  /**
   * Replaces everything {@code sourceId} observed before with {@code observations}. The statuses in
   * {@link Observations#sources()} replace the sink's statuses of the same ids.
   */
  void publish(String sourceId, Observations observations);
}
