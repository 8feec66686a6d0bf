package dev.sidescope.views.console;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kubectl or AWS CLI command a person would run next about a node, with the context or region
 * the node came from, ready to paste into a POSIX shell:
 *
 * <ul>
 *   <li>a container of a pod: {@code kubectl --context CTX -n NS logs POD -c CONTAINER}, with
 *       {@code --previous} once it has restarted; of a box of replicas, the logs of {@code
 *       deployment/NAME} (or whatever owns them);
 *   <li>a pod: {@code kubectl --context CTX -n NS describe pod POD};
 *   <li>a box of replicas: {@code kubectl --context CTX -n NS describe deployment NAME};
 *   <li>an ECS task or its container: {@code aws ecs describe-tasks --cluster C --tasks ID --region
 *       R};
 *   <li>an ECS service box or its container: {@code aws ecs describe-services --cluster C
 *       --services NAME --region R}.
 * </ul>
 *
 * Other nodes (Services, AWS, Vault, external hosts) and workloads from sources that are not a live
 * cluster (manifests) have none. Pure: no toolkit, no state.
 */
public final class NextCommand {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:/=@-]+");
  private static final String KUBERNETES = "kubernetes/";
  private static final String ECS = "ecs/";

  private NextCommand() {}

  /** The command for the node {@code nodeId} of {@code snapshot}: a workload or a container. */
  public static Optional<String> forNode(TopologySnapshot snapshot, String nodeId) {
    for (Workload w : snapshot.workloads()) {
      if (w.id().equals(nodeId)) {
        return forWorkload(w, snapshot.grouping(), Optional.empty());
      }
      if (nodeId.startsWith(w.id() + "/")) {
        for (Container c : w.containers()) {
          if (c.id().equals(nodeId)) {
            return forWorkload(w, snapshot.grouping(), Optional.of(c));
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The command for a workload, or for one of its containers.
   *
   * @param grouping how the picture groups: a box stands for the replicas of its owner only when
   *     grouped
   */
  public static Optional<String> forWorkload(
      Workload w, Grouping grouping, Optional<Container> container) {
    String source = w.spec().source();
    Optional<String> owner = boxOwner(w, grouping);
    if (w.platform() == Platform.KUBERNETES && source.startsWith(KUBERNETES)) {
      String context = source.substring(KUBERNETES.length());
      List<String> args =
          new ArrayList<>(List.of("kubectl", "--context", context, "-n", w.namespace()));
      if (container.isPresent()) {
        Container c = container.get();
        args.add("logs");
        args.add(owner.map(o -> kind(o) + "/" + name(o)).orElse(w.name()));
        args.add("-c");
        args.add(c.name());
        if (c.spec().state().restarts().orElse(0) > 0) {
          args.add("--previous");
        }
      } else {
        args.add("describe");
        args.add(owner.map(NextCommand::kind).orElse("pod"));
        args.add(owner.map(NextCommand::name).orElse(w.name()));
      }
      return Optional.of(line(args));
    }
    if (w.platform() == Platform.ECS && source.startsWith(ECS)) {
      String region = source.substring(ECS.length());
      int slash = region.indexOf('/');
      if (slash >= 0) {
        region = region.substring(0, slash);
      }
      List<String> args = new ArrayList<>(List.of("aws", "ecs"));
      if (owner.isPresent()) {
        if (!kind(owner.get()).equals("service")) {
          return Optional.empty();
        }
        args.addAll(
            List.of(
                "describe-services", "--cluster", w.namespace(), "--services", name(owner.get())));
      } else {
        args.addAll(List.of("describe-tasks", "--cluster", w.namespace(), "--tasks", w.name()));
      }
      args.add("--region");
      args.add(region);
      return Optional.of(line(args));
    }
    return Optional.empty();
  }

  /**
   * The owner a box stands for ({@code Deployment/order-service}): grouped, the box is named after
   * its owner. Empty for a pod or task, and for a bare pod, which is its own box.
   */
  private static Optional<String> boxOwner(Workload w, Grouping grouping) {
    if (grouping == Grouping.POD) {
      return Optional.empty();
    }
    return w.owner().filter(o -> o.indexOf('/') > 0 && name(o).equals(w.name()));
  }

  private static String kind(String owner) {
    return owner.substring(0, owner.indexOf('/')).toLowerCase(Locale.ROOT);
  }

  private static String name(String owner) {
    return owner.substring(owner.indexOf('/') + 1);
  }

  private static String line(List<String> args) {
    StringBuilder out = new StringBuilder();
    for (String a : args) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(quote(a));
    }
    return out.toString();
  }

  /**
   * An argument as a POSIX shell reads it back: as is when it holds only {@code
   * [A-Za-z0-9._:/=@-]}, else in single quotes, a single quote in it written {@code '\''}.
   */
  public static String quote(String arg) {
    if (PLAIN.matcher(arg).matches()) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
