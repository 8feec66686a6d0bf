package dev.sidescope.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.samples.SampleClusterServer;
import dev.sidescope.samples.folder.BuiltInSamples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sidescope logs} on a served sample, through the production log sources: the pods of a
 * Deployment through the sample Kubernetes API's pod logs, an ECS service's tasks through the
 * sample AWS endpoint's CloudWatch Logs, a restarting sidecar's previous run, and targets that are
 * not there.
 */
class LogsCommandTest {
  private static final Pattern EXPORT = Pattern.compile("(?m)^export ([A-Z_]+)='([^']*)'$");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private SampleClusterServer server;
  private Map<String, String> env;

  private void serve(String sample) throws Exception {
    server = new SampleClusterServer();
    server.start(BuiltInSamples.folder(sample).orElseThrow(), 0);
    env = new HashMap<>();
    env.put("HOME", dir.resolve("home").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    Matcher m = EXPORT.matcher(Files.readString(server.writeEnv(dir.resolve(sample + ".env"))));
    while (m.find()) {
      env.put(m.group(1), m.group(2));
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private record Run(int code, String out, String err) {
    List<JsonNode> lines() throws Exception {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : out.lines().toList()) {
        lines.add(JSON.readTree(line));
      }
      return lines;
    }
  }

  private Run logs(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("--config-dir", dir.resolve("config").toString()));
    all.add("logs");
    all.addAll(List.of(args));
    int code =
        Main.run(
            all.toArray(String[]::new),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env);
    return new Run(code, out.toString(), err.toString());
  }

  private static Set<String> values(List<JsonNode> lines, String field) {
    Set<String> values = new TreeSet<>();
    lines.forEach(l -> values.add(l.path(field).asText()));
    return values;
  }

  private static void inTimeOrder(List<JsonNode> lines) {
    List<Instant> times = lines.stream().map(l -> Instant.parse(l.get("time").asText())).toList();
    assertThat(times).isSorted();
  }

  @Test
  void aDeploymentsPodsAreReadAppAndSidecarsTogetherInTimeOrder() throws Exception {
    serve("seed");

    Run run = logs("deploy/order-service", "--since", "1m", "--format", "json");

    assertThat(run.code()).as(run.err()).isZero();
    List<JsonNode> lines = run.lines();
    assertThat(values(lines, "source")).containsExactly("kubernetes");
    assertThat(values(lines, "pod")).hasSize(3).allMatch(p -> p.startsWith("order-service-"));
    assertThat(values(lines, "container")).contains("order-service", "envoy", "xray-daemon");
    inTimeOrder(lines);
    // The app's JSON lines and Envoy's access lines are read for their level.
    assertThat(lines).anyMatch(l -> l.get("container").asText().equals("envoy") && l.has("level"));
    // At most --tail lines per container (100 by default).
    Map<String, Integer> perStream = new HashMap<>();
    lines.forEach(
        l ->
            perStream.merge(
                l.get("pod").asText() + "/" + l.get("container").asText(), 1, Integer::sum));
    assertThat(perStream.values()).allMatch(n -> n <= 100);
  }

  @Test
  void textLinesCarryTheirPodAndContainerAndNoColourOffATerminal() throws Exception {
    serve("seed");

    Run run = logs("deploy/order-service", "--since", "1m", "--container", "envoy", "--tail", "5");

    assertThat(run.code()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines)
        .hasSize(15)
        .allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} order-service-\\S+/envoy  \\[.*"));
    assertThat(run.out()).doesNotContain("\u001b[");
  }

  @Test
  void anEcsServicesTasksAreReadThroughCloudWatchLogsAndAContainerLoggingNowhereSaysSo()
      throws Exception {
    serve("seed");

    Run run = logs("ecs-service/order-service", "--since", "1m", "--format", "json");

    assertThat(run.code()).as(run.err()).isZero();
    List<JsonNode> lines = run.lines();
    assertThat(lines).isNotEmpty();
    assertThat(values(lines, "source")).containsExactly("cloudwatch");
    assertThat(values(lines, "task")).hasSize(2);
    assertThat(values(lines, "container")).containsExactly("order-service");
    inTimeOrder(lines);
    assertThat(run.err().lines().filter(l -> l.contains("fluent-bit-sidecar")))
        .hasSize(2)
        .allMatch(l -> l.contains("not collected"));
  }

  @Test
  void aRestartingSidecarsPreviousRunEndsInItsCrash() throws Exception {
    serve("broken");

    Run run =
        logs(
            "pod/invoices-5b7c8d9f6-q8w2e",
            "--container",
            "fluent-bit",
            "--previous",
            "--tail",
            "-1");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("(previous)").contains("could not open/create database");
  }

  @Test
  void aTargetThatIsNotThereIsOneSentenceAndExitTwo() throws Exception {
    serve("seed");

    Run missing = logs("deploy/no-such-thing");
    Run badForm = logs("cronjob/x");

    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err().strip())
        .startsWith("sidescope: Deployment/no-such-thing was not found among the 7 pods")
        .doesNotContain("Exception");
    assertThat(badForm.code()).isEqualTo(2);
    assertThat(missing.out()).isEmpty();
  }
}
