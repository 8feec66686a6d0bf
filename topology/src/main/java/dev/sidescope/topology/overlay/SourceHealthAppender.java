package dev.sidescope.topology.overlay;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A source that is down or stale greys its part of the picture; the rest stays as it is. Marks
 * every workload, and each of its containers, whose source is down or stale with that source's
 * status ({@link OverlayKeys#SOURCE_UNAVAILABLE}), so that the views can grey them and say why.
 */
public final class SourceHealthAppender implements Appender {
  public static final String NAME = "source-health";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TopologyBase append(TopologyBase topology, OverlayData measurements) {
    Map<String, SourceStatus> dead = new HashMap<>();
    for (SourceStatus s : topology.sources()) {
      if (s.status() == SourceState.DOWN || s.status() == SourceState.STALE) {
        dead.put(s.id(), s);
      }
    }
    if (dead.isEmpty()) {
      return topology;
    }
    Map<String, SourceStatus> marks = new HashMap<>();
    for (Workload w : topology.workloads()) {
      SourceStatus status = dead.get(w.spec().source());
      if (status == null) {
        continue;
      }
      marks.put(w.id(), status);
      List<Container> containers = w.containers();
      for (int i = 0; i < containers.size(); i++) {
        marks.put(containers.get(i).id(), status);
      }
    }
    return topology.withOverlays(topology.overlays().with(OverlayKeys.SOURCE_UNAVAILABLE, marks));
  }
}
