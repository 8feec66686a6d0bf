package dev.sidescope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedClusterTest {

  @Test
  void aGeneratedClusterOfTwentyThousandPodsIsServedAndAnswersAList() throws Exception {
    long start = System.nanoTime();
    try (SampleClusterServer server = new SampleClusterServer()) {
      URI url = server.start(ClusterGenerator.Spec.parse("pods=20000"), 0);
      long served = System.nanoTime();
      try (KubernetesClient client = ServedClusters.client(url)) {
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        long listed = System.nanoTime();

        assertThat(pods).hasSize(20_000);
        System.out.printf(
            "generated cluster of 20,000 pods: serving after %.1f s, a list of every pod after %.1f s"
                + " (%d objects in the store; %d cores)%n",
            (served - start) / 1e9,
            (listed - start) / 1e9,
            server.kubernetesApi().seededObjects(),
            Runtime.getRuntime().availableProcessors());
      }
    }
  }
}
