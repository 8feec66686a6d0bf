package dev.sidescope.views;

import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.TopologySnapshot;
import java.util.function.Consumer;

/**
 * Where the console gets its snapshots: the app implements it over its store.
 *
 * <p>Threading contract: the feed calls the listener on any thread it likes, as often as it likes
 * (the store coalesces to at most a few per second); the listener returns at once — it only keeps
 * the latest snapshot and wakes the console's layout worker, which hands a laid-out picture to the
 * FX thread (latest wins, at most one hand-over pending). Every snapshot must be complete and
 * immutable; the console never changes one. {@link #setGrouping} is called on the FX thread and
 * must return at once; the feed then delivers snapshots in the new grouping.
 */
public interface SnapshotFeed {

  /**
   * Starts delivering snapshots to {@code listener}, the latest one (if any) first. Called once,
   * when the window opens.
   *
   * @return closes the subscription; called when the window closes
   */
  AutoCloseable subscribe(Consumer<TopologySnapshot> listener);

  /** Asks for snapshots grouped this way from now on. Returns at once. */
  void setGrouping(Grouping grouping);
}
