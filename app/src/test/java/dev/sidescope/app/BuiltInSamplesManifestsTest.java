package dev.sidescope.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.collectors.manifests.ManifestReadResult;
import dev.sidescope.collectors.manifests.ManifestReader;
import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.testing.export.GoldenFiles;
import dev.sidescope.testing.export.SnapshotSchema;
import dev.sidescope.topology.export.JsonExporter;
import dev.sidescope.topology.findings.SidecarDoctor;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each built-in sample, read from its manifests: no problems, valid, and as reviewed. */
class BuiltInSamplesManifestsTest {

  static Iterable<String> samples() {
    return BuiltInSamples.names();
  }

  private static TopologySnapshot read(String name) throws Exception {
    ManifestReadResult result =
        new ManifestReader().read(BuiltInSamples.folder(name).orElseThrow());
    assertThat(result.problems()).as(name).isEmpty();
    return SnapshotBuilder.standard(Clock.systemUTC()).build(result.observations(), Grouping.POD);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleReadsCleanlyAndMatchesItsGoldenFile(String name) throws Exception {
    String json =
        new JsonExporter(false)
            .export(read(name))
            .replaceAll("\"since\" : \"[^\"]*\"", "\"since\" : \"-\"");

    assertThat(SnapshotSchema.violations(json)).isEmpty();
    GoldenFiles.assertMatches("samples/" + name + "-manifests.json", json);
  }

  @Test
  void brokenSampleFiresEveryFindingItsFilesCanShow() throws Exception {
    Set<String> codes =
        read("broken").findings().stream().map(Finding::code).collect(Collectors.toSet());
    // A stopped ECS container is run-time state that no task definition holds: only the served
    // sample shows it (SeedSampleLiveTest).
    Set<String> shown = new HashSet<>(new SidecarDoctor().codes());
    shown.remove("SIDECAR_EXITED");

    assertThat(codes).containsAll(shown);
  }

  @Test
  void meshSampleIsHealthy() throws Exception {
    assertThat(read("mesh").findings()).isEmpty();
  }

  @Test
  void brokenSampleNeverPrintsItsPassword() throws Exception {
    assertThat(new JsonExporter().export(read("broken"))).doesNotContain("Sup3r-S3cret-Refunds!");
  }
}
