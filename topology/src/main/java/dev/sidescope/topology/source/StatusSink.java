package dev.sidescope.topology.source;

import dev.sidescope.topology.model.SourceStatus;

/**
 * What every sink takes from every source: its status, and its leaving.
 *
 * <p>Threading: implementations are safe to call from any thread, from several sources at once, and
 * return quickly without waiting for a snapshot to be built.
 */
public interface StatusSink {

  /** Replaces one source's status and keeps what it published. */
  void publishStatus(SourceStatus status);

  /** Forgets a source: what it published and its status leave the picture. */
  void withdraw(String sourceId);
}
