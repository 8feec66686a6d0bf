package dev.sidescope.views.inspect;

import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.picture.PictureNode;
import dev.sidescope.topology.picture.TopologyPicture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    Lookup lookup = new Lookup(snapshot, picture);
    List<FindingRow> rows = new ArrayList<>();
    for (Finding f : snapshot.findings()) {
      rows.add(row(f, lookup));
    }
    return List.copyOf(rows);
  }

  /**
   * The snapshot's workloads, the picture's box titles and its nodes by id, looked up once per
   * picture rather than searched for each of tens of thousands of findings.
   */
  private static final class Lookup {
    final Map<String, Workload> workloads = new HashMap<>();
    final Map<String, String> boxTitles = new HashMap<>();
    final Map<String, PictureNode> nodes = new HashMap<>();

    Lookup(TopologySnapshot snapshot, TopologyPicture picture) {
      snapshot.workloads().forEach(w -> workloads.putIfAbsent(w.id(), w));
      picture.boxes().forEach(b -> boxTitles.putIfAbsent(b.id(), b.title()));
      picture.nodes().forEach(n -> nodes.putIfAbsent(n.id(), n));
    }
  }

  private static FindingRow row(Finding f, Lookup lookup) {
    Workload w = lookup.workloads.get(f.subject());
    if (w != null) {
      String title = lookup.boxTitles.getOrDefault(f.subject(), w.name());
      Optional<String> node =
          f.container()
              .flatMap(name -> w.container(name))
              .map(c -> c.id())
              .or(() -> Optional.of(w.id()));
      String where = title + f.container().map(c -> " / " + c).orElse("");
      return new FindingRow(f.severity(), f.code(), where, f.message(), node);
    }
    PictureNode subject = lookup.nodes.get(f.subject());
    if (subject != null) {
      String label = subject.lines().get(0);
      return new FindingRow(f.severity(), f.code(), label, f.message(), Optional.of(f.subject()));
    }
    int arrow = f.subject().indexOf(" -> ");
    Optional<String> from = Optional.empty();
    if (arrow > 0) {
      String source = f.subject().substring(0, arrow);
      from =
          Optional.ofNullable(lookup.nodes.get(source))
              .map(n -> n.id())
              .or(() -> Optional.ofNullable(lookup.workloads.get(source)).map(Workload::id));
    }
    return new FindingRow(f.severity(), f.code(), f.subject(), f.message(), from);
  }
}
