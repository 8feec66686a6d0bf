package dev.sidescope.collectors.events;

import dev.sidescope.topology.events.EventFeedState;
import dev.sidescope.topology.events.EventFeedState.Phase;
import dev.sidescope.topology.events.PlatformEvent;
import dev.sidescope.topology.source.EventFeeds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sink of one event feed, guarded, for every event source: calls never overlap, none is made
 * once {@link #close()} has returned, a list or a state equal to the one said before for a workload
 * is not said again, and a workload that is {@code GONE} hears nothing more.
 *
 * <p>Thread-safe: a source's threads call it; a feed's {@code close()} closes it.
 */
public final class FeedSink {
  private final EventFeeds.Sink sink;
  private final Map<String, List<PlatformEvent>> said = new HashMap<>();
  private final Map<String, Phase> phases = new HashMap<>();
  private final Map<String, EventFeedState> states = new HashMap<>();
  private boolean closed;

  public FeedSink(EventFeeds.Sink sink) {
    this.sink = sink;
  }

  public synchronized void events(String workloadId, List<PlatformEvent> events) {
    if (closed || phases.get(workloadId) == Phase.GONE || events.equals(said.get(workloadId))) {
      return;
    }
    said.put(workloadId, events);
    sink.events(workloadId, events);
  }

  public synchronized void state(String workloadId, Phase phase, String sentence) {
    EventFeedState state = new EventFeedState(workloadId, phase, sentence);
    if (closed || phases.get(workloadId) == Phase.GONE || state.equals(states.get(workloadId))) {
      return;
    }
    phases.put(workloadId, phase);
    states.put(workloadId, state);
    sink.state(state);
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /** Stops every call; true the first time. */
  public synchronized boolean close() {
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
  public synchronized boolean stop(String sentence) {
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
