package dev.sidescope.bench;

import dev.sidescope.app.UserError;
import dev.sidescope.collectors.kubernetes.Kubeconfig;
import dev.sidescope.collectors.kubernetes.KubeconfigException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code sidescope bench kubernetes-lists}: the least any client must do before its first complete
 * picture of a cluster: fetch every list the Kubernetes source lists, in the same pages, and read
 * each byte of JSON once with Jackson's streaming parser (which fabric8 decodes with), keeping
 * nothing. Run in a fresh JVM, as the source is, it is the floor under the source's own figure.
 */
final class ListReadingFloor {
  /** The lists the source's informers make, as API paths. */
  private static final List<String> LISTS =
      List.of(
          "api/v1/namespaces",
          "api/v1/pods",
          "api/v1/services",
          "apis/discovery.k8s.io/v1/endpointslices",
          "apis/apps/v1/replicasets",
          "apis/apps/v1/deployments",
          "apis/apps/v1/statefulsets",
          "apis/apps/v1/daemonsets",
          "apis/batch/v1/jobs",
          "apis/batch/v1/cronjobs");

  /** The source's informers' page size. */
  private static final int PAGE = 500;

  private ListReadingFloor() {}

  static void run(Kubeconfig config, PrintWriter out)
      throws KubeconfigException, InterruptedException {
    String context = config.select(List.of()).get(0);
    long start = System.nanoTime();
    long bytes = 0;
    long items = 0;
    try (KubernetesClient client =
        new KubernetesClientBuilder().withConfig(config.clientConfig(context)).build()) {
      String base = client.getMasterUrl().toString().replaceAll("/+$", "");
      JsonFactory json = new JsonFactory();
      for (String list : LISTS) {
        String next = null;
        do {
          String url =
              base
                  + "/"
                  + list
                  + "?limit="
                  + PAGE
                  + (next == null
                      ? ""
                      : "&continue=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
          HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url).build();
          HttpResponse<InputStream> response =
              client.getHttpClient().sendAsync(request, InputStream.class).get();
          if (!response.isSuccessful()) {
            throw new UserError("listing " + list + " answered HTTP " + response.code() + ".");
          }
          Page page = read(json, response.body());
          bytes += page.bytes;
          items += page.items;
          next = page.continueToken;
        } while (next != null && !next.isEmpty());
      }
    } catch (ExecutionException | IOException e) {
      throw new UserError("the cluster could not be listed: " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(
        "every list fetched in pages of %d and read once, nothing kept: %d objects, %.0f MB of"
            + " JSON in %.2f s%n",
        PAGE, items, bytes / 1e6, seconds);
  }

  private record Page(long bytes, long items, String continueToken) {}

  /** Reads one page to its end: the items of its top-level array, and its continue token. */
  private static Page read(JsonFactory json, InputStream body) throws IOException {
    Counting counted = new Counting(body);
    long items = 0;
    String continueToken = null;
    try (counted;
        JsonParser parser = json.createParser(ObjectReadContext.empty(), counted)) {
      int depth = 0;
      String name = null;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        switch (token) {
          case START_OBJECT, START_ARRAY -> {
            if (depth == 2 && token == JsonToken.START_OBJECT && "items".equals(name)) {
              items++;
            }
            if (depth == 1) {
              name = parser.currentName();
            }
            depth++;
          }
          case END_OBJECT, END_ARRAY -> depth--;
          case VALUE_STRING -> {
            String value = parser.getString();
            if (depth == 2 && "continue".equals(parser.currentName())) {
              continueToken = value;
            }
          }
          default -> {}
        }
      }
    }
    return new Page(counted.count, items, continueToken);
  }

  /** Counts the bytes read through it. */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
