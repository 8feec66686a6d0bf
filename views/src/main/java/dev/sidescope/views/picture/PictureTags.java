package dev.sidescope.views.picture;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.picture.PictureNode;
import dev.sidescope.topology.picture.TopologyPicture;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The tag of every node of a picture, read from the snapshot it was drawn from. */
public final class PictureTags {
  private PictureTags() {}

  public static Map<String, NodeTag> of(TopologySnapshot snapshot, TopologyPicture picture) {
    Map<String, SidecarKind> kinds = new HashMap<>();
    for (Workload w : snapshot.workloads()) {
      for (Container c : w.containers()) {
        c.kind().ifPresent(k -> kinds.put(c.id(), k));
      }
    }
    Map<String, NodeTag> tags = new LinkedHashMap<>();
    picture
        .nodes()
        .forEach(
            (PictureNode n) ->
                tags.put(n.id(), NodeTag.of(n.style(), Optional.ofNullable(kinds.get(n.id())))));
    return tags;
  }
}
