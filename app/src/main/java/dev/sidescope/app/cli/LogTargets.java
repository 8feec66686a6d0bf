package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Workload;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Finds the pods or ECS tasks a {@code sidescope logs} target names, among every pod and task the
 * sources see: a pod name or kubectl's short forms ({@code pod/NAME}, {@code deploy/NAME}, {@code
 * sts/NAME}, {@code ds/NAME}, {@code job/NAME}, and their long spellings), {@code
 * ecs-service/NAME}, {@code ecs-task/ID}, or a snapshot's workload id.
 *
 * <p>A controller or an ECS service gives all its replicas; a name found in more than one namespace
 * or ECS cluster is ambiguous, and the error lists where it was found.
 */
final class LogTargets {
  /** The owner kinds kubectl's resource names stand for. */
  private static final Map<String, String> CONTROLLERS =
      Map.ofEntries(
          Map.entry("deploy", "Deployment"),
          Map.entry("deployment", "Deployment"),
          Map.entry("deployments", "Deployment"),
          Map.entry("sts", "StatefulSet"),
          Map.entry("statefulset", "StatefulSet"),
          Map.entry("statefulsets", "StatefulSet"),
          Map.entry("ds", "DaemonSet"),
          Map.entry("daemonset", "DaemonSet"),
          Map.entry("daemonsets", "DaemonSet"),
          Map.entry("job", "Job"),
          Map.entry("jobs", "Job"),
          Map.entry("rs", "ReplicaSet"),
          Map.entry("replicaset", "ReplicaSet"),
          Map.entry("replicasets", "ReplicaSet"));

  private LogTargets() {}

  /**
   * The workloads {@code target} names among {@code workloads} (every pod and task, ungrouped).
   *
   * @throws UserError (exit 2) when the target's form is unknown, nothing matches, or it matches in
   *     more than one namespace or cluster
   */
  static List<Workload> resolve(String target, List<Workload> workloads) {
    String t = target.strip();
    Optional<Workload> byId = workloads.stream().filter(w -> w.id().equals(t)).findFirst();
    if (byId.isPresent()) {
      return List.of(byId.get());
    }
    int slash = t.indexOf('/');
    String kind = slash < 0 ? "pod" : t.substring(0, slash).toLowerCase(Locale.ROOT);
    String name = slash < 0 ? t : t.substring(slash + 1);
    if (name.isEmpty()) {
      throw new UserError("the target '" + target + "' names no " + kind + ".");
    }
    Predicate<Workload> matches;
    String what;
    if (kind.equals("pod") || kind.equals("pods") || kind.equals("po")) {
      matches = w -> kubernetes(w) && w.name().equals(name);
      what = "pod " + name;
    } else if (CONTROLLERS.containsKey(kind)) {
      String owner = CONTROLLERS.get(kind) + "/" + name;
      matches = w -> kubernetes(w) && w.spec().owner().filter(owner::equals).isPresent();
      what = owner;
    } else if (kind.equals("ecs-service")) {
      matches =
          w -> !kubernetes(w) && w.spec().owner().filter(("Service/" + name)::equals).isPresent();
      what = "ECS service " + name;
    } else if (kind.equals("ecs-task")) {
      String id = name.substring(name.lastIndexOf('/') + 1); // an ARN's last part is the id
      matches = w -> !kubernetes(w) && w.name().equals(id);
      what = "ECS task " + id;
    } else {
      throw new UserError(
          "the target '"
              + target
              + "' is not a pod name, pod/NAME, deploy/NAME, sts/NAME, ds/NAME, job/NAME,"
              + " ecs-service/NAME, ecs-task/ID or a snapshot id.");
    }
    List<Workload> found = workloads.stream().filter(matches).toList();
    if (found.isEmpty()) {
      throw new UserError(what + " was not found" + seen(workloads) + ".");
    }
    Map<String, List<Workload>> byPlace =
        found.stream()
            .collect(
                Collectors.groupingBy(
                    w -> w.spec().source() + " " + w.namespace(),
                    java.util.TreeMap::new,
                    Collectors.toList()));
    if (byPlace.size() > 1) {
      throw new UserError(
          what
              + " is in more than one place; narrow it with --namespace or --ecs-cluster: "
              + byPlace.entrySet().stream()
                  .map(e -> place(e.getValue().get(0)) + " (" + e.getValue().size() + ")")
                  .collect(Collectors.joining(", "))
              + ".");
    }
    return found;
  }

  private static boolean kubernetes(Workload w) {
    return w.spec().platform() == Platform.KUBERNETES;
  }

  /** "namespace shop of kubernetes/kind-dev" or "ECS cluster prod of ecs/us-east-1". */
  private static String place(Workload w) {
    return (kubernetes(w) ? "namespace " : "ECS cluster ")
        + w.namespace()
        + " of "
        + w.spec().source();
  }

  private static String seen(List<Workload> workloads) {
    long pods = workloads.stream().filter(LogTargets::kubernetes).count();
    long tasks = workloads.size() - pods;
    return " among the " + pods + " pods and " + tasks + " ECS tasks the sources see";
  }
}
