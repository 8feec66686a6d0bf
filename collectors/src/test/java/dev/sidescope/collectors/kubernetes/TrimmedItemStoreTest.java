package dev.sidescope.collectors.kubernetes;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The informers' caches, as the source makes them, against the mock API server. */
class TrimmedItemStoreTest {

  @Test
  void podsKeepTheirContainersAndControllersTheirOwnersOnly() throws Exception {
    try (MockCluster cluster = MockCluster.started()) {
      cluster.deployment("shop", "orders", "5d8f7c9b6", 1);
      Pod pod =
          cluster.pod(
              "shop",
              "debug",
              Map.of("app", "debug"),
              MockCluster.owner("apps/v1", "ReplicaSet", "orders-5d8f7c9b6", "uid-1"));
      pod.getSpec()
          .setTolerations(
              java.util.List.of(
                  new io.fabric8.kubernetes.api.model.TolerationBuilder()
                      .withKey("node.kubernetes.io/not-ready")
                      .withOperator("Exists")
                      .build()));
      cluster.client().pods().inNamespace("shop").resource(pod).update();

      SharedIndexInformer<? extends HasMetadata> pods =
          WatchedKind.PODS.informer(cluster.client(), Optional.empty());
      SharedIndexInformer<? extends HasMetadata> replicaSets =
          WatchedKind.REPLICA_SETS.informer(cluster.client(), Optional.empty());
      try {
        pods.start().toCompletableFuture().get(10, SECONDS);
        replicaSets.start().toCompletableFuture().get(10, SECONDS);

        Pod cached = (Pod) pods.getStore().getByKey("shop/debug");
        assertThat(cached.getSpec().getContainers()).extracting("name").contains("app", "envoy");
        assertThat(cached.getSpec().getTolerations()).isNullOrEmpty();
        assertThat(cached.getMetadata().getOwnerReferences()).hasSize(1);

        ReplicaSet replicaSet =
            (ReplicaSet) replicaSets.getStore().getByKey("shop/orders-5d8f7c9b6");
        assertThat(replicaSet.getMetadata().getOwnerReferences())
            .extracting("kind")
            .containsExactly("Deployment");
        assertThat(replicaSet.getSpec()).isNull();
      } finally {
        pods.stop();
        replicaSets.stop();
      }
    }
  }
}
