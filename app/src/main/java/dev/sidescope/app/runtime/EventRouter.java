package dev.sidescope.app.runtime;

import dev.sidescope.topology.events.EventFeedState;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.EventFeeds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The event feeds of whichever sources run now, behind one {@link EventFeeds}: the workloads asked
 * for are split among the sources that serve them (the events of a kube context, the ECS events of
 * a region), so the console's Events tab asks one place for Kubernetes and ECS alike. A box of the
 * picture grouped by workload or Service is read for all its replicas.
 *
 * <p>A workload no running source serves gets one {@link EventFeedState.Phase#FAILED} state saying
 * so, on the caller's thread before {@link #open} returns. One feed's sink is called by every
 * source it was split among, each on its own threads. Thread-safe: sources are added and removed
 * while feeds run; a feed keeps the sources it was opened with.
 */
public final class EventRouter implements EventFeeds {
  private final List<EventFeeds> sources = new CopyOnWriteArrayList<>();
  private final Function<String, List<Workload>> membersOf;

  /**
   * @param membersOf the pods or tasks a workload id stands for; empty when it stands for itself
   */
  public EventRouter(Function<String, List<Workload>> membersOf) {
    this.membersOf = membersOf;
  }

  /** Routes to {@code source} from now on. */
  public void add(EventFeeds source) {
    sources.add(source);
  }

  /** Stops routing to {@code source}; its open feeds are the caller's to close. */
  public void remove(EventFeeds source) {
    sources.remove(source);
  }

  @Override
  public boolean serves(Workload workload) {
    return sources.stream().anyMatch(s -> s.serves(workload));
  }

  @Override
  public Feed open(List<Workload> workloads, Sink sink) {
    WorkloadSplit<EventFeeds> split =
        WorkloadSplit.of(workloads, membersOf, sources, EventFeeds::serves);
    List<Feed> opened = new ArrayList<>();
    split.assigned().forEach((source, mine) -> opened.add(source.open(mine, sink)));
    for (Workload w : split.unserved()) {
      sink.state(
          new EventFeedState(
              w.id(),
              EventFeedState.Phase.FAILED,
              "no event source reads " + w.spec().source() + " in this session"));
    }
    return () -> opened.forEach(Feed::close);
  }
}
