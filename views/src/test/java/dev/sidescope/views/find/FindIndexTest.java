package dev.sidescope.views.find;

import static dev.sidescope.testing.SeedSample.ORDER_APP;
import static dev.sidescope.testing.SeedSample.ORDER_ENVOY;
import static dev.sidescope.testing.SeedSample.ORDER_POD;
import static dev.sidescope.testing.SeedSample.ORDER_POD_2;
import static dev.sidescope.testing.SeedSample.ORDER_XRAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.picture.TopologyPicture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindIndexTest {
  private final TopologySnapshot snapshot = SeedSample.snapshot();
  private final FindIndex index = FindIndex.of(snapshot, TopologyPicture.of(snapshot));

  @Test
  void kindShouldMatchEverySidecarOfThatKindAndTheirBoxes() {
    assertThat(index.matching(FindQuery.parse("kind:envoy")))
        .contains(ORDER_ENVOY, ORDER_POD, SeedSample.PAYMENT_POD + "/envoy", SeedSample.PAYMENT_POD)
        .doesNotContain(ORDER_APP, ORDER_XRAY, "aws/xray");
  }

  @Test
  void findingShouldMatchTheContainerItNames() {
    assertThat(index.matching(FindQuery.parse("finding:SIDECAR_NOT_READY")))
        .contains(ORDER_POD_2 + "/xray-daemon", ORDER_POD_2)
        .doesNotContain(ORDER_XRAY, ORDER_POD, ORDER_POD_2 + "/order-service");
  }

  @Test
  void platformShouldMatchOnlyThatPlatformsWorkloads() {
    assertThat(index.matching(FindQuery.parse("platform:ecs")))
        .allMatch(id -> id.startsWith("ecs/"))
        .isNotEmpty();
  }

  @Test
  void namespaceShouldMatchEveryMemberOfItsBoxesButNoOutsideNode() {
    assertThat(index.matching(FindQuery.parse("ns:shop")))
        .contains(ORDER_APP, ORDER_XRAY, ORDER_POD)
        .noneMatch(id -> id.startsWith("aws/") || id.startsWith("ecs/"));
  }

  @Test
  void freeTextShouldFindOutsideNodesByLabel() {
    assertThat(index.matching(FindQuery.parse("x-ray"))).contains("aws/xray");
  }

  @Test
  void aMissingSidecarsFindingShouldMatchItsPodAndTaskWhateverTheCase() {
    List<Finding> findings = new ArrayList<>(snapshot.findings());
    // The container a missing sidecar's finding names is, by its nature, not in the workload.
    findings.add(
        new Finding(
            Severity.ERROR,
            "SIDECAR_MISSING",
            ORDER_POD,
            Optional.of("linkerd-proxy"),
            "The pod lacks the linkerd-proxy sidecar."));
    findings.add(
        new Finding(
            Severity.WARNING,
            "SIDECAR_MISSING",
            SeedSample.ORDER_TASK,
            Optional.of("linkerd-proxy"),
            "The task lacks the linkerd-proxy sidecar."));
    TopologySnapshot missing =
        new TopologySnapshot(
            snapshot.takenAt(),
            snapshot.grouping(),
            snapshot.sources(),
            snapshot.workloads(),
            snapshot.nodes(),
            snapshot.edges(),
            findings,
            snapshot.overlays());
    FindIndex missingIndex = FindIndex.of(missing, TopologyPicture.of(missing));
    for (String text : List.of("finding:SIDECAR_MISSING", "finding:sidecar_miss")) {
      assertThat(missingIndex.matching(FindQuery.parse(text)))
          .as(text)
          .contains(ORDER_POD, ORDER_APP, ORDER_ENVOY, SeedSample.ORDER_TASK)
          .anyMatch(id -> id.startsWith(SeedSample.ORDER_TASK + "/"))
          .doesNotContain(ORDER_POD_2, SeedSample.PAYMENT_POD, "aws/xray");
    }
  }

  @Test
  void severityShouldMatchNodesWithAFindingThatBadOrWorseAndTheirBoxes() {
    FindIndex graded =
        indexWith(
            List.of(
                new Finding(
                    Severity.ERROR,
                    "SIDECAR_NOT_READY",
                    ORDER_POD_2,
                    Optional.of("xray-daemon"),
                    "The xray-daemon sidecar is not ready."),
                new Finding(
                    Severity.WARNING,
                    "SIDECAR_NO_LIMITS",
                    SeedSample.ORDER_TASK,
                    Optional.empty(),
                    "The task's sidecars have no limits."),
                new Finding(
                    Severity.INFO,
                    "APPMESH_END_OF_SUPPORT",
                    SeedSample.PAYMENT_POD,
                    Optional.of("envoy"),
                    "App Mesh reaches its end of support.")));

    assertThat(graded.matching(FindQuery.parse("severity:error")))
        .containsExactlyInAnyOrder(ORDER_POD_2 + "/xray-daemon", ORDER_POD_2);
    assertThat(graded.matching(FindQuery.parse("severity:warning")))
        .contains(ORDER_POD_2 + "/xray-daemon", ORDER_POD_2, SeedSample.ORDER_TASK)
        .anyMatch(id -> id.startsWith(SeedSample.ORDER_TASK + "/"))
        .doesNotContain(SeedSample.PAYMENT_POD, SeedSample.PAYMENT_POD + "/envoy", ORDER_POD);
    assertThat(graded.matching(FindQuery.parse("severity:info")))
        .contains(
            ORDER_POD_2,
            SeedSample.ORDER_TASK,
            SeedSample.PAYMENT_POD,
            SeedSample.PAYMENT_POD + "/envoy")
        .doesNotContain(ORDER_POD, ORDER_APP, ORDER_POD_2 + "/order-service");
  }

  @Test
  void hasFindingShouldMatchEveryNodeWithAFindingWhateverItsSeverity() {
    FindIndex graded =
        indexWith(
            List.of(
                new Finding(
                    Severity.INFO,
                    "APPMESH_END_OF_SUPPORT",
                    SeedSample.PAYMENT_POD,
                    Optional.of("envoy"),
                    "App Mesh reaches its end of support."),
                new Finding(
                    Severity.ERROR,
                    "XRAY_DAEMON_UNREACHABLE",
                    "aws/xray",
                    Optional.empty(),
                    "X-Ray is not reached.")));

    assertThat(graded.matching(FindQuery.parse("has:finding")))
        .containsExactlyInAnyOrder(
            SeedSample.PAYMENT_POD + "/envoy", SeedSample.PAYMENT_POD, "aws/xray");
    assertThat(graded.matching(FindQuery.parse("-has:finding")))
        .contains(ORDER_POD, ORDER_APP, SeedSample.ORDER_TASK)
        .doesNotContain(SeedSample.PAYMENT_POD + "/envoy", "aws/xray");
  }

  /** The seed sample with exactly these findings. */
  private FindIndex indexWith(List<Finding> findings) {
    TopologySnapshot s =
        new TopologySnapshot(
            snapshot.takenAt(),
            snapshot.grouping(),
            snapshot.sources(),
            snapshot.workloads(),
            snapshot.nodes(),
            snapshot.edges(),
            findings,
            snapshot.overlays());
    return FindIndex.of(s, TopologyPicture.of(s));
  }
}
