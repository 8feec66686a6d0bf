package dev.sidescope.samples;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

class ServerRestartTest {

  @Test
  void aRunningInformerResyncsWithoutLosingObjectsWhenTheServerRestartsOnTheSamePort()
      throws Exception {
    SampleKubernetesApi api =
        SampleKubernetesApi.of(
            SampleClusterFolder.read(ServedClusters.seedFolder()),
            ClusterExpander.Options.defaults(Instant.now()));
    api.start(0);
    int port = api.port();
    BlockingQueue<String> added = new LinkedBlockingQueue<>();
    try (KubernetesClient client = ServedClusters.client(api.url())) {
      SharedIndexInformer<Pod> informer =
          client
              .pods()
              .inAnyNamespace()
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                      added.add(pod.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(Pod oldPod, Pod newPod) {}

                    @Override
                    public void onDelete(Pod pod, boolean unknownFinalState) {}
                  });
      try {
        informer.start().toCompletableFuture().get(10, SECONDS);
        List<String> before = names(informer);
        assertThat(before).hasSize(7);

        api.stop();
        api.start(port);
        assertThat(api.port()).isEqualTo(port);
        client
            .pods()
            .inNamespace("shop")
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName("after-restart")
                    .withNamespace("shop")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("sh")
                    .withImage("busybox:1.36")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();

        // The informer's watch reconnects with back-off; give it a few of the usual waits.
        boolean heard = false;
        for (int attempt = 0; attempt < 6 && !heard; attempt++) {
          String name;
          while ((name = added.poll(10, SECONDS)) != null) {
            if (name.equals("after-restart")) {
              heard = true;
              break;
            }
          }
        }
        assertThat(heard).as("the informer heard of a pod created after the restart").isTrue();
        assertThat(names(informer)).containsAll(before).contains("after-restart").hasSize(8);
      } finally {
        informer.close();
      }
    } finally {
      api.stop();
    }
  }

  private static List<String> names(SharedIndexInformer<Pod> informer) {
    return informer.getStore().list().stream().map(p -> p.getMetadata().getName()).toList();
  }
}
