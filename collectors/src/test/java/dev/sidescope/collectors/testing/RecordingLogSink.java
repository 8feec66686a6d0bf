package dev.sidescope.collectors.testing;

import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStreamState;
import dev.sidescope.topology.logs.LogStreamState.Phase;
import dev.sidescope.topology.source.LogTails;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A log tail's sink that keeps everything it is given, for tests to wait on: lines one by one,
 * states in order, and the sizes of the batches. Once {@link #sealed()}, any further call is
 * counted as a late delivery.
 */
public final class RecordingLogSink implements LogTails.Sink {
  private final BlockingQueue<LogLine> lines = new LinkedBlockingQueue<>();
  private final BlockingQueue<LogStreamState> states = new LinkedBlockingQueue<>();
  private final List<LogLine> allLines = new CopyOnWriteArrayList<>();
  private final List<LogStreamState> allStates = new CopyOnWriteArrayList<>();
  private final List<Integer> batches = new CopyOnWriteArrayList<>();
  private final AtomicInteger late = new AtomicInteger();
  private volatile boolean sealed;

  @Override
  public void lines(List<LogLine> batch) {
    if (sealed) {
      late.incrementAndGet();
    }
    batches.add(batch.size());
    allLines.addAll(batch);
    lines.addAll(batch);
  }

  @Override
  public void state(LogStreamState state) {
    if (sealed) {
      late.incrementAndGet();
    }
    allStates.add(state);
    states.add(state);
  }

  /** The next line, waiting up to 10 s; null when none came. */
  public LogLine nextLine() throws InterruptedException {
    return lines.poll(10, TimeUnit.SECONDS);
  }

  /** The next {@code n} lines, each waited for up to 10 s; fewer when they did not come. */
  public List<LogLine> nextLines(int n) throws InterruptedException {
    List<LogLine> result = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LogLine line = nextLine();
      if (line == null) {
        break;
      }
      result.add(line);
    }
    return result;
  }

  /** The next state, whatever its phase, waiting up to 10 s; null when none came. */
  public LogStreamState nextState() throws InterruptedException {
    return states.poll(10, TimeUnit.SECONDS);
  }

  /**
   * The next state in the given phase, skipping others, waiting up to 10 s; null when none came.
   */
  public LogStreamState next(Phase phase) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
      LogStreamState state = states.poll(left, TimeUnit.NANOSECONDS);
      if (state == null) {
        return null;
      }
      if (state.phase() == phase) {
        return state;
      }
    }
    return null;
  }

  /** Every line so far. */
  public List<LogLine> lines() {
    return List.copyOf(allLines);
  }

  /** Every state so far, in order. */
  public List<LogStreamState> states() {
    return List.copyOf(allStates);
  }

  /** The sizes of the batches of lines so far. */
  public List<Integer> batches() {
    return List.copyOf(batches);
  }

  /** From now on every call is late: the tail was closed. */
  public void seal() {
    sealed = true;
  }

  public boolean sealed() {
    return sealed;
  }

  /** How many calls came after {@link #seal()}. */
  public int lateCalls() {
    return late.get();
  }
}
