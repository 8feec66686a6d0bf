package dev.sidescope.collectors.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;

/**
 * An informer cache that keeps of each object only what the Kubernetes source reads, keyed as
 * fabric8 keys its own ({@code namespace/name}). Of a pod: its metadata without {@code
 * managedFields}, its containers and their statuses (without container ids), its phase; not its
 * conditions, tolerations, volumes, affinity or security context. Of the controllers (ReplicaSets
 * and Jobs, which owner chains pass through, and the kinds the source watches for changes only):
 * their metadata. Everything else is kept whole, without {@code managedFields}.
 *
 * <p>On a generated cluster of 20,000 pods this is about a tenth of the cached heap. Objects are
 * trimmed in place as the informer stores them, on fabric8's threads; the source's handlers only
 * mark it dirty, so nothing reads what is dropped. The source's own client already skips these
 * parts while reading ({@link SharedStrings#serialization}); the store keeps the promise for any
 * client.
 */
final class TrimmedItemStore<T extends HasMetadata> extends BasicItemStore<T> {
  private final boolean metadataOnly;

  /**
   * @param metadataOnly keep only each object's metadata (controllers whose spec is never read)
   */
  TrimmedItemStore(boolean metadataOnly) {
    super(Cache::metaNamespaceKeyFunc);
    this.metadataOnly = metadataOnly;
  }

  @Override
  public T put(String key, T object) {
    trim(object);
    return super.put(key, object);
  }

  private void trim(T object) {
    if (object.getMetadata() != null) {
      object.getMetadata().setManagedFields(null);
    }
    if (metadataOnly) {
      clearSpecAndStatus(object);
    } else if (object instanceof Pod pod) {
      trim(pod);
    }
  }

  private static void trim(Pod pod) {
    if (pod.getSpec() != null) {
      pod.getSpec().setTolerations(null);
      pod.getSpec().setVolumes(null);
      pod.getSpec().setAffinity(null);
      pod.getSpec().setSecurityContext(null);
    }
    PodStatus status = pod.getStatus();
    if (status != null) {
      status.setConditions(null);
      withoutIds(status.getContainerStatuses());
      withoutIds(status.getInitContainerStatuses());
    }
  }

  private static void withoutIds(List<ContainerStatus> statuses) {
    if (statuses != null) {
      for (ContainerStatus s : statuses) {
        if (s != null) {
          s.setContainerID(null);
        }
      }
    }
  }

  private static void clearSpecAndStatus(HasMetadata object) {
    if (object instanceof ReplicaSet r) {
      r.setSpec(null);
      r.setStatus(null);
    } else if (object instanceof Deployment d) {
      d.setSpec(null);
      d.setStatus(null);
    } else if (object instanceof StatefulSet s) {
      s.setSpec(null);
      s.setStatus(null);
    } else if (object instanceof DaemonSet d) {
      d.setSpec(null);
      d.setStatus(null);
    } else if (object instanceof Job j) {
      j.setSpec(null);
      j.setStatus(null);
    } else if (object instanceof CronJob c) {
      c.setSpec(null);
      c.setStatus(null);
    }
  }
}
