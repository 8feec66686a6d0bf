package dev.sidescope.samples.kubernetes;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.samples.generate.ClusterGenerator;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Watches on the served API behave as the API server's do, over web sockets and plain HTTP. */
class WatchTest {

  @Test
  void anInformerIsNotToldAgainOfWhatItListed() throws Exception {
    try (SampleKubernetesApi api = ServedClusters.seedApi();
        KubernetesClient client = ServedClusters.client(api.start(0))) {
      BlockingQueue<String> added = new LinkedBlockingQueue<>();
      AtomicInteger updates = new AtomicInteger();
      SharedIndexInformer<Pod> informer =
          client.pods().inAnyNamespace().inform(ServedClusters.noting(added, updates));
      try {
        // The informer's start completes once its list is stored and its watch is open.
        informer.start().toCompletableFuture().get(10, SECONDS);
        assertThat(informer.getStore().list()).hasSize(7);
        assertThat(informer.isWatching()).as("the informer watches").isTrue();
        client.pods().inNamespace("shop").resource(ServedClusters.shellPod("after-list")).create();

        // Events arrive in order: anything the watch repeated would come before this one.
        String name;
        do {
          name = added.poll(10, SECONDS);
          assertThat(name).as("an add event for after-list").isNotNull();
        } while (!name.equals("after-list"));
        assertThat(updates).as("pods listed and then announced again").hasValue(0);
      } finally {
        informer.close();
      }
    }
  }

  @Test
  void aWatchFromAnEarlierVersionHearsWhatChangedSince() throws Exception {
    try (SampleKubernetesApi api = ServedClusters.seedApi();
        KubernetesClient client = ServedClusters.client(api.start(0))) {
      String version = client.pods().inNamespace("shop").list().getMetadata().getResourceVersion();
      client.pods().inNamespace("shop").resource(ServedClusters.shellPod("before-watch")).create();

      List<String> events = plainWatch(api, "/api/v1/namespaces/shop/pods", version, 1);

      assertThat(events)
          .singleElement()
          .asString()
          .contains("\"name\":\"before-watch\"")
          .endsWith("\"type\":\"ADDED\"}");
    }
  }

  @Test
  void aWatchWithoutAVersionHearsEverythingFirst() throws Exception {
    try (SampleKubernetesApi api = ServedClusters.seedApi()) {
      api.start(0);

      List<String> events = plainWatch(api, "/api/v1/namespaces/shop/pods", null, 7);

      assertThat(events).hasSize(7).allMatch(e -> e.endsWith("\"type\":\"ADDED\"}"));
    }
  }

  @Test
  void aListAskedForInPagesHoldsWhatOneListHolds() throws Exception {
    try (SampleKubernetesApi api = ServedClusters.seedApi();
        KubernetesClient client = ServedClusters.client(api.start(0))) {
      List<String> whole =
          client.pods().inAnyNamespace().list().getItems().stream()
              .map(p -> p.getMetadata().getName())
              .sorted()
              .toList();

      List<String> paged = new java.util.ArrayList<>();
      String next = null;
      int pages = 0;
      do {
        var page =
            client
                .pods()
                .inAnyNamespace()
                .list(
                    new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
                        .withLimit(3L)
                        .withContinue(next)
                        .build());
        assertThat(page.getItems()).hasSizeLessThanOrEqualTo(3);
        page.getItems().forEach(p -> paged.add(p.getMetadata().getName()));
        next = page.getMetadata().getContinue();
        pages++;
      } while (next != null && !next.isEmpty());

      assertThat(whole).hasSize(7);
      assertThat(pages).isEqualTo(3);
      assertThat(paged).containsExactlyInAnyOrderElementsOf(whole).doesNotHaveDuplicates();
    }
  }

  @Test
  void anInformerThatPagesItsListSeesEveryObject() throws Exception {
    try (SampleKubernetesApi api = ServedClusters.seedApi();
        KubernetesClient client = ServedClusters.client(api.start(0))) {
      SharedIndexInformer<Pod> informer =
          client.pods().inAnyNamespace().withLimit(2L).runnableInformer(0);
      try {
        informer.start().toCompletableFuture().get(10, SECONDS);
        assertThat(informer.getStore().list()).hasSize(7);
      } finally {
        informer.close();
      }
    }
  }

  @Test
  void aClientLeavingAWatchMidStreamDoesNotHoldUpOthers() throws Exception {
    ClusterGenerator.Spec spec = ClusterGenerator.Spec.parse("pods=2000,seed=7");
    try (SampleKubernetesApi api =
        SampleKubernetesApi.of(
            ClusterGenerator.cluster(spec), ClusterGenerator.expansion(spec, Instant.now()))) {
      URI url = api.start(0);
      // A watch without a version streams every pod; leave after the first.
      HttpClient http = HttpClient.newHttpClient();
      CompletableFuture<Void> first = new CompletableFuture<>();
      WebSocket socket =
          http.newWebSocketBuilder()
              .buildAsync(
                  URI.create(url.toString().replace("http:", "ws:") + "/api/v1/pods?watch=true"),
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(
                        WebSocket webSocket, CharSequence data, boolean last) {
                      first.complete(null);
                      return null;
                    }
                  })
              .get(10, SECONDS);
      first.get(10, SECONDS);
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "enough").get(10, SECONDS);
      socket.abort();

      // New connections land on each of the server's event loops in turn.
      for (int i = 0; i < 4; i++) {
        HttpResponse<String> namespaces =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(url + "/api/v1/namespaces"))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(namespaces.statusCode()).isEqualTo(200);
      }
    }
  }

  /** The first {@code count} events of a plain HTTP watch. */
  private static List<String> plainWatch(
      SampleKubernetesApi api, String path, String version, int count) throws Exception {
    HttpRequest watch =
        HttpRequest.newBuilder(
                URI.create(
                    api.url()
                        + path
                        + "?watch=true"
                        + (version == null ? "" : "&resourceVersion=" + version)))
            .build();
    HttpResponse<java.util.stream.Stream<String>> response =
        HttpClient.newHttpClient()
            .sendAsync(watch, HttpResponse.BodyHandlers.ofLines())
            .get(10, SECONDS);
    try (var lines = response.body()) {
      return CompletableFuture.supplyAsync(() -> lines.limit(count).toList()).get(10, SECONDS);
    }
  }
}
