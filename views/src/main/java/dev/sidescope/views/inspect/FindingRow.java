package dev.sidescope.views.inspect;

import dev.sidescope.topology.export.PictureBox;
import dev.sidescope.topology.export.TopologyPicture;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of the findings list (the sidecar doctor's report) and the picture node a click on it
 * selects: the container it names, else its pod or task's box, else an edge's source. Pure.
 *
 * @param where what a person reads for the subject: box title, then the container
 */
public record FindingRow(
    Severity severity, String code, String where, String message, Optional<String> nodeId) {

  public static List<FindingRow> of(TopologySnapshot snapshot, TopologyPicture picture) {
    List<FindingRow> rows = new ArrayList<>();
    for (Finding f : snapshot.findings()) {
      rows.add(row(f, snapshot, picture));
    }
    return rows;
  }

  private static FindingRow row(Finding f, TopologySnapshot snapshot, TopologyPicture picture) {
    Optional<Workload> w = snapshot.workload(f.subject());
    if (w.isPresent()) {
      String title =
          picture.boxes().stream()
              .filter(b -> b.id().equals(f.subject()))
              .map(PictureBox::title)
              .findFirst()
              .orElse(w.get().name());
      Optional<String> node =
          f.container()
              .flatMap(name -> w.get().container(name))
              .map(c -> c.id())
              .or(() -> Optional.of(w.get().id()));
      String where = title + f.container().map(c -> " / " + c).orElse("");
      return new FindingRow(f.severity(), f.code(), where, f.message(), node);
    }
    if (picture.node(f.subject()).isPresent()) {
      String label = picture.node(f.subject()).get().lines().get(0);
      return new FindingRow(f.severity(), f.code(), label, f.message(), Optional.of(f.subject()));
    }
    int arrow = f.subject().indexOf(" -> ");
    Optional<String> from = Optional.empty();
    if (arrow > 0) {
      String source = f.subject().substring(0, arrow);
      from =
          picture
              .node(source)
              .map(n -> n.id())
              .or(() -> snapshot.workload(source).map(Workload::id));
    }
    return new FindingRow(f.severity(), f.code(), f.subject(), f.message(), from);
  }
}
