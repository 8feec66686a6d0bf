package dev.sidescope.views.console;

import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.TopologySnapshot;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Stands between the feed and the layout: while live it passes every snapshot on; while paused it
 * keeps only the newest and counts how many came, and resuming passes that newest one on, once. A
 * snapshot in a grouping asked for while paused passes anyway, since a person asked for that
 * picture.
 *
 * <p>Thread-safe: the feed calls {@link #accept} on its own thread; {@link #pause}, {@link #resume}
 * and {@link #letThrough} come from the view model's. Nothing waits: the lock only guards a few
 * fields, and snapshots are passed on outside it. {@code onHeld} runs on the feed's thread.
 */
public final class LiveGate implements Consumer<TopologySnapshot> {
  private final Consumer<TopologySnapshot> next;
  private final Runnable onHeld;
  private boolean paused;
  private TopologySnapshot held;
  private int waiting;
  private Grouping passing;

  /**
   * @param next where snapshots go while live: the layout
   * @param onHeld told, on the feed's thread, each time a snapshot is held back
   */
  public LiveGate(Consumer<TopologySnapshot> next, Runnable onHeld) {
    this.next = Objects.requireNonNull(next);
    this.onHeld = Objects.requireNonNull(onHeld);
  }

  @Override
  public void accept(TopologySnapshot snapshot) {
    boolean pass;
    synchronized (this) {
      pass = !paused || snapshot.grouping() == passing;
      if (pass && paused) {
        // The picture asked for while paused: what was held before it is older than it.
        passing = null;
        held = null;
        waiting = 0;
      } else if (!pass) {
        held = snapshot;
        waiting++;
      }
    }
    if (pass) {
      next.accept(snapshot);
    } else {
      onHeld.run();
    }
  }

  /** Holds what comes from now on. */
  public synchronized void pause() {
    paused = true;
  }

  /** Lets snapshots through again, starting with the newest one held, if any. */
  public void resume() {
    Optional<TopologySnapshot> newest;
    synchronized (this) {
      paused = false;
      passing = null;
      newest = Optional.ofNullable(held);
      held = null;
      waiting = 0;
    }
    newest.ifPresent(next);
  }

  /** While paused, lets the next snapshot in this grouping through: the person asked for it. */
  public synchronized void letThrough(Grouping grouping) {
    if (paused) {
      passing = grouping;
    }
  }

  public synchronized boolean paused() {
    return paused;
  }

  /** How many snapshots came while paused, since the pause. */
  public synchronized int waiting() {
    return waiting;
  }
}
