package dev.sidescope.topology.source;

import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStreamState;
import dev.sidescope.topology.logs.LogTailRequest;
import dev.sidescope.topology.model.Workload;
import java.util.List;

/**
 * A source of container log lines: Kubernetes pod logs, CloudWatch Logs. Streams are opened only
 * when asked and closed when the tail is closed, so a source reads logs only while someone looks.
 *
 * <p>Threading: {@link #open} returns at once; every read, reconnect and delivery happens on the
 * source's own threads, never the caller's. Read-only: a source only reads logs.
 */
public interface LogTails {

  /** True when this source can read the logs of {@code workload} (its platform, its cluster). */
  boolean serves(Workload workload);

  /**
   * Starts tailing every wanted container of the served workloads of {@code request}. Each stream
   * is first reported {@link LogStreamState.Phase#CONNECTING} (or at once {@code ELSEWHERE}, {@code
   * FAILED}), lines follow in batches, and a stream that will deliver nothing more is reported
   * {@linkplain LogStreamState#finished() finished}. Never throws for a failure of the source: that
   * is a stream's state.
   */
  Tail open(LogTailRequest request, Sink sink);

  /** Where lines and states go. Called on the source's threads; implementations must not block. */
  interface Sink {
    /** A batch of lines of one or more streams, each stream's lines oldest first. */
    void lines(List<LogLine> lines);

    /** A stream's new state. */
    void state(LogStreamState state);
  }

  /** A running tail. */
  interface Tail extends AutoCloseable {
    /** Closes every stream of this tail; idempotent, never throws. */
    @Override
    void close();
  }
}
