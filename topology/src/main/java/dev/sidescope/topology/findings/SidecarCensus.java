package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sidecars of one owner's workloads, counted once for the whole group rather than once per
 * workload: for each kind, how many of the workloads run it. What {@link SidecarMissingRule}
 * compares each workload against; the container names, needed only for a finding, are looked up
 * when asked.
 *
 * <p>A workload's others are the members with another id. Immutable once built.
 */
final class SidecarCensus {

  private final List<Workload> members;

  /** How many members have each id; ids are unique in practice. */
  private final Map<String, Integer> idCounts;

  /** The first member with each id. */
  private final Map<String, Workload> firstWithId;

  /** By kind ordinal: how many members run a sidecar of the kind. */
  private final int[] holders = new int[SidecarKind.values().length];

  SidecarCensus(List<Workload> members) {
    this.members = List.copyOf(members);
    this.idCounts = new HashMap<>();
    this.firstWithId = new HashMap<>();
    for (int i = 0; i < this.members.size(); i++) {
      Workload member = this.members.get(i);
      for (SidecarKind kind : kinds(member)) {
        holders[kind.ordinal()]++;
      }
      idCounts.merge(member.id(), 1, Integer::sum);
      firstWithId.putIfAbsent(member.id(), member);
    }
  }

  /** The kinds of sidecar a workload runs. */
  static Set<SidecarKind> kinds(Workload workload) {
    Set<SidecarKind> kinds = EnumSet.noneOf(SidecarKind.class);
    List<Container> containers = workload.containers();
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      if (c.isSidecar()) {
        kinds.add(c.kind().orElseThrow());
      }
    }
    return kinds;
  }

  /** How many members are others of this workload. */
  int others(Workload workload) {
    return members.size() - idCounts.getOrDefault(workload.id(), 0);
  }

  /**
   * How many of the workload's others run a sidecar of this kind, for a kind the workload does not
   * run itself: the only kinds the rule asks about.
   */
  int holdersLacking(Workload workload, SidecarKind kind) {
    int same = idCounts.getOrDefault(workload.id(), 0);
    // The workload adds nothing to a kind it does not run, so the count over all members serves,
    // unless some other member shares its id.
    if (same == 0 || (same == 1 && firstWithId.get(workload.id()) == workload)) {
      return holders[kind.ordinal()];
    }
    int count = 0;
    for (int i = 0; i < members.size(); i++) {
      Workload member = members.get(i);
      if (!member.id().equals(workload.id()) && kinds(member).contains(kind)) {
        count++;
      }
    }
    return count;
  }

  /**
   * For each container name, how many of the workload's others run their first sidecar of this kind
   * under it, names in the order first met.
   */
  Map<String, Integer> names(Workload workload, SidecarKind kind) {
    Map<String, Integer> names = new LinkedHashMap<>();
    for (int i = 0; i < members.size(); i++) {
      Workload member = members.get(i);
      if (member.id().equals(workload.id())) {
        continue;
      }
      List<Container> containers = member.containers();
      for (int j = 0; j < containers.size(); j++) {
        Container c = containers.get(j);
        if (c.isSidecar() && c.kind().orElseThrow() == kind) {
          names.merge(c.name(), 1, Integer::sum);
          break;
        }
      }
    }
    return names;
  }
}
