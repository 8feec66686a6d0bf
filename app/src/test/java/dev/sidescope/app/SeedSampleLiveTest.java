package dev.sidescope.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.samples.SampleClusterServer;
import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.testing.export.SnapshotSchema;
import dev.sidescope.topology.findings.SidecarDoctor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed sample served on loopback and read back the way a user would: {@code source seed.env;
 * sidescope snapshot}, through the production Kubernetes and ECS sources.
 */
class SeedSampleLiveTest {
  private static final Pattern EXPORT = Pattern.compile("(?m)^export ([A-Z_]+)='([^']*)'$");

  @TempDir Path dir;

  private Map<String, String> sourced(Path envFile) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", dir.resolve("home").toString());
    Matcher m = EXPORT.matcher(Files.readString(envFile));
    while (m.find()) {
      env.put(m.group(1), m.group(2));
    }
    return env;
  }

  private String snapshot(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 3];
    all[0] = "--config-dir";
    all[1] = dir.resolve("config").toString();
    all[2] = "snapshot";
    System.arraycopy(args, 0, all, 3, args.length);
    int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true), env);
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }

  @Test
  void sourcingTheEnvFileShowsKubernetesAndEcsWorkloadsInOneSnapshot() throws Exception {
    try (SampleClusterServer server = new SampleClusterServer()) {
      server.start(BuiltInSamples.folder("seed").orElseThrow(), 0);
      Map<String, String> env = sourced(server.writeEnv(dir.resolve("seed.env")));

      String json = snapshot(env);

      assertThat(SnapshotSchema.violations(json)).isEmpty();
      JsonNode root = new ObjectMapper().readTree(json);
      Set<String> seen = new HashSet<>();
      for (JsonNode w : root.get("workloads")) {
        for (JsonNode c : w.get("containers")) {
          seen.add(
              w.get("platform").asText()
                  + " "
                  + c.get("name").asText()
                  + " "
                  + c.get("sidecar").asText());
        }
      }
      assertThat(seen)
          .contains(
              "kubernetes xray-daemon xray-daemon",
              "kubernetes envoy appmesh-envoy",
              "ecs fluent-bit-sidecar fluent-bit",
              "ecs order-service null");
      Set<String> sources = new HashSet<>();
      root.get("sources")
          .forEach(s -> sources.add(s.get("id").asText() + " " + s.get("status").asText()));
      // X-Ray is read beside ECS, from the same endpoint.
      assertThat(sources)
          .contains("kubernetes/seed live", "ecs/us-east-1 live", "xray/us-east-1 live");
      long orderPods =
          java.util.stream.StreamSupport.stream(root.get("workloads").spliterator(), false)
              .filter(w -> w.get("owner").asText().equals("Deployment/order-service"))
              .count();
      assertThat(orderPods).isEqualTo(3);
    }
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"seed", "mesh", "broken"})
  void eachServedSampleIsDiscoveredAsItsGoldenFileSays(String name) throws Exception {
    try (SampleClusterServer server = new SampleClusterServer()) {
      server.start(BuiltInSamples.folder(name).orElseThrow(), 0);
      Map<String, String> env = sourced(server.writeEnv(dir.resolve(name + ".env")));

      // What is discovered, without the live numbers of the traffic served meanwhile, which
      // differ with every run's timing (XRayOnSampleClusterTest reads those in simulated time).
      String json = snapshot(env, "--no-xray");

      assertThat(SnapshotSchema.violations(json)).isEmpty();
      dev.sidescope.testing.export.GoldenFiles.assertMatches(
          "samples/" + name + "-live.json",
          json.replaceAll("\"(takenAt|since)\" : \"[^\"]*\"", "\"$1\" : \"-\""));
    }
  }

  @Test
  void theServedBrokenSampleFiresEveryFindingSidescopeKnows() throws Exception {
    try (SampleClusterServer server = new SampleClusterServer()) {
      server.start(BuiltInSamples.folder("broken").orElseThrow(), 0);
      Map<String, String> env = sourced(server.writeEnv(dir.resolve("broken.env")));

      JsonNode root = new ObjectMapper().readTree(snapshot(env, "--no-xray"));

      Set<String> fired = new HashSet<>();
      root.get("findings").forEach(f -> fired.add(f.get("code").asText()));
      // Its cluster.yaml promises an on-call night where every finding fires at least once.
      assertThat(fired).containsAll(new SidecarDoctor().codes());
    }
  }

  @Test
  void theMermaidOfTheServedSeedDrawsItsPodsWithTheirSidecars() throws Exception {
    try (SampleClusterServer server = new SampleClusterServer()) {
      server.start(BuiltInSamples.folder("seed").orElseThrow(), 0);
      Map<String, String> env = sourced(server.writeEnv(dir.resolve("seed.env")));

      String mermaid = snapshot(env, "--format", "mermaid");

      assertThat(mermaid)
          .startsWith("graph LR")
          .contains("xray-daemon", "fluent-bit-sidecar", "AWS X-Ray", "CloudWatch Logs");
    }
  }
}
