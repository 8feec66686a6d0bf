package dev.sidescope.views.find;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureNode;
import dev.sidescope.topology.picture.TopologyPicture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The facts of every node of a picture, and which nodes a query matches. A box matches when it or
 * any of its members does; a member carries its workload's namespace and platform. Pure.
 */
public final class FindIndex {
  private final Map<String, NodeFacts> facts;
  private final Map<String, List<String>> membersOf;

  private FindIndex(Map<String, NodeFacts> facts, Map<String, List<String>> membersOf) {
    this.facts = facts;
    this.membersOf = membersOf;
  }

  public static FindIndex of(TopologySnapshot snapshot, TopologyPicture picture) {
    Map<String, NodeFacts> facts = new LinkedHashMap<>();
    Map<String, List<String>> membersOf = new LinkedHashMap<>();
    // Looked up once per box and node: by id, not by scanning the snapshot each time.
    Map<String, Workload> workloads = new HashMap<>();
    for (Workload w : snapshot.workloads()) {
      workloads.put(w.id(), w);
    }
    Map<String, List<Finding>> findingsOf = new HashMap<>();
    for (Finding f : snapshot.findings()) {
      findingsOf.computeIfAbsent(f.subject(), k -> new ArrayList<>()).add(f);
    }
    for (PictureBox box : picture.boxes()) {
      Optional<Workload> w = Optional.ofNullable(workloads.get(box.id()));
      List<Finding> findings = findingsOf.getOrDefault(box.id(), List.of());
      Set<String> boxNames = new HashSet<>(List.of(box.title()));
      Set<String> boxKinds = new HashSet<>();
      w.ifPresent(
          wl -> {
            boxNames.add(wl.name());
            wl.owner().ifPresent(boxNames::add);
          });
      Optional<String> ns = w.map(Workload::namespace);
      Optional<String> platform = w.map(x -> x.platform().wireName());
      for (PictureNode m : box.members()) {
        Optional<Container> c =
            w.flatMap(
                wl -> wl.containers().stream().filter(x -> x.id().equals(m.id())).findFirst());
        Set<String> names = new HashSet<>(m.lines());
        names.addAll(boxNames);
        Set<String> kinds = new HashSet<>();
        kinds.add(m.style().className());
        c.ifPresent(
            cc -> {
              names.add(cc.image());
              kinds.add(cc.role().wireName());
              cc.kind().ifPresent(k -> kinds.add(k.id()));
            });
        Set<String> codes = new HashSet<>();
        Severity worst = null;
        for (Finding f : findings) {
          if (aboutMember(f, w, c)) {
            codes.add(f.code());
            worst = worse(worst, f.severity());
          }
        }
        boxKinds.addAll(kinds);
        facts.put(
            m.id(),
            new NodeFacts(m.id(), names, ns, platform, kinds, codes, Optional.ofNullable(worst)));
      }
      Set<String> boxCodes = new HashSet<>();
      findings.forEach(f -> boxCodes.add(f.code()));
      facts.put(
          box.id(),
          new NodeFacts(box.id(), boxNames, ns, platform, boxKinds, boxCodes, worst(findings)));
      membersOf.put(box.id(), box.members().stream().map(PictureNode::id).toList());
    }
    for (PictureNode n : picture.outside()) {
      List<Finding> findings = findingsOf.getOrDefault(n.id(), List.of());
      Set<String> codes = new HashSet<>();
      findings.forEach(f -> codes.add(f.code()));
      facts.put(
          n.id(),
          new NodeFacts(
              n.id(),
              new HashSet<>(n.lines()),
              Optional.empty(),
              Optional.empty(),
              Set.of(n.style().className()),
              codes,
              worst(findings)));
    }
    return new FindIndex(facts, membersOf);
  }

  private static Optional<Severity> worst(List<Finding> findings) {
    Severity worst = null;
    for (Finding f : findings) {
      worst = worse(worst, f.severity());
    }
    return Optional.ofNullable(worst);
  }

  private static Severity worse(Severity a, Severity b) {
    return a == null || b.atLeast(a) ? b : a;
  }

  /**
   * Whether a finding about a workload is about this member of its box: when it names no container,
   * when it names this one, or when the container it names is not in the workload at all, as a
   * missing sidecar's is; then it is about the pod or task as a whole, and so about every member.
   */
  private static boolean aboutMember(Finding f, Optional<Workload> w, Optional<Container> member) {
    if (f.container().isEmpty()) {
      return true;
    }
    String name = f.container().get();
    if (member.map(cc -> cc.name().equals(name)).orElse(false)) {
      return true;
    }
    return w.map(wl -> wl.containers().stream().noneMatch(x -> x.name().equals(name))).orElse(true);
  }

  /**
   * The ids (boxes, members, outside nodes) that the query matches, in picture order; a box is in
   * when any member is. The empty query matches everything.
   */
  public Set<String> matching(FindQuery query) {
    Set<String> hits = new LinkedHashSet<>();
    facts.forEach(
        (id, f) -> {
          if (!membersOf.containsKey(id) && query.matches(f)) {
            hits.add(id);
          }
        });
    membersOf.forEach(
        (box, members) -> {
          boolean any = members.stream().anyMatch(hits::contains);
          if (any || (members.isEmpty() && query.matches(facts.get(box)))) {
            hits.add(box);
          }
        });
    return hits;
  }

  /** The ids of every node this index knows: boxes, members and outside nodes. */
  public Set<String> all() {
    return facts.keySet();
  }

  public Optional<NodeFacts> facts(String id) {
    return Optional.ofNullable(facts.get(id));
  }
}
