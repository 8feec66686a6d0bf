package dev.sidescope.views.console;

import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.TopologySnapshot;
import java.util.Set;

/**
 * A source that is down or stale greys its part of the picture; the rest stays as it is. The model
 * decides which parts (the overlay stage's source-health appender marks them with {@link
 * OverlayKeys#SOURCE_UNAVAILABLE}); this is where the console reads it.
 */
public final class DeadSources {
  private DeadSources() {}

  /** The ids of the workloads, and their containers, that a down or stale source reported. */
  public static Set<String> of(TopologySnapshot snapshot) {
    return snapshot.overlays().all(OverlayKeys.SOURCE_UNAVAILABLE).keySet();
  }
}
