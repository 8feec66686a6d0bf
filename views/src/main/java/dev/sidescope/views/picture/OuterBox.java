package dev.sidescope.views.picture;

import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.TopologyPicture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An outer box of the picture: a Kubernetes namespace or an ECS cluster, drawn behind the pod and
 * task boxes it holds. Upstream services and AWS sinks stay outside every outer box.
 *
 * @param id its id in a {@link Geometry}; never a model id
 * @param title what a person reads, e.g. {@code namespace shop} or {@code ECS cluster prod}
 * @param boxes the ids of the pod or task boxes inside, in picture order
 */
public record OuterBox(String id, String title, List<String> boxes) {
  /** Every outer box id starts with this, which no model id does. */
  public static final String PREFIX = "~outer/";

  public OuterBox {
    boxes = List.copyOf(boxes);
  }

  /** Whether an id of a geometry is an outer box's. */
  public static boolean is(String id) {
    return id.startsWith(PREFIX);
  }

  /**
   * The outer boxes of a picture, in the order their first box appears; every box of the picture is
   * in exactly one. A box whose workload the snapshot does not know goes by itself.
   */
  public static List<OuterBox> of(TopologySnapshot snapshot, TopologyPicture picture) {
    Map<String, Workload> workloads = new HashMap<>();
    for (Workload w : snapshot.workloads()) {
      workloads.put(w.id(), w);
    }
    Map<String, String> titles = new LinkedHashMap<>();
    Map<String, List<String>> members = new LinkedHashMap<>();
    for (PictureBox box : picture.boxes()) {
      Workload w = workloads.get(box.id());
      Platform platform = w == null ? box.platform() : w.platform();
      String namespace = w == null ? "" : w.namespace();
      String id = PREFIX + platform.wireName() + "/" + namespace;
      titles.putIfAbsent(id, title(platform, namespace));
      members.computeIfAbsent(id, k -> new ArrayList<>()).add(box.id());
    }
    List<OuterBox> outer = new ArrayList<>();
    members.forEach((id, boxes) -> outer.add(new OuterBox(id, titles.get(id), boxes)));
    return outer;
  }

  static String title(Platform platform, String namespace) {
    String name = namespace == null || namespace.isBlank() ? "(none)" : namespace;
    return switch (platform) {
      case KUBERNETES -> "namespace " + name;
      case ECS -> "ECS cluster " + name;
    };
  }
}
