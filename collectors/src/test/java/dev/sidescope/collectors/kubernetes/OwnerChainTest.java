package dev.sidescope.collectors.kubernetes;

import static dev.sidescope.collectors.kubernetes.MockCluster.owner;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnerChainTest {
  private final Map<String, ReplicaSet> replicaSets = new HashMap<>();
  private final Map<String, Job> jobs = new HashMap<>();
  private final OwnerChain.Lookup caches =
      new OwnerChain.Lookup() {
        @Override
        public ReplicaSet replicaSet(String namespace, String name) {
          return replicaSets.get(namespace + "/" + name);
        }

        @Override
        public Job job(String namespace, String name) {
          return jobs.get(namespace + "/" + name);
        }
      };

  @Test
  void aReplicaSetInTheCacheLeadsToItsDeployment() {
    replicaSets.put(
        "shop/cart-7f9", replicaSet("cart-7f9", owner("apps/v1", "Deployment", "cart", "u1")));

    assertThat(
            ownerOf(pod("cart-7f9-x", Map.of(), owner("apps/v1", "ReplicaSet", "cart-7f9", "u2"))))
        .contains("Deployment/cart");
  }

  @Test
  void aReplicaSetOwnedByAnotherControllerLeadsToThatController() {
    replicaSets.put(
        "shop/web-1", replicaSet("web-1", owner("argoproj.io/v1alpha1", "Rollout", "web", "u1")));

    assertThat(ownerOf(pod("web-1-x", Map.of(), owner("apps/v1", "ReplicaSet", "web-1", "u2"))))
        .contains("Rollout/web");
  }

  @Test
  void aStandaloneReplicaSetIsTheTop() {
    replicaSets.put("shop/solo", replicaSet("solo", null));

    assertThat(ownerOf(pod("solo-x", Map.of(), owner("apps/v1", "ReplicaSet", "solo", "u2"))))
        .contains("ReplicaSet/solo");
  }

  @Test
  void aReplicaSetNotInTheCacheIsGuessedFromThePodTemplateHash() {
    Pod pod =
        pod(
            "cart-7f9-x",
            Map.of("pod-template-hash", "7f9"),
            owner("apps/v1", "ReplicaSet", "cart-7f9", "u2"));

    assertThat(ownerOf(pod)).contains("Deployment/cart");
  }

  @Test
  void aJobStartedByACronJobLeadsToTheCronJob() {
    jobs.put("shop/nightly-1", job("nightly-1", owner("batch/v1", "CronJob", "nightly", "u1")));

    assertThat(ownerOf(pod("nightly-1-x", Map.of(), owner("batch/v1", "Job", "nightly-1", "u2"))))
        .contains("CronJob/nightly");
  }

  @Test
  void aJobOfItsOwnIsTheTop() {
    assertThat(ownerOf(pod("migrate-x", Map.of(), owner("batch/v1", "Job", "migrate", "u2"))))
        .contains("Job/migrate");
  }

  @Test
  void aStatefulSetsPodNamesItDirectly() {
    assertThat(ownerOf(pod("db-0", Map.of(), owner("apps/v1", "StatefulSet", "db", "u2"))))
        .contains("StatefulSet/db");
  }

  @Test
  void aBarePodHasNoOwner() {
    assertThat(ownerOf(pod("debug", Map.of(), null))).isEmpty();
  }

  private Optional<String> ownerOf(Pod pod) {
    return OwnerChain.ownerOf(pod, caches);
  }

  private static Pod pod(String name, Map<String, String> labels, OwnerReference owner) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("shop")
            .withLabels(labels)
            .endMetadata();
    if (owner != null) {
      pod.editMetadata().withOwnerReferences(owner).endMetadata();
    }
    return pod.build();
  }

  private static ReplicaSet replicaSet(String name, OwnerReference owner) {
    ReplicaSetBuilder rs =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("shop")
            .endMetadata();
    if (owner != null) {
      rs.editMetadata().withOwnerReferences(owner).endMetadata();
    }
    return rs.build();
  }

  private static Job job(String name, OwnerReference owner) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("shop")
        .withOwnerReferences(owner)
        .endMetadata()
        .build();
  }
}
