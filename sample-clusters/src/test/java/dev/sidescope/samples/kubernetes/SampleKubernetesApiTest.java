package dev.sidescope.samples.kubernetes;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed sample served through the real Kubernetes API and read with fabric8's client. */
class SampleKubernetesApiTest {
  private static SampleKubernetesApi api;
  private static KubernetesClient client;

  @BeforeAll
  static void serveTheSeed() throws Exception {
    api = ServedClusters.seedApi();
    client = ServedClusters.client(api.start(0));
  }

  @AfterAll
  static void stop() {
    client.close();
    api.stop();
  }

  @Test
  void orderServiceRunsThreePodsOwnedByAReplicaSetThatItsDeploymentOwns() {
    List<Pod> pods =
        client.pods().inAnyNamespace().list().getItems().stream()
            .filter(p -> p.getMetadata().getName().startsWith("order-service-"))
            .toList();

    assertThat(pods).hasSize(3);
    for (Pod pod : pods) {
      assertThat(pod.getMetadata().getName())
          .matches(
              "order-service-["
                  + ObjectNames.ALPHANUMS
                  + "]{9,10}-["
                  + ObjectNames.ALPHANUMS
                  + "]{5}");
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
      assertThat(pod.getStatus().getContainerStatuses())
          .hasSize(4)
          .allMatch(ContainerStatus::getReady);
      var owner = pod.getMetadata().getOwnerReferences().get(0);
      assertThat(owner.getKind()).isEqualTo("ReplicaSet");
      ReplicaSet rs =
          client.apps().replicaSets().inNamespace("shop").withName(owner.getName()).get();
      assertThat(rs.getMetadata().getUid()).isEqualTo(owner.getUid());
      var rsOwner = rs.getMetadata().getOwnerReferences().get(0);
      assertThat(rsOwner.getKind()).isEqualTo("Deployment");
      assertThat(rsOwner.getName()).isEqualTo("order-service");
      Deployment deployment =
          client.apps().deployments().inNamespace("shop").withName("order-service").get();
      assertThat(deployment.getMetadata().getUid()).isEqualTo(rsOwner.getUid());
    }
  }

  @Test
  void endpointSlicesNameThePodsOfTheirService() {
    List<String> paymentPods =
        client
            .pods()
            .inNamespace("shop")
            .withLabel("app", "payment-service")
            .list()
            .getItems()
            .stream()
            .map(p -> p.getMetadata().getName())
            .toList();
    List<EndpointSlice> slices =
        client
            .discovery()
            .v1()
            .endpointSlices()
            .inNamespace("shop")
            .withLabel("kubernetes.io/service-name", "payment-service")
            .list()
            .getItems();

    assertThat(paymentPods).hasSize(2);
    assertThat(slices)
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.getEndpoints())
                    .extracting(e -> e.getTargetRef().getName())
                    .containsExactlyInAnyOrderElementsOf(paymentPods));
  }

  @Test
  void customResourcesFromTheManifestsAreServedByTheirPlural() {
    var virtualNodes =
        client
            .genericKubernetesResources("appmesh.k8s.aws/v1beta2", "VirtualNode")
            .inNamespace("shop")
            .list()
            .getItems();

    assertThat(virtualNodes)
        .extracting(n -> n.getMetadata().getName())
        .containsExactlyInAnyOrder("order-service", "payment-service");
    assertThat(
            client
                .genericKubernetesResources("appmesh.k8s.aws/v1beta2", "VirtualNode")
                .inNamespace("shop")
                .withName("order-service")
                .get())
        .isNotNull();
  }

  @Test
  void withoutTrafficAContainerWritesOnlyItsOwnLines() {
    String pod = orderServicePod();

    String envoy = client.pods().inNamespace("shop").withName(pod).inContainer("envoy").getLog();
    String xray =
        client.pods().inNamespace("shop").withName(pod).inContainer("xray-daemon").getLog();

    assertThat(xray.lines().toList())
        .isNotEmpty()
        .allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\[Info] .+"));
    assertThat(envoy.lines().toList()).noneMatch(l -> l.contains(" HTTP/1.1\" "));
  }

  @Test
  void anInformerSyncsAndHearsAPodCreatedThroughTheApi() throws Exception {
    BlockingQueue<String> added = new LinkedBlockingQueue<>();
    SharedIndexInformer<Pod> informer =
        client.pods().inNamespace("shop").inform(ServedClusters.noting(added, new AtomicInteger()));
    try {
      informer.start().toCompletableFuture().get(10, SECONDS);
      assertThat(informer.getStore().list()).hasSize(7);

      client.pods().inNamespace("shop").resource(ServedClusters.shellPod("debug-shell")).create();

      String name;
      do {
        name = added.poll(10, SECONDS);
        assertThat(name).as("an add event for debug-shell").isNotNull();
      } while (!name.equals("debug-shell"));
    } finally {
      informer.close();
      client.pods().inNamespace("shop").withName("debug-shell").delete();
    }
  }

  @Test
  void aPlainHttpWatchFromAResourceVersionHearsOnlyWhatChangesAfterIt() throws Exception {
    String version = client.pods().inNamespace("shop").list().getMetadata().getResourceVersion();
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    HttpRequest watch =
        HttpRequest.newBuilder(
                URI.create(
                    api.url()
                        + "/api/v1/namespaces/shop/pods?watch=true&resourceVersion="
                        + version))
            .build();
    CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response =
        HttpClient.newHttpClient().sendAsync(watch, HttpResponse.BodyHandlers.ofLines());
    CompletableFuture.runAsync(() -> response.join().body().forEach(events::add));
    try {
      client.pods().inNamespace("shop").resource(ServedClusters.shellPod("watched")).create();

      String event = events.poll(10, SECONDS);
      assertThat(event)
          .isNotNull()
          .contains("\"name\":\"watched\"")
          .endsWith("\"type\":\"ADDED\"}");
      assertThat(response.get(10, SECONDS).statusCode()).isEqualTo(200);
    } finally {
      response.thenAccept(r -> r.body().close());
      client.pods().inNamespace("shop").withName("watched").delete();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api",
        "/api?timeout=32s",
        "/apis",
        "/apis?timeout=32s",
        "/api/v1",
        "/api/v1?timeout=32s",
        "/apis/apps/v1",
        "/apis/apps/v1?timeout=32s",
        "/apis/batch/v1?timeout=32s",
        "/apis/discovery.k8s.io/v1?timeout=32s",
        "/apis/appmesh.k8s.aws/v1beta2?timeout=32s",
        "/version"
      })
  void discoveryDocumentsAnswerWithOrWithoutAQueryString(String path) throws Exception {
    HttpResponse<String> response = get(path);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body())
        .startsWith("{")
        .contains(path.equals("/version") ? "gitVersion" : "\"kind\":\"API");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/openapi/v2",
        "/openapi/v3",
        "/openapi/v2?timeout=32s",
        "/apis/nope.example.com/v1"
      })
  void openApiAndUnknownGroupsAreNotFound(String path) throws Exception {
    assertThat(get(path).statusCode()).isEqualTo(404);
  }

  private static String orderServicePod() {
    return client
        .pods()
        .inNamespace("shop")
        .withLabel("app", "order-service")
        .list()
        .getItems()
        .get(0)
        .getMetadata()
        .getName();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create(api.url() + path);
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
