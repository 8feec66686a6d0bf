package dev.sidescope.topology.picture;

import static dev.sidescope.testing.Containers.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.export.SampleSnapshots;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.NodeKind;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Variant;
import dev.sidescope.topology.model.Workload;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PictureRendererTest {

  private static final String POD = "kubernetes/kind-dev/shop/order-service-5f7c9-x2k4q";

  @Test
  void renderShouldDrawOneBoxPerWorkloadWithItsContainersInside() {
    TopologyPicture picture = TopologyPicture.of(SampleSnapshots.seed());

    assertThat(picture.boxes())
        .extracting(PictureBox::title)
        .containsExactly("ECS task order-service", "Pod order-service-5f7c9-x2k4q");
    assertThat(picture.boxes().get(1).members())
        .extracting(PictureNode::id, PictureNode::style, PictureNode::lines)
        .containsExactly(
            tuple(POD + "/order-service", NodeStyle.APP, List.of("order-service", "app")),
            tuple(
                POD + "/xray-daemon",
                NodeStyle.SIDECAR,
                List.of("xray-daemon", "X-Ray daemon sidecar")));
  }

  @Test
  void renderShouldPutServicesAndAwsSinksOutsideWithTheirLabels() {
    TopologyPicture picture = TopologyPicture.of(SampleSnapshots.seed());

    assertThat(picture.outside())
        .extracting(n -> n.lines().get(0), PictureNode::style)
        .containsExactly(
            tuple("CloudWatch Logs", NodeStyle.AWS),
            tuple("AWS X-Ray", NodeStyle.AWS),
            tuple("payment-service", NodeStyle.SERVICE));
  }

  @Test
  void renderShouldLabelALogsEdgeWithItsLogGroupAndLeaveOthersBare() {
    TopologyPicture picture = TopologyPicture.of(SampleSnapshots.seed());

    assertThat(picture.edges())
        .filteredOn(e -> e.kind() == EdgeKind.LOGS)
        .singleElement()
        .extracting(PictureEdge::lines)
        .isEqualTo(List.of("/ecs/order-service"));
    assertThat(picture.edges())
        .filteredOn(e -> e.kind() != EdgeKind.LOGS)
        .allSatisfy(e -> assertThat(e.labelLines()).isEmpty());
  }

  @Test
  void renderShouldWriteMeasuredTrafficOnTheEdge() {
    TopologyPicture picture = TopologyPicture.of(SampleSnapshots.groupedWithFindings());

    assertThat(picture.edges())
        .filteredOn(e -> e.to().equals("service/kind-dev/shop/payment-service"))
        .singleElement()
        .extracting(PictureEdge::lines)
        .isEqualTo(List.of("12.5 rps · p50 41 · p99 180 ms · 0.4% errors"));
  }

  @ParameterizedTest(name = "{0} rps, p50 {1}, p99 {2}, errors {3} -> {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "12   | 41   | 180  | 0     | 12 rps · p50 41 · p99 180 ms",
        "12.5 | 41.4 | 180  | 0.004 | 12.5 rps · p50 41 · p99 180 ms · 0.4% errors",
        "3    | 4.25 | 9.96 | -     | 3 rps · p50 4.3 · p99 10 ms",
        "3    | -    | 1200 | 0.12  | 3 rps · p99 1200 ms · 12% errors",
        "3    | 41   | -    | -     | 3 rps · p50 41 ms",
        "0    | 41   | 180  | 0     | no traffic",
        "-    | -    | 180  | -     | p99 180 ms",
      })
  void metricsLineShouldSayRateLatenciesAndErrorsOnlyWhenThereAreAny(
      Double rps, Double p50, Double p99, Double errors, String line) {
    EdgeMetrics metrics =
        new EdgeMetrics(
            optional(rps), optional(p50), OptionalDouble.empty(), optional(p99), optional(errors));

    assertThat(PictureRenderer.metricsLine(metrics)).contains(line);
  }

  @Test
  void metricsLineShouldBeAbsentWithoutFigures() {
    assertThat(PictureRenderer.metricsLine(EdgeMetrics.NONE)).isEmpty();
  }

  private static OptionalDouble optional(Double value) {
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  @Test
  void renderShouldCarryTheEdgesFiguresForAViewToStyleBy() {
    TopologySnapshot snapshot = SampleSnapshots.groupedWithFindings();
    Edge measured =
        snapshot.edges().stream()
            .filter(e -> e.to().equals("service/kind-dev/shop/payment-service"))
            .findFirst()
            .orElseThrow();

    PictureEdge drawn =
        TopologyPicture.of(snapshot).edges().stream()
            .filter(e -> e.to().equals("service/kind-dev/shop/payment-service"))
            .findFirst()
            .orElseThrow();

    assertThat(drawn.metrics()).isEqualTo(measured.metrics());
    assertThat(drawn.metrics().p99Ms()).hasValue(180);
    assertThat(TopologyPicture.of(SampleSnapshots.seed()).edges())
        .allSatisfy(e -> assertThat(e.metrics().isEmpty()).isTrue());
  }

  @ParameterizedTest(name = "{0} replicas, grouping {1}, owner {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 | POD      | Deployment/order-service | KUBERNETES | Pod order-service-abc",
        "1 | POD      |                          | KUBERNETES | Pod order-service-abc",
        "1 | POD      | Service/order-service    | ECS        | ECS task order-service-abc",
        "3 | POD      | Deployment/order-service | KUBERNETES | Deployment/order-service ×3",
        "2 | WORKLOAD | Service/order-service    | ECS        | Service/order-service ×2",
        "1 | WORKLOAD | Deployment/order-service | KUBERNETES | Deployment/order-service",
        "4 | WORKLOAD |                          | KUBERNETES | order-service-abc ×4",
      })
  void titleShouldSayWhatTheBoxStandsFor(
      int replicas, Grouping grouping, String owner, Platform platform, String title) {
    WorkloadBuilder workload = workload(platform, "order-service-abc").replicas(replicas);
    if (owner != null) {
      workload.owner(owner);
    }

    assertThat(PictureRenderer.title(workload.build(), grouping)).isEqualTo(title);
  }

  @ParameterizedTest(name = "{0} read from manifests -> {1}")
  @CsvSource({
    "KUBERNETES, Deployment/order-service, Deployment/order-service",
    "ECS, TaskDefinition/order-service:1, ECS task order-service"
  })
  void aWorkloadNamedAfterItsOwnerStandsForTheOwner(Platform platform, String owner, String title) {
    Workload workload = workload(platform, "order-service").owner(owner).build();

    assertThat(PictureRenderer.title(workload, Grouping.POD)).isEqualTo(title);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "XRAY_DAEMON, SIDECAR, X-Ray daemon sidecar",
    "CLOUD_SQL_PROXY, AMBASSADOR, Cloud SQL proxy ambassador",
    "EXPORTER, ADAPTER, Exporter adapter",
    "UNKNOWN, SIDECAR, sidecar",
  })
  void roleLineShouldNameTheSidecarKindAndVariant(
      SidecarKind kind, Variant variant, String expected) {
    Container container =
        WorkloadBuilder.pod("w")
            .sidecar(kind, variant, container("c", "img"))
            .build()
            .container("c")
            .orElseThrow();

    assertThat(PictureRenderer.roleLine(container)).isEqualTo(expected);
  }

  @Test
  void renderShouldPutAppsFirstThenSidecarsThenInitContainers() {
    PictureBox box = TopologyPicture.of(SampleSnapshots.groupedWithFindings()).boxes().get(0);

    assertThat(box.members())
        .extracting(PictureNode::style)
        .containsExactly(
            NodeStyle.APP, NodeStyle.SIDECAR, NodeStyle.SIDECAR, NodeStyle.SIDECAR, NodeStyle.INIT);
    assertThat(box.members().get(4).lines()).containsExactly("wait-for-db", "init container");
  }

  @Test
  void renderShouldMarkEachFindingTargetWithItsWorstSeverity() {
    TopologyPicture picture = TopologyPicture.of(SampleSnapshots.groupedWithFindings());
    String box = "kubernetes/kind-dev/shop/order-service";

    // envoy has a warning and an info: the warning shows.
    assertThat(picture.node(box + "/envoy").orElseThrow().marker()).contains(Severity.WARNING);
    assertThat(picture.node(box + "/envoy").orElseThrow().labelLines()).endsWith("⚠ warning");
    assertThat(picture.node(box + "/order-service").orElseThrow().marker()).isEmpty();
    assertThat(picture.node("vault").orElseThrow().marker()).contains(Severity.WARNING);
    assertThat(picture.boxes().get(0).marker()).contains(Severity.INFO);
    assertThat(picture.boxes().get(0).titleLine()).isEqualTo("Deployment/order-service ×3  ℹ info");
    assertThat(picture.edges())
        .filteredOn(e -> e.marker().isPresent())
        .singleElement()
        .satisfies(e -> assertThat(e.labelLines()).endsWith("✖ error"));
  }

  @Test
  void renderShouldDrawAnEdgeFromAWorkloadIdFromItsFirstApp() {
    Workload pod =
        WorkloadBuilder.pod("p")
            .sidecar(SidecarKind.ENVOY, "envoy", "envoy")
            .app("web", "web:1")
            .build();
    String id = pod.id();
    TopologySnapshot snapshot =
        snapshot(
            List.of(pod),
            List.of(new Node("external/db", NodeKind.EXTERNAL, "db")),
            List.of(Edge.fromManifest(id, "external/db", EdgeKind.UPSTREAM)));

    assertThat(TopologyPicture.of(snapshot).edges())
        .singleElement()
        .extracting(PictureEdge::from)
        .isEqualTo(id + "/web");
  }

  @Test
  void renderShouldKeepAnEdgeToAnUnnamedIdAsAnExternalNodeLabelledWithTheId() {
    Workload pod = WorkloadBuilder.pod("p").app("web", "web:1").build();
    String id = pod.id();
    TopologySnapshot snapshot =
        snapshot(
            List.of(pod),
            List.of(),
            List.of(Edge.fromManifest(id + "/web", "external/nowhere:443", EdgeKind.UPSTREAM)));

    TopologyPicture picture = TopologyPicture.of(snapshot);

    assertThat(picture.outside())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.style()).isEqualTo(NodeStyle.EXTERNAL);
              assertThat(n.lines()).containsExactly("external/nowhere:443");
            });
    assertThat(picture.edges())
        .singleElement()
        .extracting(PictureEdge::to)
        .isEqualTo("external/nowhere:443");
  }

  @Test
  void renderShouldMarkTheWorkloadBoxWhenTheFindingNamesAnUnknownContainer() {
    Workload pod = WorkloadBuilder.pod("p").app("web", "web:1").build();
    String id = pod.id();
    TopologySnapshot snapshot =
        new TopologySnapshot(
            SampleSnapshots.TAKEN_AT,
            Grouping.POD,
            List.of(),
            List.of(pod),
            List.of(),
            List.of(),
            List.of(new Finding(Severity.ERROR, "GONE", id, Optional.of("ghost"), "Gone.")));

    assertThat(TopologyPicture.of(snapshot).boxes().get(0).marker()).contains(Severity.ERROR);
  }

  @Test
  void renderShouldGiveEqualPicturesForEqualSnapshots() {
    assertThat(TopologyPicture.of(SampleSnapshots.trickyNames()))
        .isEqualTo(TopologyPicture.of(SampleSnapshots.trickyNames()));
  }

  @Test
  void initContainerShouldBeDrawnWithTheInitStyle() {
    Container init =
        WorkloadBuilder.pod("w").init("migrate", "m:1").build().container("migrate").orElseThrow();

    assertThat(PictureRenderer.roleLine(init)).isEqualTo("init container");
  }

  /** A pod or a task of that name with one app. */
  private static WorkloadBuilder workload(Platform platform, String name) {
    WorkloadBuilder workload =
        platform == Platform.ECS ? WorkloadBuilder.task(name) : WorkloadBuilder.pod(name);
    return workload.app("a", "a:1");
  }

  private static TopologySnapshot snapshot(
      List<Workload> workloads, List<Node> nodes, List<Edge> edges) {
    return new TopologySnapshot(
        SampleSnapshots.TAKEN_AT, Grouping.POD, List.of(), workloads, nodes, edges, List.of());
  }
}
