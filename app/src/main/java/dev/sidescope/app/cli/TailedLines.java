package dev.sidescope.app.cli;

import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState;
import dev.sidescope.topology.source.LogTails;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * What {@code sidescope logs} receives from its tail: lines kept in time order until printed, and
 * each stream's last state. A state worth a person's attention (logs kept elsewhere, a failure, a
 * container gone, a reconnect) is handed to {@code says} once per stream and phase.
 *
 * <p>Thread-safe: sources deliver on their threads, the command line's thread takes lines.
 */
final class TailedLines implements LogTails.Sink {
  private final PriorityQueue<LogLine> pending = new PriorityQueue<>(LogLine.BY_TIME);
  private final Map<LogStream, LogStreamState> states = new HashMap<>();
  private final Consumer<LogStreamState> says;
  private long received;

  TailedLines(Consumer<LogStreamState> says) {
    this.says = says;
  }

  @Override
  public void lines(List<LogLine> lines) {
    synchronized (this) {
      pending.addAll(lines);
      received += lines.size();
      notifyAll();
    }
  }

  @Override
  public void state(LogStreamState state) {
    LogStreamState before;
    synchronized (this) {
      before = states.put(state.stream(), state);
      notifyAll();
    }
    boolean news = before == null || before.phase() != state.phase();
    if (news
        && state.phase() != LogStreamState.Phase.CONNECTING
        && state.phase() != LogStreamState.Phase.LIVE
        && state.phase() != LogStreamState.Phase.ENDED) {
      says.accept(state);
    }
  }

  /** Waits until {@code streams} streams have finished, at most {@code cap}; true when they did. */
  synchronized boolean awaitFinished(int streams, Duration cap) throws InterruptedException {
    long deadline = System.nanoTime() + cap.toNanos();
    while (finished() < streams) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** Streams that will deliver nothing more. */
  synchronized int finished() {
    return (int) states.values().stream().filter(LogStreamState::finished).count();
  }

  /** True when some stream was read: it is live, or it ended after delivering what was asked. */
  synchronized boolean anyRead() {
    return received > 0
        || states.values().stream()
            .anyMatch(
                s ->
                    s.phase() == LogStreamState.Phase.LIVE
                        || s.phase() == LogStreamState.Phase.ENDED
                        || s.phase() == LogStreamState.Phase.ELSEWHERE);
  }

  /** Every state that ended a stream without reading it: failures and containers gone. */
  synchronized List<LogStreamState> unread() {
    return states.values().stream()
        .filter(
            s -> s.phase() == LogStreamState.Phase.FAILED || s.phase() == LogStreamState.Phase.GONE)
        .toList();
  }

  /** Takes every line received and not yet taken, oldest first. */
  synchronized List<LogLine> takeAll() {
    List<LogLine> out = new ArrayList<>(pending.size());
    while (!pending.isEmpty()) {
      out.add(pending.poll());
    }
    return out;
  }
}
