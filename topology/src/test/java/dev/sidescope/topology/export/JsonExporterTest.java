package dev.sidescope.topology.export;

import static dev.sidescope.testing.ServiceBuilder.service;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.testing.SeedSample;
import dev.sidescope.testing.export.SnapshotSchema;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.NodeKind;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class JsonExporterTest {
  private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
  private static final String PAYMENT_SERVICE = service("payment-service").id();
  private final ObjectMapper mapper = new ObjectMapper();

  /** The seed document's two examples, with measured traffic, a degraded source and a finding. */
  static TopologySnapshot seedLike() {
    Workload pod = SeedSample.xrayExamplePod().build();
    Workload task = SeedSample.orderServiceTask().build();
    List<Edge> edges =
        List.of(
            Edge.fromManifest(
                pod.id() + "/order-service", pod.id() + "/xray-daemon", EdgeKind.LOCAL),
            Edge.fromManifest(pod.id() + "/xray-daemon", "aws/xray", EdgeKind.TELEMETRY),
            new Edge(
                pod.id() + "/order-service",
                PAYMENT_SERVICE,
                EdgeKind.UPSTREAM,
                EnumSet.of(Evidence.MANIFEST, Evidence.XRAY),
                Optional.empty(),
                new EdgeMetrics(
                    OptionalDouble.of(12.5),
                    OptionalDouble.of(41),
                    OptionalDouble.of(95),
                    OptionalDouble.of(180),
                    OptionalDouble.of(0.004))),
            Edge.fromManifest(
                    task.id() + "/fluent-bit-sidecar", "aws/cloudwatch-logs", EdgeKind.LOGS)
                .withDetail("/ecs/order-service"));
    return new TopologySnapshot(
        T,
        Grouping.POD,
        List.of(
            SourceStatus.live(pod.spec().source(), T),
            SourceStatus.of(
                task.spec().source(), SourceState.DEGRADED, "throttled, retrying in 8 s", T)),
        List.of(task, pod),
        List.of(
            new Node("aws/xray", NodeKind.AWS, "AWS X-Ray"),
            new Node("aws/cloudwatch-logs", NodeKind.AWS, "CloudWatch Logs"),
            new Node(PAYMENT_SERVICE, NodeKind.SERVICE, "payment-service")),
        edges,
        List.of(
            new Finding(
                Severity.WARNING,
                "SIDECAR_NO_LIMITS",
                pod.id(),
                Optional.of("xray-daemon"),
                "Sidecar xray-daemon has no limits.")));
  }

  @Test
  void exportedSnapshotIsValidAgainstThePublishedSchema() {
    String json = new JsonExporter().export(seedLike());

    assertThat(SnapshotSchema.violations(json)).isEmpty();
  }

  @Test
  void schemaRejectsASidecarWithoutItsKind() throws Exception {
    String json =
        new JsonExporter()
            .export(seedLike())
            .replace("\"sidecar\" : \"xray-daemon\"", "\"sidecar\" : null");

    assertThat(json).contains("\"sidecar\" : null");
    assertThat(SnapshotSchema.violations(json)).isNotEmpty();
  }

  @Test
  void writesTheContractFieldsOfAContainer() throws Exception {
    JsonNode root = mapper.readTree(new JsonExporter().export(seedLike()));

    JsonNode pod = root.get("workloads").get(0);
    assertThat(pod.get("platform").asText()).isEqualTo("ecs");
    JsonNode k8s = root.get("workloads").get(1);
    assertThat(k8s.get("owner").asText()).isEqualTo("Deployment/order-service");
    JsonNode sidecar = k8s.get("containers").get(1);
    assertThat(sidecar.get("role").asText()).isEqualTo("sidecar");
    assertThat(sidecar.get("sidecar").asText()).isEqualTo("xray-daemon");
    assertThat(sidecar.get("variant").asText()).isEqualTo("sidecar");
    assertThat(sidecar.get("ready").asBoolean()).isTrue();
    JsonNode app = k8s.get("containers").get(0);
    assertThat(app.get("sidecar").isNull()).isTrue();
    assertThat(app.get("variant").isNull()).isTrue();
  }

  @Test
  void writesMetricsOnlyWhereThereAreSome() throws Exception {
    JsonNode edges = mapper.readTree(new JsonExporter().export(seedLike())).get("edges");

    long withMetrics = 0;
    for (JsonNode e : edges) {
      if (e.has("metrics")) {
        withMetrics++;
        assertThat(e.get("metrics").get("errorRate").asDouble()).isEqualTo(0.004);
        assertThat(e.get("evidence").toString()).isEqualTo("[\"manifest\",\"xray\"]");
      }
    }
    assertThat(withMetrics).isEqualTo(1);
  }

  @Test
  void writesEachSourcesFiguresAndTheProxysViewOfTheUpstreamWhereAProxyMeasuredTheEdge()
      throws Exception {
    TopologySnapshot s = seedLike();
    EdgeMetrics envoy =
        new EdgeMetrics(
            OptionalDouble.of(12.1),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.of(176),
            OptionalDouble.of(0.005));
    List<Edge> edges =
        s.edges().stream()
            .map(
                e ->
                    e.metrics().isEmpty()
                        ? e
                        : e.measured(
                            Evidence.ENVOY,
                            envoy,
                            Optional.of(
                                new dev.sidescope.topology.model.proxy.UpstreamHealth(
                                    2, 3, 1, 4, 0.5, 0))))
            .toList();
    TopologySnapshot measured =
        new TopologySnapshot(
            s.takenAt(),
            s.grouping(),
            s.sources(),
            s.workloads(),
            s.nodes(),
            edges,
            s.findings(),
            s.overlays());
    String json = new JsonExporter().export(measured);

    assertThat(SnapshotSchema.violations(json)).isEmpty();
    JsonNode edge = null;
    for (JsonNode e : mapper.readTree(json).get("edges")) {
      if (e.has("metrics")) {
        edge = e;
      }
    }
    assertThat(edge).isNotNull();
    assertThat(edge.get("metrics").get("rps").asDouble()).isEqualTo(12.1);
    assertThat(edge.get("measuredBy").get("envoy").get("p99Ms").asDouble()).isEqualTo(176);
    assertThat(edge.get("measuredBy").get("xray").get("rps").asDouble()).isEqualTo(12.5);
    assertThat(edge.get("upstream").get("ejectedHosts").asInt()).isEqualTo(1);
    assertThat(edge.get("upstream").get("totalHosts").asInt()).isEqualTo(3);
    assertThat(edge.get("evidence").toString()).isEqualTo("[\"manifest\",\"envoy\",\"xray\"]");
  }

  @Test
  void leavesOutTakenAtForGoldenFiles() {
    assertThat(new JsonExporter(false).export(seedLike())).doesNotContain("takenAt");
    assertThat(new JsonExporter(true).export(seedLike()))
        .contains("\"takenAt\" : \"2026-11-26T10:00:00Z\"");
  }

  @Test
  void sortsWorkloadsAndFindingsById() throws Exception {
    JsonNode root = mapper.readTree(new JsonExporter().export(seedLike()));

    assertThat(root.get("workloads").get(0).get("id").asText()).startsWith("ecs/");
    assertThat(root.get("workloads").get(1).get("id").asText()).startsWith("kubernetes/");
  }
}
