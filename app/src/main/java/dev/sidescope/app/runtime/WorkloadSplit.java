package dev.sidescope.app.runtime;

import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The pods and tasks a request's workloads stand for, split among the sources that serve them: a
 * box of the picture grouped by workload or Service stands for all its replicas; each pod or task
 * goes to the first source that serves it; what none serves is left over.
 *
 * @param <S> the kind of source
 * @param assigned each source that serves some, with those it serves, in the sources' order
 * @param unserved those no source serves
 */
record WorkloadSplit<S>(Map<S, List<Workload>> assigned, List<Workload> unserved) {

  static <S> WorkloadSplit<S> of(
      List<Workload> workloads,
      Function<String, List<Workload>> membersOf,
      List<S> sources,
      BiPredicate<S, Workload> serves) {
    List<Workload> left = new ArrayList<>();
    for (Workload w : workloads) {
      List<Workload> members = membersOf.apply(w.id());
      for (Workload m : members.isEmpty() ? List.of(w) : members) {
        if (!left.contains(m)) {
          left.add(m);
        }
      }
    }
    Map<S, List<Workload>> assigned = new LinkedHashMap<>();
    for (S source : sources) {
      List<Workload> mine = left.stream().filter(w -> serves.test(source, w)).toList();
      if (!mine.isEmpty()) {
        left.removeAll(mine);
        assigned.put(source, mine);
      }
    }
    return new WorkloadSplit<>(assigned, List.copyOf(left));
  }
}
