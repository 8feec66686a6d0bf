package dev.sidescope.samples.xray;

import dev.sidescope.samples.folder.SampleCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which names of a traffic model are traced workloads, and the X-Ray {@code origin} of each: a
 * workload sends segments of its own (named after it), anything else is only known from its
 * callers' subsegments (a host such as {@code payments-db.internal}, or an AWS service).
 *
 * <p>Immutable; thread-safe.
 */
public final class WorkloadOrigins {
  /** The origin the X-Ray SDKs give a container on Amazon EKS. */
  public static final String EKS = "AWS::EKS::Container";

  /** The origin the X-Ray SDKs give a container on Amazon ECS. */
  public static final String ECS = "AWS::ECS::Container";

  private static final List<String> APP_LABELS = List.of("app", "app.kubernetes.io/name");

  private static final Set<String> KUBERNETES_WORKLOADS =
      Set.of(
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "ReplicaSet",
          "ReplicationController",
          "Job",
          "CronJob",
          "Pod");

  private final Map<String, String> origins;
  private final boolean guess;

  private WorkloadOrigins(Map<String, String> origins, boolean guess) {
    this.origins = Map.copyOf(origins);
    this.guess = guess;
  }

  /**
   * The workloads of a sample: its Kubernetes controllers and bare pods (on EKS), a bare pod also
   * under its {@code app} or {@code app.kubernetes.io/name} label, and its ECS services (on ECS); a
   * name on both platforms counts as Kubernetes'.
   */
  public static WorkloadOrigins of(SampleCluster sample, Collection<String> ecsServices) {
    Map<String, String> origins = new LinkedHashMap<>();
    for (String service : ecsServices) {
      origins.put(service, ECS);
    }
    for (HasMetadata manifest : sample.manifests()) {
      if (KUBERNETES_WORKLOADS.contains(manifest.getKind())
          && manifest.getMetadata() != null
          && manifest.getMetadata().getName() != null) {
        origins.put(manifest.getMetadata().getName(), EKS);
        if ("Pod".equals(manifest.getKind()) && manifest.getMetadata().getLabels() != null) {
          // A bare pod is traced under its app's name, as its SDK would be configured, not under
          // the pod's own generated name.
          for (String label : APP_LABELS) {
            String app = manifest.getMetadata().getLabels().get(label);
            if (app != null && !app.isBlank()) {
              origins.putIfAbsent(app, EKS);
            }
          }
        }
      }
    }
    return new WorkloadOrigins(origins, false);
  }

  /** Exactly these workloads, name to origin. */
  public static WorkloadOrigins of(Map<String, String> origins) {
    return new WorkloadOrigins(origins, false);
  }

  /**
   * Without a sample to ask: a name without a dot is a workload (of no known origin), a name with
   * one is a host.
   */
  public static WorkloadOrigins byName() {
    return new WorkloadOrigins(Map.of(), true);
  }

  /** Whether {@code name} is a workload that sends segments of its own. */
  public boolean isWorkload(String name) {
    return origins.containsKey(name) || guess && name.indexOf('.') < 0 && !name.isEmpty();
  }

  /** The workload's X-Ray origin, where known. */
  public Optional<String> origin(String name) {
    return Optional.ofNullable(origins.get(name));
  }
}
