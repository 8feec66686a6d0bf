package dev.sidescope.topology.source;

import dev.sidescope.topology.events.EventFeedState;
import dev.sidescope.topology.events.PlatformEvent;
import dev.sidescope.topology.model.Workload;
import java.util.List;

/**
 * A source of platform events: Kubernetes Events of a pod and its owners, ECS service events and a
 * task's stopped reasons. Events are read only while a feed is open, so a source reads them only
 * while someone looks.
 *
 * <p>Threading: {@link #open} returns at once; every read and delivery happens on the source's own
 * threads, never the caller's. Read-only: a source only lists, watches and describes.
 */
public interface EventFeeds {

  /** At most this many events are kept for one workload: the newest. */
  int MAX_EVENTS_PER_WORKLOAD = 200;

  /** True when this source can read the events of {@code workload} (its platform, its cluster). */
  boolean serves(Workload workload);

  /**
   * Starts reading the events of each served workload of {@code workloads}: each is first reported
   * {@link EventFeedState.Phase#CONNECTING}, then its events follow, each time the whole list as it
   * now stands. Never throws for a failure of the source: that is a workload's state.
   */
  Feed open(List<Workload> workloads, Sink sink);

  /** Where events and states go. Called on the source's threads; implementations must not block. */
  interface Sink {
    /**
     * Every event now known for {@code workloadId}, {@linkplain PlatformEvent#NEWEST_FIRST newest
     * first}, at most {@link #MAX_EVENTS_PER_WORKLOAD}; replaces what was said before for it.
     */
    void events(String workloadId, List<PlatformEvent> events);

    /** A workload's new state. */
    void state(EventFeedState state);
  }

  /** A running feed. */
  interface Feed extends AutoCloseable {
    /** Stops reading for this feed; idempotent, never throws. */
    @Override
    void close();
  }
}
