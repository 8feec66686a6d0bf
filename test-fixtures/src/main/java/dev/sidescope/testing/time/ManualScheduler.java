package dev.sidescope.testing.time;

import dev.sidescope.topology.snapshot.TopologyStore;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A store's writer driven by the test: what the store schedules runs only when the test says so, in
 * the order it was scheduled, on the test's thread. The delays are kept for the test to read, not
 * waited for.
 */
public final class ManualScheduler implements TopologyStore.Scheduler {
  private record Task(Runnable task, Duration delay) {}

  private final Deque<Task> tasks = new ArrayDeque<>();

  @Override
  public synchronized void schedule(Runnable task, Duration delay) {
    tasks.add(new Task(task, delay));
  }

  /** How many tasks wait. */
  public synchronized int pending() {
    return tasks.size();
  }

  /** The delay the next task was scheduled with. */
  public synchronized Duration nextDelay() {
    return tasks.getFirst().delay();
  }

  /** Runs the next task, if any. A task may schedule more. */
  public void runNext() {
    Task next;
    synchronized (this) {
      next = tasks.poll();
    }
    if (next != null) {
      next.task().run();
    }
  }

  /** Runs tasks until none waits, including those scheduled meanwhile. */
  public void runAll() {
    while (pending() > 0) {
      runNext();
    }
  }
}
