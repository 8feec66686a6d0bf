package dev.sidescope.collectors.kubernetes.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.util.Set;

/**
 * What a pod's events are about: the pod itself (by uid, as the kubelet names it; by name when an
 * event carries no uid) and its owners, each {@code Kind/name} in the pod's namespace (its
 * ReplicaSet and that ReplicaSet's Deployment, say).
 */
record PodSubjects(String podName, String podUid, Set<String> owners) {

  PodSubjects {
    owners = Set.copyOf(owners);
  }

  /** True when {@code event} is about the pod or one of its owners. */
  boolean matches(Event event) {
    ObjectReference about = event.getInvolvedObject();
    if (about == null || about.getKind() == null || about.getName() == null) {
      return false;
    }
    if (about.getKind().equals("Pod")) {
      if (about.getUid() != null && !about.getUid().isBlank() && podUid != null) {
        return about.getUid().equals(podUid);
      }
      return about.getName().equals(podName);
    }
    return owners.contains(about.getKind() + "/" + about.getName());
  }
}
