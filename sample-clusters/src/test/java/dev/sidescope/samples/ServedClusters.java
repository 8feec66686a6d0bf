package dev.sidescope.samples;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Test helpers: the seed sample, and a fabric8 client on the JDK HTTP client, as collectors use.
 */
final class ServedClusters {
  private ServedClusters() {}

  static Path seedFolder() throws IOException {
    return BuiltInSamples.folder("seed").orElseThrow();
  }

  static KubernetesClient client(URI url) {
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
}
