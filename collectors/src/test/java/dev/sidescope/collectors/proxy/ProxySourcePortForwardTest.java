package dev.sidescope.collectors.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sidescope.collectors.testing.RecordingSink;
import dev.sidescope.topology.model.OverlayKeys;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The port-forward path as far as it goes without a cluster: a Kubernetes API on loopback that
 * refuses the port-forward stream. The forward is asked for with a GET of the pod's {@code
 * portforward}, its failure is said for that sidecar only, it is closed and opened afresh on the
 * next poll, and closed when the pod leaves the targets. (Reading through a working forward is
 * exercised against the sample cluster's Kubernetes API.)
 */
class ProxySourcePortForwardTest {
  private final List<String> apiRequests = new CopyOnWriteArrayList<>();
  private HttpServer api;
  private KubernetesClient client;
  private ProxySource source;

  @BeforeEach
  void serve() throws IOException {
    api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext("/", this::refuse);
    api.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + api.getAddress().getPort())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    source =
        ProxySource.withPortForwards(
            new RecordingSink(),
            ProxySettings.commandLine().withTimeout(Duration.ofSeconds(2)),
            client);
  }

  @AfterEach
  void stop() {
    source.close();
    client.close();
    api.stop(0);
  }

  private void refuse(HttpExchange e) throws IOException {
    apiRequests.add(e.getRequestMethod() + " " + e.getRequestURI());
    e.sendResponseHeaders(403, -1);
    e.close();
  }

  @Test
  void aRefusedPortForwardMarksItsSidecarAndIsOpenedAfreshNextPoll() {
    ProxyTarget order =
        ProxyTarget.podPort(
            "kubernetes/kind/shop/order-1/istio-proxy",
            ProxyTarget.Kind.ENVOY,
            "shop",
            "order-1",
            15000);
    source.targets(List.of(order));

    assertThat(source.pollNow().all(OverlayKeys.PROXY_READINGS)).isEmpty();
    assertThat(source.status().message().orElseThrow())
        .startsWith("The Envoy sidecar is not answering: shop/order-1: ");
    assertThat(apiRequests)
        .isNotEmpty()
        .allSatisfy(
            r -> assertThat(r).startsWith("GET /api/v1/namespaces/shop/pods/order-1/portforward"))
        .allSatisfy(r -> assertThat(r).contains("ports=15000"));
    assertThat(source.openPortForwards()).as("closed after it failed").isZero();

    int asked = apiRequests.size();
    source.pollNow();
    assertThat(apiRequests).as("opened afresh").hasSizeGreaterThan(asked);

    source.targets(List.of());
    assertThat(source.openPortForwards()).isZero();
  }
}
