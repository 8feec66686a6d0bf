package dev.sidescope.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.collectors.manifests.ManifestReadResult;
import dev.sidescope.collectors.manifests.ManifestReader;
import dev.sidescope.testing.FixtureRoles;
import dev.sidescope.testing.RepositoryFolders;
import dev.sidescope.testing.Roles;
import dev.sidescope.testing.export.GoldenFiles;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real payloads of {@code fixtures/} through the whole production path: the manifest reader,
 * the classifier, the edges and the doctor. The expected roles are the classifier test's table
 * ({@link FixtureRoles}), so a hand-made workload there and the file read here must agree.
 */
class FixturesEndToEndTest {
  /** API responses, not manifests: the reader ignores them or says they are not manifests. */
  private static final Set<String> NOT_MANIFESTS =
      Set.of(
          "ecs/describe_tasks_ec2_single.json",
          "ecs/list_tasks_awscli.json",
          "ecs/describe_tasks_fargate_multiple.json",
          "ecs/botocore_ecs_examples-1.json");

  private static final SnapshotBuilder BUILDER = SnapshotBuilder.standard(Clock.systemUTC());

  private static Path fixtures() {
    return RepositoryFolders.fixtures();
  }

  private static TopologySnapshot read(String fixture) {
    ManifestReadResult result = new ManifestReader().read(fixtures().resolve(fixture));
    assertThat(result.problems()).as(fixture).isEmpty();
    return BUILDER.build(result.observations(), Grouping.POD);
  }

  static Stream<Arguments> manifestContainers() {
    return FixtureRoles.containers().filter(a -> !NOT_MANIFESTS.contains((String) a.get()[0]));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("manifestContainers")
  void aFixtureReadFromItsFileIsClassifiedAsAPersonWould(
      String fixture, String container, String expected) {
    Container c =
        read(fixture).workloads().stream()
            .flatMap(w -> w.containers().stream())
            .filter(x -> x.name().equals(container))
            .findFirst()
            .orElseThrow(() -> new AssertionError(container + " not read from " + fixture));

    assertThat(Roles.describe(c)).isEqualTo(expected);
  }

  @Test
  void whatTheDoctorSaysAboutEachFixtureMatchesItsGoldenFile() throws Exception {
    List<String> lines;
    try (Stream<Path> files = Files.walk(fixtures())) {
      lines =
          files
              .filter(Files::isRegularFile)
              .map(p -> fixtures().relativize(p).toString().replace('\\', '/'))
              .filter(f -> f.startsWith("kubernetes/") || f.startsWith("ecs/"))
              .filter(f -> !NOT_MANIFESTS.contains(f))
              .sorted()
              .flatMap(f -> describe(f).stream())
              .toList();
    }
    GoldenFiles.assertMatches("fixture-findings.txt", String.join("\n", lines) + "\n");
  }

  private static List<String> describe(String fixture) {
    TopologySnapshot s = read(fixture);
    List<String> out = new java.util.ArrayList<>();
    out.add(
        "# "
            + fixture
            + ": "
            + s.workloads().stream()
                .map(FixturesEndToEndTest::summary)
                .collect(Collectors.joining("; ")));
    for (Finding f : s.findings()) {
      out.add(
          f.severity().wireName()
              + " "
              + f.code()
              + " "
              + f.container().orElse("-")
              + ": "
              + f.message());
    }
    return out;
  }

  private static String summary(Workload w) {
    return w.name()
        + " ["
        + w.containers().stream()
            .map(
                c ->
                    c.name()
                        + "="
                        + (c.isSidecar() ? c.kind().orElseThrow().id() : c.role().wireName()))
            .collect(Collectors.joining(", "))
        + "]";
  }
}
