package dev.sidescope.testing.time;

import static org.assertj.core.api.Assertions.fail;

import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.snapshot.TopologyStore;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Every snapshot a store builds, in order, for tests that wait for the picture to change: {@code
 * store.addListener(queue); queue.await("the new pod", s -> ...)}.
 */
public final class SnapshotQueue implements TopologyStore.Listener {
  private final BlockingQueue<TopologySnapshot> snapshots = new LinkedBlockingQueue<>();

  @Override
  public void changed(TopologySnapshot snapshot) {
    snapshots.add(snapshot);
  }

  /**
   * The next snapshot that matches, waiting at most ten seconds for each one and a minute in all;
   * fails with what the last snapshot held when none does.
   */
  public TopologySnapshot await(String what, Predicate<TopologySnapshot> wanted)
      throws InterruptedException {
    TopologySnapshot last = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      TopologySnapshot next = snapshots.poll(10, TimeUnit.SECONDS);
      if (next == null) {
        break;
      }
      last = next;
      if (wanted.test(next)) {
        return next;
      }
    }
    return fail(
        "no snapshot showed "
            + what
            + "; the last had sources "
            + (last == null ? "none" : last.sources())
            + " and workloads "
            + (last == null ? "none" : names(last)));
  }

  /** The names of the snapshot's workloads, in its order. */
  public static List<String> names(TopologySnapshot snapshot) {
    return snapshot.workloads().stream().map(Workload::name).toList();
  }
}
