package dev.sidescope.samples.kubernetes;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServerRestartTest {

  @Test
  void aRunningInformerResyncsWithoutLosingObjectsWhenTheServerRestartsOnTheSamePort()
      throws Exception {
    SampleKubernetesApi api = ServedClusters.seedApi();
    api.start(0);
    int port = api.port();
    BlockingQueue<String> added = new LinkedBlockingQueue<>();
    try (KubernetesClient client = ServedClusters.client(api.url())) {
      SharedIndexInformer<Pod> informer =
          client.pods().inAnyNamespace().inform(ServedClusters.noting(added, new AtomicInteger()));
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
            .resource(ServedClusters.shellPod("after-restart"))
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
