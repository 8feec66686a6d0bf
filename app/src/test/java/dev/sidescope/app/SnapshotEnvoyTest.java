package dev.sidescope.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.samples.SampleClusterServer;
import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.testing.export.SnapshotSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sidescope snapshot} reading the Envoy sidecars of a served sample through the production
 * proxy source: an admin URL given with {@code --envoy-admin} and no other source, and every Envoy
 * the Kubernetes source discovers with {@code --envoy-stats}, through fabric8 port-forwards of the
 * sample's Kubernetes API. The sample's Envoys keep every request they are sent: none but GET.
 */
class SnapshotEnvoyTest {
  private static final Pattern EXPORT = Pattern.compile("(?m)^export ([A-Z_]+)='([^']*)'$");

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private Map<String, String> home() {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", dir.resolve("home").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    return env;
  }

  private Map<String, String> sourced(Path envFile) throws Exception {
    Map<String, String> env = home();
    Matcher m = EXPORT.matcher(Files.readString(envFile));
    while (m.find()) {
      env.put(m.group(1), m.group(2));
    }
    return env;
  }

  private JsonNode snapshot(Map<String, String> env, String... args) throws Exception {
    StringWriter out = new StringWriter();
    List<String> all = new ArrayList<>(List.of("--config-dir", dir.resolve("config").toString()));
    all.add("snapshot");
    all.addAll(List.of(args));
    int code =
        Main.run(
            all.toArray(String[]::new),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env);
    assertThat(code).as(err.toString()).isZero();
    assertThat(SnapshotSchema.violations(out.toString())).isEmpty();
    return new ObjectMapper().readTree(out.toString());
  }

  private static List<JsonNode> edgesMeasuredByEnvoy(JsonNode root) {
    List<JsonNode> edges = new ArrayList<>();
    for (JsonNode e : root.get("edges")) {
      if (e.get("evidence").toString().contains("\"envoy\"")) {
        edges.add(e);
      }
    }
    return edges;
  }

  private static void onlyGets(SampleClusterServer server) {
    List<String> requests = server.envoyAdminEndpoint().orElseThrow().requests();
    assertThat(requests).isNotEmpty().allMatch(r -> r.startsWith("GET "), "a GET");
  }

  @Test
  void anAdminUrlAloneIsASourceAndItsUpstreamsAreArrowsWithRatesAndPercentiles() throws Exception {
    try (SampleClusterServer server = new SampleClusterServer()) {
      server.start(BuiltInSamples.folder("seed").orElseThrow(), 0);
      URI admin = server.envoyAdminUrls().get(0);

      JsonNode root =
          snapshot(
              home(),
              "--envoy-admin",
              admin.toString(),
              "--watch-seconds",
              "1",
              "--format",
              "json");

      assertThat(root.get("sources").toString()).contains("\"id\":\"envoy\"");
      assertThat(root.get("workloads")).isEmpty();
      String proxy = "proxy/" + admin;
      assertThat(root.get("nodes").findValuesAsText("id")).contains(proxy);
      List<JsonNode> measured = edgesMeasuredByEnvoy(root);
      assertThat(measured).isNotEmpty().allMatch(e -> e.get("from").asText().equals(proxy));
      JsonNode busiest =
          measured.stream().max((a, b) -> Double.compare(rps(a), rps(b))).orElseThrow();
      assertThat(rps(busiest)).isPositive();
      assertThat(busiest.get("metrics").has("errorRate")).isTrue();
      assertThat(busiest.get("metrics").get("p99Ms").asDouble()).isPositive();
      assertThat(busiest.get("upstream").get("totalHosts").asInt()).isPositive();
      onlyGets(server);
    }
  }

  @Test
  void anAdminUrlAloneSaysWhichUpstreamItsEnvoyEjected() throws Exception {
    try (SampleClusterServer server = new SampleClusterServer()) {
      server.start(BuiltInSamples.folder("broken").orElseThrow(), 0);
      List<URI> refunds =
          server.envoyAdminEndpoint().orElseThrow().envoys().stream()
              .filter(e -> e.sidecar().pod().startsWith("refunds-"))
              .flatMap(e -> e.url().stream())
              .toList();
      assertThat(refunds).hasSize(2);

      // Each Envoy ejects on its own share of refunds' calls, checked every 10 s: over 20 s, at
      // least one of the two has seen enough of ledger's failures.
      JsonNode root =
          snapshot(
              home(),
              "--envoy-admin",
              refunds.get(0).toString(),
              "--envoy-admin",
              refunds.get(1).toString(),
              "--watch-seconds",
              "22",
              "--format",
              "json");

      List<String> proxies = refunds.stream().map(u -> "proxy/" + u).toList();
      assertThat(edgesMeasuredByEnvoy(root))
          .anyMatch(
              e ->
                  proxies.contains(e.get("from").asText())
                      && e.get("to").asText().endsWith("/ledger")
                      && e.get("metrics").get("errorRate").asDouble() > 0.1
                      && e.get("metrics").has("p99Ms"));
      assertThat(root.get("findings"))
          .anyMatch(
              f ->
                  f.get("code").asText().equals("UPSTREAM_UNHEALTHY")
                      && proxies.contains(f.get("subject").asText())
                      && f.get("message").asText().contains("ledger"));
      onlyGets(server);
    }
  }

  private static double rps(JsonNode edge) {
    return edge.path("metrics").path("rps").asDouble(0);
  }

  @Test
  void envoyStatsReadsEveryDiscoveredEnvoyThroughPortForwardsAndSaysWhatItsUpstreamsSuffer()
      throws Exception {
    try (SampleClusterServer server = new SampleClusterServer()) {
      server.start(BuiltInSamples.folder("broken").orElseThrow(), 0);
      Map<String, String> env = sourced(server.writeEnv(dir.resolve("broken.env")));

      // Long enough for refunds' Envoys to see ledger fail and eject it (checked every 10 s, each
      // Envoy on its own share of the calls);
      // grouped by workload, the Envoys read are still the pods'.
      JsonNode root =
          snapshot(
              env,
              "--envoy-stats",
              "--no-xray",
              "--group",
              "workload",
              "--watch-seconds",
              "22",
              "--format",
              "json");

      assertThat(root.get("sources").toString())
          .contains("\"id\":\"envoy\"", "\"status\":\"live\"");
      List<JsonNode> measured = edgesMeasuredByEnvoy(root);
      assertThat(measured)
          .anyMatch(
              e ->
                  e.get("from").asText().contains("/refunds/")
                      && e.get("from").asText().endsWith("/envoy")
                      && e.get("to").asText().endsWith("/ledger")
                      && e.get("upstream").get("ejectedHosts").asInt() > 0);
      assertThat(root.get("findings"))
          .anyMatch(
              f ->
                  f.get("code").asText().equals("UPSTREAM_UNHEALTHY")
                      && f.get("subject").asText().contains("refunds")
                      && f.get("message").asText().contains("ledger"));
      onlyGets(server);
    }
  }
}
