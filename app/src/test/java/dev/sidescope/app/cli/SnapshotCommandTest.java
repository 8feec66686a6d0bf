package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.testing.RepositoryFolders;
import dev.sidescope.testing.export.GoldenFiles;
import dev.sidescope.testing.export.SnapshotSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotCommandTest {
  @TempDir Path config;
  @TempDir Path work;
  private final ObjectMapper mapper = new ObjectMapper();

  private CommandLineRun run(String... args) {
    return CommandLineRun.of(config, args);
  }

  private static void assertNoStackTrace(CommandLineRun run) {
    assertThat(run.err()).doesNotContain("Exception", "\tat ", "at dev.sidescope");
  }

  @Test
  void seedSampleSnapshotMatchesItsGoldenFile() throws Exception {
    CommandLineRun run = run("snapshot", "--manifests", RepositoryFolders.seedSample().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String withoutTime =
        run.out()
            .replaceAll("(?m)^  \"takenAt\" : \".*\",\n", "")
            .replaceAll("\"since\" : \"[^\"]*\"", "\"since\" : \"-\"");
    GoldenFiles.assertMatches("samples/seed-manifests.json", withoutTime);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pod", "workload", "service"})
  void everyGroupingExportsValidJson(String grouping) {
    CommandLineRun run =
        run(
            "snapshot",
            "--manifests",
            RepositoryFolders.seedSample().toString(),
            "--group",
            grouping);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(SnapshotSchema.violations(run.out())).isEmpty();
  }

  @Test
  void seedShowsBothPlatformsWithTheirSidecarsAndSinks() throws Exception {
    JsonNode root =
        mapper.readTree(
            run("snapshot", "--manifests", RepositoryFolders.seedSample().toString()).out());

    List<String> containers = new ArrayList<>();
    for (JsonNode w : root.get("workloads")) {
      for (JsonNode c : w.get("containers")) {
        containers.add(
            w.get("platform").asText()
                + ":"
                + w.get("name").asText()
                + ":"
                + c.get("name").asText()
                + ":"
                + c.get("role").asText()
                + ":"
                + c.get("sidecar").asText());
      }
    }
    assertThat(containers)
        .contains(
            "ecs:order-service:order-service:app:null",
            "ecs:order-service:fluent-bit-sidecar:sidecar:fluent-bit",
            "kubernetes:order-service:order-service:app:null",
            "kubernetes:order-service:xray-daemon:sidecar:xray-daemon",
            "kubernetes:order-service:envoy:sidecar:appmesh-envoy",
            "kubernetes:order-service:appconfig-agent:sidecar:appconfig-agent",
            "kubernetes:payment-service:vault-agent:sidecar:vault-agent",
            "kubernetes:storefront:health-proxy:sidecar:nginx");
    List<String> targets = new ArrayList<>();
    root.get("edges").forEach(e -> targets.add(e.get("to").asText()));
    assertThat(targets)
        .contains(
            "aws/xray",
            "aws/cloudwatch-logs",
            "aws/appconfig",
            "vault",
            "external/payments-db.internal");
    assertThat(targets).anyMatch(t -> t.startsWith("service/") && t.endsWith("/payment-service"));
  }

  @Test
  void mermaidOfTheSeedDrawsTheTaskBoxAndThePodBoxWithTheirSinks() {
    Path folder = work.resolve("seed-two-files");
    copy("ecs/order-service.json", folder.resolve("order-service-task.json"));
    copy("kubernetes/order-service.yaml", folder.resolve("order-service-deployment.yaml"));

    CommandLineRun run = run("snapshot", "--manifests", folder.toString(), "--format", "mermaid");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("graph LR");
    assertThat(run.out())
        .contains("subgraph", "fluent-bit-sidecar", "xray-daemon", "CloudWatch Logs", "AWS X-Ray");
  }

  @Test
  void writesToAFileWhenAsked() throws Exception {
    Path out = work.resolve("topology.dot");

    CommandLineRun run =
        run(
            "snapshot",
            "--manifests",
            RepositoryFolders.seedSample().toString(),
            "--format",
            "dot",
            "--out",
            out.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(out)).startsWith("digraph");
  }

  @Test
  void failOnWarningExitsWithOneWhenAWarningIsFound() throws Exception {
    Path folder = work.resolve("leaky");
    Files.createDirectories(folder);
    Files.writeString(
        folder.resolve("pod.yaml"),
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: leaky, namespace: shop}
        spec:
          containers:
            - name: web
              image: web:1
              env:
                - {name: DB_PASSWORD, value: "correct-horse-battery-staple"}
        """);

    CommandLineRun failing =
        run("snapshot", "--manifests", folder.toString(), "--fail-on", "warning");
    CommandLineRun lenient =
        run("snapshot", "--manifests", folder.toString(), "--fail-on", "error");

    assertThat(failing.exitCode()).isEqualTo(1);
    assertThat(failing.out())
        .contains("SECRET_IN_ENV")
        .doesNotContain("correct-horse-battery-staple");
    assertThat(lenient.exitCode()).isZero();
  }

  @Test
  void aManifestThatDoesNotParseFailsTheLintAndTheRestStillPrints() throws Exception {
    Path folder = work.resolve("half-broken");
    Files.createDirectories(folder);
    Files.writeString(
        folder.resolve("clean.yaml"),
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: clean, namespace: shop}
        spec:
          containers:
            - name: web
              image: web:1
              resources: {limits: {cpu: 100m, memory: 64Mi}}
        """);
    Files.writeString(
        folder.resolve("broken.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken: oops\n");

    CommandLineRun onWarning =
        run("snapshot", "--manifests", folder.toString(), "--fail-on", "warning");
    CommandLineRun onError =
        run("snapshot", "--manifests", folder.toString(), "--fail-on", "error");
    CommandLineRun plain = run("snapshot", "--manifests", folder.toString());

    assertThat(onWarning.exitCode()).as(onWarning.err()).isEqualTo(1);
    assertThat(onError.exitCode()).as(onError.err()).isEqualTo(1);
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    JsonNode root = mapper.readTree(onError.out());
    assertThat(root.get("workloads")).extracting(w -> w.get("name").asText()).contains("clean");
    assertThat(root.get("findings"))
        .filteredOn(f -> f.get("code").asText().equals("MANIFEST_UNREADABLE"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("severity").asText()).isEqualTo("error");
              assertThat(f.get("subject").asText()).isEqualTo("manifests");
              assertThat(f.get("message").asText()).contains("broken.yaml line 4");
            });
    assertThat(SnapshotSchema.violations(onError.out())).isEmpty();
    assertThat(onError.err()).contains("broken.yaml line 4");
    assertNoStackTrace(onError);
  }

  @Test
  void aTokenWrittenWhereAValueBelongsIsNeverPrinted() throws Exception {
    String token = "plantedSecretToken123XYZ";
    Path folder = work.resolve("planted");
    Files.createDirectories(folder.resolve("deploy"));
    copy("kubernetes/order-service.yaml", folder.resolve("good.yaml"));
    Files.writeString(
        folder.resolve("deploy/taskdef.json"),
        """
        {
          "family": "orders",
          "containerDefinitions": [
            {
              "name": "app",
              "image": "orders:1",
              "environment": [{"name": "API_TOKEN", "value": %s}]
            }
          ]
        }
        """
            .formatted(token));
    Files.writeString(
        folder.resolve("deploy/pod.yaml"),
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: planted}
        spec:
          containers:
            - name: web
              image: web:1
              env:
                - {name: API_TOKEN, value: %s
        """
            .formatted(token));
    CommandLineRun run = run("snapshot", "--manifests", folder.toString());

    assertThat(run.err()).contains("taskdef.json line 7", "pod.yaml line 9").contains("value");
    assertThat(run.out()).doesNotContain(token);
    assertThat(run.err()).doesNotContain(token);
    assertNoStackTrace(run);
  }

  @Test
  void aMissingFolderIsOneSentenceAndExitCodeTwo() {
    CommandLineRun run = run("snapshot", "--manifests", work.resolve("nope").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().filter(l -> !l.isBlank()))
        .isNotEmpty()
        .allMatch(l -> l.startsWith("sidescope: "));
    assertNoStackTrace(run);
  }

  @Test
  void anEmptyManifestsPathIsRefusedInsteadOfReadingTheCurrentFolder() {
    CommandLineRun run = run("snapshot", "--manifests", "");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip())
        .isEqualTo("sidescope: --manifests needs a file or folder; an empty path was given.");
    assertNoStackTrace(run);
  }

  @Test
  void oneBadFileIsReportedAndTheRestStillReads() throws Exception {
    Path folder = work.resolve("mixed");
    Files.createDirectories(folder);
    copy("kubernetes/order-service.yaml", folder.resolve("good.yaml"));
    Files.writeString(
        folder.resolve("bad.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: [oops\n");
    Files.write(folder.resolve("blob.json"), new byte[] {0, 1, 2, (byte) 0xff, 0});

    CommandLineRun run = run("snapshot", "--manifests", folder.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("bad.yaml").contains("blob.json");
    assertThat(run.out()).contains("xray-daemon");
    assertNoStackTrace(run);
  }

  @Test
  void nothingUsableIsExitCodeTwo() throws Exception {
    Path folder = work.resolve("junk");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("a.yaml"), "just: text\n", StandardCharsets.UTF_8);

    CommandLineRun run = run("snapshot", "--manifests", folder.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertNoStackTrace(run);
  }

  @Test
  void badUsageIsExitCodeTwo() {
    CommandLineRun run = run("snapshot", "--format", "png");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("sidescope: ");
  }

  @Test
  void noSourceIsExitCodeTwo() {
    CommandLineRun run = run("snapshot");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no source");
  }

  private static void copy(String seedFile, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.copy(RepositoryFolders.seedSample().resolve(seedFile), to);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
