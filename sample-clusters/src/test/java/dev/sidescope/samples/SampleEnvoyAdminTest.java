package dev.sidescope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.samples.envoy.EnvoyAdminEndpoint;
import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.generate.ClusterGenerator;
import dev.sidescope.samples.kubernetes.ServedClusters;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleEnvoyAdminTest {
  private static final Pattern ENVOY_ADMIN =
      Pattern.compile("export " + EnvoyAdminEndpoints.VARIABLE + "='([^']*)'");

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void theEnvFileListsTheAdminUrlOfEveryEnvoyOfTheSample() throws Exception {
    try (SampleClusterServer server = new SampleClusterServer()) {
      server.start(ServedClusters.seedFolder(), 0);
      String env = Files.readString(server.writeEnv(dir.resolve("seed.env")));

      Matcher m = ENVOY_ADMIN.matcher(env);
      assertThat(m.find()).as("%s in %s", EnvoyAdminEndpoints.VARIABLE, env).isTrue();
      List<URI> urls = Arrays.stream(m.group(1).split(" ")).map(URI::create).toList();
      assertThat(urls).hasSize(5).isEqualTo(server.envoyAdminUrls());
      for (URI url : urls) {
        assertThat(get(url.resolve("/ready")).body()).isEqualTo("LIVE\n");
      }
    }
  }

  @Test
  void aPodsEnvoyIsFoundByNamespacePodAndAdminPortUntilTheServerStops() throws Exception {
    SampleClusterServer server = new SampleClusterServer();
    try (KubernetesClient client =
        ServedClusters.client(server.start(ServedClusters.seedFolder(), 0))) {
      Pod payment =
          client.pods().inNamespace("shop").list().getItems().stream()
              .filter(p -> p.getMetadata().getName().startsWith("payment-service-"))
              .findFirst()
              .orElseThrow();
      String name = payment.getMetadata().getName();

      InetSocketAddress admin = server.envoyAdmin("shop", name, 9901).orElseThrow();
      var info =
          new ObjectMapper()
              .readTree(
                  get(URI.create("http://127.0.0.1:" + admin.getPort() + "/server_info")).body());
      assertThat(info.path("node").path("metadata").path("NAME").asText()).isEqualTo(name);
      assertThat(info.path("node").path("metadata").path("INSTANCE_IPS").asText())
          .isEqualTo(payment.getStatus().getPodIP());
      assertThat(server.envoyAdmin("shop", name, 8080)).isEmpty();
      assertThat(server.envoyAdmin("other", name, 9901)).isEmpty();
    } finally {
      server.stop();
    }
    assertThat(server.envoyAdminUrls()).isEmpty();
  }

  @Test
  void theServedTrafficMovesTheEnvoysCounters() throws Exception {
    try (SampleClusterServer server = new SampleClusterServer()) {
      server.start(BuiltInSamples.folder("mesh").orElseThrow(), 0);
      EnvoyAdminEndpoint admin = server.envoyAdminEndpoint().orElseThrow();
      EnvoyAdminEndpoint.ServedEnvoy productpage =
          admin.envoys().stream()
              .filter(e -> e.sidecar().pod().startsWith("productpage-v1-"))
              .findFirst()
              .orElseThrow();
      URI stats =
          productpage
              .url()
              .orElseThrow()
              .resolve("/stats?filter=details%5C..*%5C.upstream_rq_total%24");

      // Real time: poll until the counter moves (details is called 18 times a second).
      long first = total(get(stats).body());
      long later = first;
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (later <= first && System.nanoTime() < deadline) {
        Thread.sleep(50);
        later = total(get(stats).body());
      }
      assertThat(later).isGreaterThan(first);
      assertThat(productpage.requests()).allSatisfy(r -> assertThat(r).startsWith("GET /stats?"));
    }
  }

  @Test
  void aGeneratedClustersEnvoysListenAtFirstLookupBeyondTheFirstFewHundred() throws Exception {
    try (SampleClusterServer server = new SampleClusterServer()) {
      int threadsBefore = Thread.activeCount();
      server.start(ClusterGenerator.Spec.parse("pods=1000,namespaces=4,seed=5"), 0);
      EnvoyAdminEndpoint admin = server.envoyAdminEndpoint().orElseThrow();
      EnvoyAdminEndpoint.ServedEnvoy last = admin.envoys().get(admin.envoys().size() - 1);

      assertThat(admin.envoys()).hasSizeGreaterThan(EnvoyAdminEndpoint.LISTENING_AT_START);
      assertThat(server.envoyAdminUrls()).hasSize(EnvoyAdminEndpoint.LISTENING_AT_START);
      assertThat(last.address()).isEmpty();
      InetSocketAddress address =
          server
              .envoyAdmin(
                  last.sidecar().namespace(), last.sidecar().pod(), last.sidecar().adminPort())
              .orElseThrow();
      URI url = URI.create("http://127.0.0.1:" + address.getPort());
      assertThat(get(url.resolve("/clusters")).statusCode()).isEqualTo(200);
      assertThat(server.envoyAdminUrls())
          .hasSize(EnvoyAdminEndpoint.LISTENING_AT_START + 1)
          .endsWith(url);
      // The Kubernetes API's threads and a handful for the Envoys, not one per Envoy.
      assertThat(Thread.activeCount() - threadsBefore).isLessThan(20);
    }
  }

  private static long total(String statsText) {
    return statsText
        .lines()
        .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private HttpResponse<String> get(URI url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
