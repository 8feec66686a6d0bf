package dev.sidescope.views.testing;

import dev.sidescope.topology.events.EventFeedState;
import dev.sidescope.topology.events.PlatformEvent;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.EventFeeds;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link EventFeeds} that records every feed asked for and lets a test say what a source would:
 * events and states through the sink it was given, on the test's thread.
 */
public final class RecordingEventFeeds implements EventFeeds {
  /** A feed asked for: the workloads, the sink to write to, whether it was closed. */
  public static final class Opened implements Feed {
    public final List<Workload> workloads;
    public final Sink sink;
    private final AtomicBoolean closed = new AtomicBoolean();

    Opened(List<Workload> workloads, Sink sink) {
      this.workloads = List.copyOf(workloads);
      this.sink = sink;
    }

    @Override
    public void close() {
      closed.set(true);
    }

    public boolean closed() {
      return closed.get();
    }

    /** Says every event now known for {@code workloadId}, newest first. */
    public Opened events(String workloadId, PlatformEvent... events) {
      sink.events(
          workloadId, java.util.Arrays.stream(events).sorted(PlatformEvent.NEWEST_FIRST).toList());
      return this;
    }

    public Opened state(String workloadId, EventFeedState.Phase phase, String sentence) {
      sink.state(new EventFeedState(workloadId, phase, sentence));
      return this;
    }
  }

  public final List<Opened> opened = new CopyOnWriteArrayList<>();

  @Override
  public boolean serves(Workload workload) {
    return true;
  }

  @Override
  public Feed open(List<Workload> workloads, Sink sink) {
    Opened o = new Opened(workloads, sink);
    opened.add(o);
    return o;
  }

  /** The feeds not closed. */
  public List<Opened> open() {
    return opened.stream().filter(o -> !o.closed()).toList();
  }

  public Opened last() {
    return opened.get(opened.size() - 1);
  }
}
