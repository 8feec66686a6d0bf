package dev.sidescope.collectors.testing;

import static org.assertj.core.api.Assertions.fail;

import dev.sidescope.topology.events.EventFeedState;
import dev.sidescope.topology.events.EventFeedState.Phase;
import dev.sidescope.topology.events.PlatformEvent;
import dev.sidescope.topology.source.EventFeeds;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An event feed's sink that keeps everything it is given, for tests to wait on: each delivered list
 * and each state, in order. Once {@link #seal()}ed, any further call is counted as late.
 */
public final class RecordingEventSink implements EventFeeds.Sink {
  /** One delivery: a workload's whole list. */
  public record Delivery(String workloadId, List<PlatformEvent> events) {}

  private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
  private final BlockingQueue<EventFeedState> states = new LinkedBlockingQueue<>();
  private final List<EventFeedState> allStates = new CopyOnWriteArrayList<>();
  private final AtomicInteger concurrent = new AtomicInteger();
  private final AtomicInteger overlaps = new AtomicInteger();
  private final AtomicInteger late = new AtomicInteger();
  private volatile boolean sealed;

  @Override
  public void events(String workloadId, List<PlatformEvent> events) {
    enter();
    try {
      deliveries.add(new Delivery(workloadId, List.copyOf(events)));
    } finally {
      concurrent.decrementAndGet();
    }
  }

  @Override
  public void state(EventFeedState state) {
    enter();
    try {
      allStates.add(state);
      states.add(state);
    } finally {
      concurrent.decrementAndGet();
    }
  }

  private void enter() {
    if (sealed) {
      late.incrementAndGet();
    }
    if (concurrent.incrementAndGet() > 1) {
      overlaps.incrementAndGet();
    }
  }

  /** The next delivery of {@code workloadId} whose list matches, waiting up to 10 s for each. */
  public List<PlatformEvent> awaitEvents(
      String workloadId, String what, Predicate<List<PlatformEvent>> wanted)
      throws InterruptedException {
    while (true) {
      Delivery d = deliveries.poll(10, TimeUnit.SECONDS);
      if (d == null) {
        return fail("no delivery for " + workloadId + " with " + what + " came");
      }
      if (d.workloadId().equals(workloadId) && wanted.test(d.events())) {
        return d.events();
      }
    }
  }

  /** The next state of {@code phase}, waiting up to 10 s for each. */
  public EventFeedState awaitState(String workloadId, Phase phase) throws InterruptedException {
    while (true) {
      EventFeedState s = states.poll(10, TimeUnit.SECONDS);
      if (s == null) {
        return fail("no " + phase + " state came for " + workloadId + "; states: " + allStates);
      }
      if (s.workloadId().equals(workloadId) && s.phase() == phase) {
        return s;
      }
    }
  }

  /** Every state so far, in order. */
  public List<EventFeedState> states() {
    return List.copyOf(allStates);
  }

  /** From now on, every call counts as late. */
  public void seal() {
    sealed = true;
  }

  public int lateCalls() {
    return late.get();
  }

  /** How many calls began while another was under way. */
  public int overlappingCalls() {
    return overlaps.get();
  }
}
