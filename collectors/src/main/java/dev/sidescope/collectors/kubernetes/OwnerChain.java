package dev.sidescope.collectors.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Objects;
import java.util.Optional;

/**
 * A pod's top controller, found by following controller references through the informer caches: pod
 * → ReplicaSet → Deployment, pod → Job → CronJob; any other controller (StatefulSet, DaemonSet, a
 * bare Job, a custom kind) is the top itself.
 *
 * <p>When the middle object is not in the cache (not listed yet, or not allowed), the pod's own
 * references decide, as for manifests: a ReplicaSet named {@code <deployment>-<pod-template-hash>}
 * stands for its Deployment.
 *
 * <p>Stateless; called on the Kubernetes source's refresh thread with lookups into its caches.
 */
final class OwnerChain {

  /** Finds cached controllers by namespace and name; null when not cached. */
  interface Lookup {
    ReplicaSet replicaSet(String namespace, String name);

    Job job(String namespace, String name);
  }

  private OwnerChain() {}

  /** The top controller as {@code Kind/name}, or empty for a bare pod. */
  static Optional<String> ownerOf(Pod pod, Lookup lookup) {
    OwnerReference ref = controllerOf(pod);
    if (ref == null) {
      return Optional.empty();
    }
    String namespace = namespaceOf(pod);
    switch (ref.getKind()) {
      case "ReplicaSet" -> {
        ReplicaSet replicaSet = lookup.replicaSet(namespace, ref.getName());
        if (replicaSet == null) {
          return KubernetesWorkloads.ownerFromReferences(pod);
        }
        return Optional.of(above(replicaSet).orElse("ReplicaSet/" + ref.getName()));
      }
      case "Job" -> {
        Job job = lookup.job(namespace, ref.getName());
        if (job == null) {
          return Optional.of("Job/" + ref.getName());
        }
        return Optional.of(above(job).orElse("Job/" + ref.getName()));
      }
      default -> {
        return Optional.of(ref.getKind() + "/" + ref.getName());
      }
    }
  }

  /** The controller of a ReplicaSet or Job, as {@code Kind/name}. */
  private static Optional<String> above(HasMetadata object) {
    OwnerReference ref = controllerOf(object);
    return ref == null ? Optional.empty() : Optional.of(ref.getKind() + "/" + ref.getName());
  }

  private static OwnerReference controllerOf(HasMetadata object) {
    ObjectMeta meta = object.getMetadata();
    if (meta == null || meta.getOwnerReferences() == null) {
      return null;
    }
    return meta.getOwnerReferences().stream()
        .filter(Objects::nonNull)
        .filter(r -> Boolean.TRUE.equals(r.getController()))
        .filter(r -> r.getKind() != null && r.getName() != null)
        .findFirst()
        .orElse(null);
  }

  private static String namespaceOf(HasMetadata object) {
    String ns = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
    return ns == null || ns.isBlank() ? KubernetesWorkloads.DEFAULT_NAMESPACE : ns;
  }
}
