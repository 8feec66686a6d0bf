package dev.sidescope.topology.classify;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.Role;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Variant;
import dev.sidescope.topology.model.WorkloadSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Names each container of a workload: {@code init}, {@code app}, or {@code sidecar} with its {@link
 * SidecarKind} and {@link Variant}.
 *
 * <p>Kinds come from the sidecar table ({@code SidecarRules}): a container takes the kind of its
 * strongest evidence. Roles follow these rules, in order:
 *
 * <ol>
 *   <li>A Kubernetes init container is {@code init}, unless it has {@code restartPolicy: Always}: a
 *       native sidecar, which is a sidecar ({@code unknown} when no row names its kind).
 *   <li>A workload with a single regular container: that container is the app, whatever its image.
 *   <li>The container named by {@code kubectl.kubernetes.io/default-container} is an app.
 *   <li>A container that matches a row is a sidecar; one that matches none is an app — except a
 *       non-essential ECS container, which is an {@code unknown} sidecar.
 *   <li>nginx is a sidecar only beside an app.
 *   <li>When that leaves no app, one container is promoted: an nginx or unmatched container before
 *       a recognised sidecar, and a recognised one before a container the workload declares to be
 *       its proxy or log router; within that, the first essential one (ECS), else the first.
 * </ol>
 *
 * <p>So every workload with a container ends with at least one app, and several apps are allowed.
 *
 * <p>Stateless and thread-safe: the table is compiled once for the class, and {@link #classify}
 * keeps its working state on the caller's stack, so one instance may serve any number of threads. A
 * call costs one image parse and a few hash lookups per container.
 */
public final class SidecarClassifier {

  /** Names the app container for {@code kubectl logs} and {@code exec}; a person's statement. */
  static final String DEFAULT_CONTAINER = "kubectl.kubernetes.io/default-container";

  /** Compiled once per class: the table is constant, and every instance may share it. */
  private static final RuleIndex STANDARD = new RuleIndex(SidecarRules.STANDARD);

  private final RuleIndex index = STANDARD;

  /** A classifier on Sidescope's standard sidecar table. */
  public SidecarClassifier() {}

  /**
   * Classifies every container of the workload.
   *
   * @return one container per {@code workload.containers()} entry, in the same order, with ids
   *     {@code <workload id>/<container name>}
   */
  public List<Container> classify(WorkloadSpec workload) {
    List<ContainerSpec> specs = workload.containers();
    int count = specs.size();
    WorkloadContext context = new WorkloadContext(workload);
    int[] addressRows = index.addressRows(specs, context);

    Role[] roles = new Role[count];
    List<Optional<Match>> matches = new ArrayList<>(count);
    int regular = 0;
    for (int i = 0; i < count; i++) {
      ContainerSpec spec = specs.get(i);
      if (spec.initContainer() && !spec.restartAlways()) {
        roles[i] = Role.INIT;
        matches.add(Optional.empty());
        continue;
      }
      matches.add(index.match(spec, addressRows[i], context));
      if (!spec.initContainer()) {
        regular++;
      }
    }

    String defaultContainer = workload.annotations().get(DEFAULT_CONTAINER);
    boolean hasApp = false;
    for (int i = 0; i < count; i++) {
      if (roles[i] == Role.INIT) {
        continue;
      }
      ContainerSpec spec = specs.get(i);
      Optional<Match> match = matches.get(i);
      if (spec.nativeSidecar()) {
        roles[i] = Role.SIDECAR;
      } else if (regular == 1 || spec.name().equals(defaultContainer)) {
        roles[i] = Role.APP;
        hasApp = true;
      } else if (match.isPresent() && !match.get().rule().onlyBesideAnApp()) {
        roles[i] = Role.SIDECAR;
      } else if (match.isEmpty() && isEssential(spec)) {
        roles[i] = Role.APP;
        hasApp = true;
      }
      // Otherwise undecided: an nginx, or a non-essential ECS container that matches nothing.
      // Either is the app only if nothing else is.
    }

    if (!hasApp) {
      int promoted = leastSidecarLike(specs, roles, matches);
      if (promoted >= 0) {
        roles[promoted] = Role.APP;
      }
    }

    List<Container> result = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ContainerSpec spec = specs.get(i);
      Role role = roles[i] == null ? Role.SIDECAR : roles[i];
      if (role == Role.SIDECAR) {
        Optional<Rule> rule = matches.get(i).map(Match::rule);
        result.add(
            Container.sidecar(
                workload.id(),
                spec,
                rule.map(Rule::kind).orElse(SidecarKind.UNKNOWN),
                rule.map(Rule::variant).orElse(Variant.SIDECAR)));
      } else {
        result.add(Container.of(workload.id(), spec, role));
      }
    }
    return Collections.unmodifiableList(result);
  }

  /**
   * The container to make the app when no container is one: the lowest of (native sidecar last;
   * nginx or unmatched, then recognised, then declared by the workload; essential first;
   * declaration order). -1 when there is no container but init containers.
   */
  private static int leastSidecarLike(
      List<ContainerSpec> specs, Role[] roles, List<Optional<Match>> matches) {
    int best = -1;
    int bestRank = Integer.MAX_VALUE;
    for (int i = 0; i < specs.size(); i++) {
      if (roles[i] == Role.INIT) {
        continue;
      }
      ContainerSpec spec = specs.get(i);
      int rank =
          (spec.nativeSidecar() ? 8 : 0)
              + sidecarLikeness(matches.get(i)) * 2
              + (isEssential(spec) ? 0 : 1);
      if (rank < bestRank) {
        best = i;
        bestRank = rank;
      }
    }
    return best;
  }

  /** 0 for nginx or no match, 1 for a recognised sidecar, 2 for one the workload declares. */
  private static int sidecarLikeness(Optional<Match> match) {
    if (match.isEmpty() || match.get().rule().onlyBesideAnApp()) {
      return 0;
    }
    return match.get().evidence() == EvidenceType.DECLARED ? 2 : 1;
  }

  /** ECS reads a missing {@code essential} as true; Kubernetes has no such notion. */
  private static boolean isEssential(ContainerSpec spec) {
    return spec.essential().orElse(true);
  }
}
