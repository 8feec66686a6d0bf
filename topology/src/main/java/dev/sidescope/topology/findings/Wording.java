package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.List;

/** How findings name the places and things they talk about, the same way in every rule. */
final class Wording {
  private Wording() {}

  /**
   * "pod order-service-5f7c9-x2k4q" or "task 0123abcd"; for a workload read from manifests that
   * stands for a controller's pod template, "the pod template of Deployment/ledger" or "task
   * definition ledger:3".
   */
  static String place(Workload workload) {
    String owned = ownerName(workload);
    if (owned != null) {
      if (workload.platform() == Platform.ECS && owned.startsWith(workload.name() + ":")) {
        return "task definition " + owned;
      }
      if (owned.equals(workload.name())) {
        return "the pod template of " + workload.owner().orElseThrow();
      }
    }
    return placeNoun(workload.platform()) + " " + workload.name();
  }

  /**
   * The name part of the workload's owner ({@code ledger} of {@code Deployment/ledger}), or null.
   * What {@code --manifests} makes of a controller is named after it, and of a task definition
   * after its family ({@code ledger} owned by {@code TaskDefinition/ledger:3}); a running pod or
   * task has a name of its own.
   */
  private static String ownerName(Workload workload) {
    String owner = workload.owner().orElse(null);
    return owner == null ? null : owner.substring(owner.indexOf('/') + 1);
  }

  /** "pod" or "task". */
  static String placeNoun(Platform platform) {
    return platform == Platform.ECS ? "task" : "pod";
  }

  /** "pods" or "tasks". */
  static String placeNounPlural(Platform platform) {
    return placeNoun(platform) + "s";
  }

  /** The workload's app containers as a list ("order-service"), or its name when it has none. */
  static String apps(Workload workload) {
    List<String> names = new ArrayList<>();
    List<Container> containers = workload.containers();
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      if (c.isApp()) {
        names.add(c.name());
      }
    }
    return names.isEmpty() ? workload.name() : list(names);
  }

  /** "a", "a and b", "a, b and c". */
  static String list(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  /** The sentence's first letter in upper case. */
  static String capitalized(String sentence) {
    return sentence.isEmpty()
        ? sentence
        : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
  }
}
