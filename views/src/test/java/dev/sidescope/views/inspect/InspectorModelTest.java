package dev.sidescope.views.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.findings.SidecarRestartingRule;
import dev.sidescope.topology.model.CredentialMask;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.picture.TopologyPicture;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InspectorModelTest {
  private final TopologySnapshot snapshot = SeedSample.snapshot();
  private final TopologyPicture picture = TopologyPicture.of(snapshot);

  private Inspection inspect(String id) {
    return InspectorModel.of(snapshot, picture, id).orElseThrow();
  }

  @Test
  void selectedContainerShouldComeFirstWithItsDetails() {
    Inspection i = inspect(SeedSample.ORDER_XRAY);
    assertThat(i.title()).isEqualTo("xray-daemon");
    Inspection.Section xray = i.sections().get(1);
    assertThat(xray.title()).startsWith("xray-daemon");
    assertThat(xray.value("image")).hasValue("amazon/aws-xray-daemon:latest");
    assertThat(xray.value("kind")).hasValue("xray-daemon");
    assertThat(xray.value("variant")).hasValue("sidecar");
    assertThat(xray.value("ready")).hasValue("yes");
    assertThat(xray.value("ports")).hasValue("2000/udp");
    assertThat(xray.value("limits")).hasValue("cpu 100m, memory 64Mi");
  }

  @Test
  void credentialLikeValuesShouldBeMaskedAndSecretsSayWhereFrom() {
    Inspection.Section app = inspect(SeedSample.ORDER_APP).sections().get(1);
    assertThat(app.value("env ORDERS_API_TOKEN")).hasValue(CredentialMask.MASK);
    assertThat(app.value("env DB_PASSWORD")).hasValue("from secret orders-db/password");
    assertThat(app.value("env PAYMENT_SERVICE_URL")).hasValue("http://payment-service:8080");
  }

  @Test
  void notReadySidecarShouldShowItsStateAndFindingSentences() {
    Inspection i = inspect(SeedSample.ORDER_POD_2 + "/xray-daemon");
    assertThat(i.sections().get(1).value("state")).hasValue("running");
    assertThat(i.sections().get(1).value("ready")).hasValue("no");
    assertThat(i.findings()).extracting(Inspection.FindingLine::code).contains("SIDECAR_NOT_READY");
    assertThat(i.findings().get(0).message()).isNotBlank();
  }

  @Test
  void outsideNodeShouldListTheArrowsThatReachIt() {
    Inspection i = inspect("aws/xray");
    assertThat(i.title()).isEqualTo("AWS X-Ray");
    assertThat(i.sections().get(0).rows())
        .extracting(Inspection.Row::value)
        .anyMatch(v -> v.startsWith("from xray-daemon"));
  }

  @Test
  void findingRowsShouldPointAtTheContainerTheyName() {
    assertThat(FindingRow.of(snapshot, picture))
        .filteredOn(r -> r.code().equals("SIDECAR_NOT_READY"))
        .first()
        .satisfies(r -> assertThat(r.nodeId()).hasValue(SeedSample.ORDER_POD_2 + "/xray-daemon"));
  }

  @Test
  void aPodListsItsArrowsOutWithWhoKnowsOfThemAndWhatWasMeasured() {
    // The seed with X-Ray's figures on the arrow that leaves the order pod through its Envoy.
    List<Edge> edges = new ArrayList<>();
    Edge measured = null;
    for (Edge e : snapshot.edges()) {
      if (measured == null
          && e.from().equals(SeedSample.ORDER_ENVOY)
          && e.kind() == EdgeKind.UPSTREAM) {
        Set<Evidence> evidence = EnumSet.of(Evidence.XRAY);
        evidence.addAll(e.evidence());
        measured =
            new Edge(
                e.from(),
                e.to(),
                e.kind(),
                evidence,
                e.detail(),
                new EdgeMetrics(
                    OptionalDouble.of(12.5),
                    OptionalDouble.of(41),
                    OptionalDouble.of(95),
                    OptionalDouble.of(180),
                    OptionalDouble.of(0.004)));
        edges.add(measured);
      } else {
        edges.add(e);
      }
    }
    assertThat(measured).as("the seed's order pod calls out through its Envoy").isNotNull();
    TopologySnapshot live =
        new TopologySnapshot(
            snapshot.takenAt(),
            snapshot.grouping(),
            snapshot.sources(),
            snapshot.workloads(),
            snapshot.nodes(),
            edges,
            snapshot.findings(),
            snapshot.overlays());
    Inspection i =
        InspectorModel.of(live, TopologyPicture.of(live), SeedSample.ORDER_POD).orElseThrow();
    Inspection.Section out =
        i.sections().stream().filter(s -> s.title().equals("Arrows out")).findFirst().orElseThrow();
    assertThat(out.rows())
        .extracting(Inspection.Row::value)
        .anyMatch(
            v ->
                v.contains("manifest, xray")
                    && v.endsWith("12.5 rps · p50 41 · p99 180 ms · 0.4% errors"));
  }

  @Test
  void aRestartingSidecarsFindingLinksToItsPreviousRunsLogs() {
    List<Finding> findings = new ArrayList<>(snapshot.findings());
    findings.add(
        new Finding(
            Severity.WARNING,
            SidecarRestartingRule.CODE,
            SeedSample.ORDER_POD,
            Optional.of("envoy"),
            "Sidecar envoy restarted 4 times."));
    TopologySnapshot restarting =
        new TopologySnapshot(
            snapshot.takenAt(),
            snapshot.grouping(),
            snapshot.sources(),
            snapshot.workloads(),
            snapshot.nodes(),
            snapshot.edges(),
            findings,
            snapshot.overlays());
    Inspection i =
        InspectorModel.of(restarting, TopologyPicture.of(restarting), SeedSample.ORDER_POD)
            .orElseThrow();
    assertThat(i.findings())
        .filteredOn(f -> f.code().equals(SidecarRestartingRule.CODE))
        .extracting(Inspection.FindingLine::previousLogs)
        .containsExactly(Optional.of(SeedSample.ORDER_POD + "/envoy"));
    assertThat(i.findings())
        .filteredOn(f -> !f.code().equals(SidecarRestartingRule.CODE))
        .allMatch(f -> f.previousLogs().isEmpty());
  }

  private TopologySnapshot withFindings(List<Finding> extra) {
    List<Finding> findings = new ArrayList<>(snapshot.findings());
    findings.addAll(extra);
    return new TopologySnapshot(
        snapshot.takenAt(),
        snapshot.grouping(),
        snapshot.sources(),
        snapshot.workloads(),
        snapshot.nodes(),
        snapshot.edges(),
        findings,
        snapshot.overlays());
  }

  @Test
  void findingsShouldBeWorstFirstWhateverContainerTheyName() {
    TopologySnapshot s =
        withFindings(
            List.of(
                new Finding(
                    Severity.WARNING,
                    "SIDECAR_RESTARTING",
                    SeedSample.ORDER_POD,
                    Optional.of("envoy"),
                    "Sidecar envoy restarted 4 times."),
                new Finding(
                    Severity.INFO,
                    "SIDECAR_NO_LIMITS",
                    SeedSample.ORDER_POD,
                    Optional.of("envoy"),
                    "Sidecar envoy has no limits."),
                new Finding(
                    Severity.ERROR,
                    "SIDECAR_MISSING",
                    SeedSample.ORDER_POD,
                    Optional.of("appconfig-agent"),
                    "The pod lacks the appconfig-agent sidecar."),
                new Finding(
                    Severity.ERROR,
                    "POD_NOT_READY",
                    SeedSample.ORDER_POD,
                    Optional.empty(),
                    "The pod is not ready."),
                new Finding(
                    Severity.ERROR,
                    "SIDECAR_CRASHED",
                    SeedSample.ORDER_POD,
                    Optional.of("envoy"),
                    "Sidecar envoy crashed.")));
    TopologyPicture p = TopologyPicture.of(s);

    List<Inspection.FindingLine> ofEnvoy =
        InspectorModel.of(s, p, SeedSample.ORDER_ENVOY).orElseThrow().findings();
    assertThat(ofEnvoy)
        .extracting(Inspection.FindingLine::severity)
        .isSortedAccordingTo(java.util.Comparator.naturalOrder());
    // Within a severity: the selected container's, then the pod's own, then another container's.
    assertThat(ofEnvoy)
        .filteredOn(f -> f.severity() == Severity.ERROR)
        .extracting(Inspection.FindingLine::code)
        .containsExactly("SIDECAR_CRASHED", "POD_NOT_READY", "SIDECAR_MISSING");

    List<Inspection.FindingLine> ofPod =
        InspectorModel.of(s, p, SeedSample.ORDER_POD).orElseThrow().findings();
    assertThat(ofPod)
        .extracting(Inspection.FindingLine::severity)
        .isSortedAccordingTo(java.util.Comparator.naturalOrder());
    assertThat(ofPod.get(0).code()).isEqualTo("POD_NOT_READY");
  }
}
