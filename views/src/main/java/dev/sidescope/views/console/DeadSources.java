package dev.sidescope.views.console;

import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import java.util.HashSet;
import java.util.Set;

/**
 * A source that is down or stale greys its part of the picture; the rest stays as it is. The one
 * place the console decides which nodes that greys, until the snapshot carries it itself.
 */
public final class DeadSources {
  private DeadSources() {}

  /** The ids of the workloads, and their containers, that a down or stale source reported. */
  public static Set<String> of(TopologySnapshot snapshot) {
    Set<String> dead = new HashSet<>();
    snapshot
        .sources()
        .forEach(
            s -> {
              if (s.status() == SourceState.DOWN || s.status() == SourceState.STALE) {
                dead.add(s.id());
              }
            });
    Set<String> ids = new HashSet<>();
    if (dead.isEmpty()) {
      return ids;
    }
    for (Workload w : snapshot.workloads()) {
      if (dead.contains(w.spec().source())) {
        ids.add(w.id());
        w.containers().forEach(c -> ids.add(c.id()));
      }
    }
    return ids;
  }
}
