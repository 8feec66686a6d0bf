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
 * The sidecars run by the workloads of one owner (on one platform, in one namespace), counted once
 * for the whole group rather than once per workload: for each kind, how many of the workloads run
 * it. What {@link SidecarMissingRule} compares each workload against; the container names, needed
 * only for a finding, are looked up when asked.
 *
 * <p>A workload's others are the members with another id. Immutable once built.
 */
final class SidecarCensus {

  /**
   * What the others of one workload run.
   *
   * @param count how many others there are
   * @param holders by kind ordinal, how many of them run a sidecar of the kind; exact for every
   *     kind the workload does not run itself, the only kinds the rule asks about
   */
  record Others(int count, int[] holders) {}

  private final List<Workload> members;

  /** The member with each id; ids are unique in practice. */
  private final Map<String, Workload> byId;

  /** By kind ordinal: how many members run a sidecar of the kind. */
  private final int[] holders = new int[SidecarKind.values().length];

  SidecarCensus(List<Workload> members) {
    this.members = List.copyOf(members);
    this.byId = new HashMap<>();
    for (int i = 0; i < this.members.size(); i++) {
      Workload member = this.members.get(i);
      for (SidecarKind kind : kinds(member)) {
        holders[kind.ordinal()]++;
      }
      byId.putIfAbsent(member.id(), member);
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

  /** What the others of this workload, member or not, run. */
  Others othersOf(Workload workload) {
    Workload sameId = byId.get(workload.id());
    boolean distinctIds = byId.size() == members.size();
    // The workload adds nothing to a kind it does not run, so the count over all members serves,
    // unless some other member shares its id.
    if (sameId == null) {
      return new Others(members.size(), holders);
    }
    if (sameId == workload && distinctIds) {
      return new Others(members.size() - 1, holders);
    }
    int count = 0;
    int[] othersHolders = new int[holders.length];
    for (int i = 0; i < members.size(); i++) {
      Workload member = members.get(i);
      if (!member.id().equals(workload.id())) {
        count++;
        for (SidecarKind kind : kinds(member)) {
          othersHolders[kind.ordinal()]++;
        }
      }
    }
    return new Others(count, othersHolders);
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
