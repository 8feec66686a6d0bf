package dev.sidescope.collectors.kubernetes.events;

import dev.sidescope.topology.events.EventFeedState;
import dev.sidescope.topology.events.EventFeedState.Phase;
import dev.sidescope.topology.events.PlatformEvent;
import dev.sidescope.topology.source.EventFeeds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sink of one feed, guarded: calls never overlap, none is made once {@link #close()} has
 * returned, a list equal to the one said before for a workload is not said again, and a workload
 * that is {@code GONE} hears nothing more.
 */
final class FeedSink {
  private final EventFeeds.Sink sink;
  private final Map<String, List<PlatformEvent>> said = new HashMap<>();
  private final Map<String, Phase> phases = new HashMap<>();
  private boolean closed;

  FeedSink(EventFeeds.Sink sink) {
    this.sink = sink;
  }

  synchronized void events(String workloadId, List<PlatformEvent> events) {
    if (closed || phases.get(workloadId) == Phase.GONE || events.equals(said.get(workloadId))) {
      return;
    }
    said.put(workloadId, events);
    sink.events(workloadId, events);
  }

  synchronized void state(String workloadId, Phase phase, String sentence) {
    if (closed || phases.get(workloadId) == Phase.GONE) {
      return;
    }
    phases.put(workloadId, phase);
    sink.state(new EventFeedState(workloadId, phase, sentence));
  }

  synchronized boolean isClosed() {
    return closed;
  }

  /** Stops every call; true the first time. */
  synchronized boolean close() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  /**
   * Tells each workload that is not gone {@code FAILED} with {@code sentence}, then stops every
   * call; true the first time.
   */
  synchronized boolean stop(String sentence) {
    if (closed) {
      return false;
    }
    phases.forEach(
        (id, phase) -> {
          if (phase != Phase.GONE) {
            sink.state(new EventFeedState(id, Phase.FAILED, sentence));
          }
        });
    closed = true;
    return true;
  }
}
