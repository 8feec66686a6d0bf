package dev.sidescope.collectors.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The App Mesh task definition of the fixtures, through the reader, classifier and doctor. */
class AppMeshFixtureFindingsTest {

  @Test
  void appMeshTaskDefinitionIsToldAppMeshReachedEndOfSupport() {
    ManifestReadResult read =
        new ManifestReader()
            .read(ManifestReaderFixturesTest.fixture("ecs/taskdef_appmesh_envoy_firelens.json"));
    TopologySnapshot snapshot =
        SnapshotBuilder.standard(Clock.systemUTC()).build(read.observations(), Grouping.POD);

    assertThat(snapshot.findings())
        .filteredOn(f -> f.code().equals("APPMESH_END_OF_SUPPORT"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.INFO);
              assertThat(f.container()).contains("envoy");
              assertThat(f.message()).contains("Amazon ECS Service Connect");
            });
    assertThat(snapshot.findings()).extracting(Finding::code).doesNotContain("DOCTOR_RULE_FAILED");
  }
}
