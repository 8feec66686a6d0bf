package dev.sidescope.samples.kubernetes;

import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.folder.SampleClusterFolder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test helpers: the seed sample and its API, a fabric8 client on the JDK HTTP client as collectors
 * use, a pod to create through it, and an informer handler that notes what it hears.
 */
public final class ServedClusters {
  private ServedClusters() {}

  /** The built-in seed sample's folder. */
  public static Path seedFolder() throws IOException {
    return BuiltInSamples.folder("seed").orElseThrow();
  }

  /** A client of the API at {@code url}, on the JDK HTTP client as the collectors make theirs. */
  public static KubernetesClient client(URI url) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url.toString())
            .withRequestTimeout(30_000)
            .withConnectionTimeout(5_000)
            .build();
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  /** The seed sample's Kubernetes API, not started. */
  static SampleKubernetesApi seedApi() throws IOException {
    return SampleKubernetesApi.of(
        SampleClusterFolder.read(seedFolder()), ClusterExpander.Options.defaults(Instant.now()));
  }

  /** A pod of one busybox container in namespace {@code shop}, to create through the API. */
  static Pod shellPod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("shop")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("sh")
        .withImage("busybox:1.36")
        .endContainer()
        .endSpec()
        .build();
  }

  /** Informer events: the name of each pod added goes to {@code added}, updates are counted. */
  static ResourceEventHandler<Pod> noting(BlockingQueue<String> added, AtomicInteger updates) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        added.add(pod.getMetadata().getName());
      }

      @Override
      public void onUpdate(Pod oldPod, Pod newPod) {
        updates.incrementAndGet();
      }

      @Override
      public void onDelete(Pod pod, boolean unknownFinalState) {}
    };
  }
}
