package dev.sidescope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.samples.generate.ClusterGenerator;
import dev.sidescope.samples.kubernetes.ServedClusters;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedClusterTest {

  @Test
  void aGeneratedClusterOfTwentyThousandPodsIsServedAndAnswersAList() throws Exception {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double load = os.getSystemLoadAverage();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    try (SampleClusterServer server = new SampleClusterServer()) {
      URI url = server.start(ClusterGenerator.Spec.parse("pods=20000"), 0);
      long served = System.nanoTime();
      long servedCpu = os.getProcessCpuTime();
      try (KubernetesClient client = ServedClusters.client(url)) {
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        long listed = System.nanoTime();

        assertThat(pods).hasSize(20_000);
        // Numbers for the report, not assertions: the machine may be shared.
        System.out.printf(
            "generated cluster of 20,000 pods (%d objects): serving after %.1f s (%.1f s of CPU),"
                + " a list of every pod read after %.1f s; %d cores, load average %.1f before%n",
            server.kubernetesApi().seededObjects(),
            (served - start) / 1e9,
            (servedCpu - cpu) / 1e9,
            (listed - start) / 1e9,
            Runtime.getRuntime().availableProcessors(),
            load);
      }
    }
  }
}
