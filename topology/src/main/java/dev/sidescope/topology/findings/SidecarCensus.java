package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sidecars of one owner's workloads, counted once for the whole group rather than once per
 * workload: for each kind, how many of the workloads run it and under which container names. What
 * {@link SidecarMissingRule} compares each workload against.
 *
 * <p>Immutable once built.
 */
final class SidecarCensus {

  /**
   * One kind's count among some workloads.
   *
   * @param holders how many of them run a sidecar of the kind
   * @param names for each container name, how many of them run their first sidecar of the kind
   *     under it, in the order the names first appear
   */
  record Tally(int holders, Map<String, Integer> names) {}

  private final List<Workload> members;

  /** For each member, in order: each kind it runs, with the name of its first sidecar of it. */
  private final List<Map<SidecarKind, String>> firstNames;

  /** How many members have each id; ids are unique in practice. */
  private final Map<String, Integer> idCounts;

  /** The first member with each id. */
  private final Map<String, Workload> firstWithId;

  /** The count over all members. */
  private final Map<SidecarKind, Tally> all;

  SidecarCensus(List<Workload> members) {
    this.members = List.copyOf(members);
    this.firstNames = new ArrayList<>(members.size());
    this.idCounts = new HashMap<>();
    this.firstWithId = new HashMap<>();
    for (Workload member : this.members) {
      Map<SidecarKind, String> first = new EnumMap<>(SidecarKind.class);
      for (Container c : member.containers()) {
        if (c.isSidecar()) {
          first.putIfAbsent(c.kind().orElseThrow(), c.name());
        }
      }
      firstNames.add(first);
      idCounts.merge(member.id(), 1, Integer::sum);
      firstWithId.putIfAbsent(member.id(), member);
    }
    this.all = tally(firstNames);
  }

  /** How many members are others of this workload: those with another id. */
  int others(Workload workload) {
    return members.size() - idCounts.getOrDefault(workload.id(), 0);
  }

  /**
   * The count among the others of this workload (the members with another id), exact for every kind
   * the workload does not run itself: the only kinds the rule asks about.
   */
  Map<SidecarKind, Tally> othersLacking(Workload workload) {
    int same = idCounts.getOrDefault(workload.id(), 0);
    // The workload itself adds nothing to the kinds it does not run, so the count over all
    // members serves, unless some other member shares its id.
    if (same == 0 || (same == 1 && firstWithId.get(workload.id()) == workload)) {
      return all;
    }
    List<Map<SidecarKind, String>> others = new ArrayList<>(members.size());
    for (int i = 0; i < members.size(); i++) {
      if (!members.get(i).id().equals(workload.id())) {
        others.add(firstNames.get(i));
      }
    }
    return tally(others);
  }

  private static Map<SidecarKind, Tally> tally(List<Map<SidecarKind, String>> firstNames) {
    Map<SidecarKind, Integer> holders = new EnumMap<>(SidecarKind.class);
    Map<SidecarKind, Map<String, Integer>> namesByKind = new EnumMap<>(SidecarKind.class);
    for (Map<SidecarKind, String> first : firstNames) {
      first.forEach(
          (kind, name) -> {
            holders.merge(kind, 1, Integer::sum);
            namesByKind
                .computeIfAbsent(kind, k -> new LinkedHashMap<>())
                .merge(name, 1, Integer::sum);
          });
    }
    Map<SidecarKind, Tally> tallies = new EnumMap<>(SidecarKind.class);
    holders.forEach((kind, count) -> tallies.put(kind, new Tally(count, namesByKind.get(kind))));
    return tallies;
  }
}
