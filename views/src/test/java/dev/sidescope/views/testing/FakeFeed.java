package dev.sidescope.views.testing;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.views.SnapshotFeed;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link SnapshotFeed} over observations a test sets, building snapshots with the production
 * builder and delivering them on a thread of its own, as a real store would.
 */
public final class FakeFeed implements SnapshotFeed {
  private volatile Observations observations;
  private volatile Grouping grouping = Grouping.POD;
  private volatile Consumer<TopologySnapshot> listener;
  private final java.util.function.UnaryOperator<TopologySnapshot> finish;
  public final CopyOnWriteArrayList<Grouping> groupingsAsked = new CopyOnWriteArrayList<>();
  // One thread, like the store's writer: snapshots arrive in the order they were made.
  private final java.util.concurrent.ExecutorService store =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "fake-store");
            t.setDaemon(true);
            return t;
          });

  public FakeFeed(Observations observations) {
    this(observations, s -> s);
  }

  /** A feed whose snapshots go through {@code finish} (overlay data added, say) before delivery. */
  public FakeFeed(
      Observations observations, java.util.function.UnaryOperator<TopologySnapshot> finish) {
    this.observations = observations;
    this.finish = finish;
  }

  @Override
  public AutoCloseable subscribe(Consumer<TopologySnapshot> newListener) {
    this.listener = newListener;
    deliver();
    return () -> listener = null;
  }

  @Override
  public void setGrouping(Grouping value) {
    groupingsAsked.add(value);
    this.grouping = value;
    deliver();
  }

  /** Sets new observations and delivers their snapshot. */
  public void publish(Observations value) {
    this.observations = value;
    deliver();
  }

  private void deliver() {
    Consumer<TopologySnapshot> l = listener;
    if (l == null) {
      return;
    }
    Observations o = observations;
    Grouping g = grouping;
    store.execute(() -> l.accept(finish.apply(SeedSample.snapshot(o, g))));
  }
}
