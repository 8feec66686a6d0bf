package dev.sidescope.samples.logs;

import dev.sidescope.samples.traffic.ReplicaPicker;
import dev.sidescope.samples.traffic.RequestListener;
import dev.sidescope.samples.traffic.SimulatedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The traffic's recent requests by name of the traffic model, sender and receiver alike: a bounded
 * window per name ({@link #CAPACITY} requests, none older than {@link #RETAINED}), so that noting a
 * request costs two appends whoever reads, and lines are made only for the logs that are read.
 *
 * <p>Threading: {@link #onRequest} on the traffic's thread; {@link #of} from any thread. Each
 * name's window is guarded by its own lock, held only to copy out a range.
 */
final class RecentRequests implements RequestListener {
  /** The most requests kept per name. */
  static final int CAPACITY = 16_384;

  /** How long a request is kept. */
  static final Duration RETAINED = Duration.ofMinutes(15);

  /** One request as one replica saw it: sent ({@code inbound} false) or served. */
  record Seen(SimulatedRequest request, boolean inbound) {}

  private final ReplicaPicker picker;
  private final Map<String, ArrayDeque<SimulatedRequest>> byName = new ConcurrentHashMap<>();

  RecentRequests(ReplicaPicker picker) {
    this.picker = picker;
  }

  @Override
  public void onRequest(SimulatedRequest request) {
    keep(request.from(), request);
    if (!request.to().equals(request.from())) {
      keep(request.to(), request);
    }
  }

  /**
   * The kept requests that replica {@code replica} of {@code name} sent or served and that started
   * in {@code (after, upTo]}, in start order.
   */
  List<Seen> of(String name, int replica, Instant after, Instant upTo) {
    ArrayDeque<SimulatedRequest> window = byName.get(name);
    if (window == null) {
      return List.of();
    }
    List<SimulatedRequest> range = new ArrayList<>();
    synchronized (window) {
      Iterator<SimulatedRequest> newestFirst = window.descendingIterator();
      while (newestFirst.hasNext()) {
        SimulatedRequest r = newestFirst.next();
        if (!r.start().isAfter(after)) {
          break;
        }
        if (!r.start().isAfter(upTo)) {
          range.add(r);
        }
      }
    }
    List<Seen> seen = new ArrayList<>();
    for (int i = range.size() - 1; i >= 0; i--) {
      SimulatedRequest r = range.get(i);
      if (r.from().equals(name) && picker.caller(r) == replica) {
        seen.add(new Seen(r, false));
      }
      if (r.to().equals(name) && picker.callee(r) == replica) {
        seen.add(new Seen(r, true));
      }
    }
    return seen;
  }

  private void keep(String name, SimulatedRequest request) {
    ArrayDeque<SimulatedRequest> window = byName.computeIfAbsent(name, n -> new ArrayDeque<>());
    Instant oldest = request.start().minus(RETAINED);
    synchronized (window) {
      window.addLast(request);
      while (window.size() > CAPACITY || window.peekFirst().start().isBefore(oldest)) {
        window.removeFirst();
      }
    }
  }
}
