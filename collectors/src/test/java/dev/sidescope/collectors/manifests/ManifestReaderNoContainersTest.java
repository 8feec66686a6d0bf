package dev.sidescope.collectors.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kubernetes refuses a pod with no containers; a manifest that has none is a problem on its line,
 * not a workload with nothing in it.
 */
class ManifestReaderNoContainersTest {
  private static final String GOOD =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: good
      spec:
        template:
          spec:
            containers:
              - name: app
                image: app:1
      """;

  static Stream<Arguments> workloadsWithoutContainers() {
    return Stream.of(
        row(
            "a Deployment with an empty spec",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec: {}\n",
            "orders.yaml line 5: Deployment orders has no containers"
                + " (spec.template.spec.containers is empty)"),
        row(
            "a Deployment whose containers are null",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders
            spec:
              template:
                spec:
                  containers: null
            """,
            "orders.yaml line 8: Deployment orders has no containers"
                + " (spec.template.spec.containers is empty)"),
        row(
            "a StatefulSet whose containers are an empty list",
            """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: orders
            spec:
              template:
                spec:
                  initContainers: [{name: init, image: init:1}]
                  containers: []
            """,
            "orders.yaml line 9: StatefulSet orders has no containers"
                + " (spec.template.spec.containers is empty)"),
        row(
            "a CronJob whose job template has no pod spec",
            """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: orders
            spec:
              schedule: "* * * * *"
              jobTemplate:
                spec: {}
            """,
            "orders.yaml line 8: CronJob orders has no containers"
                + " (spec.jobTemplate.spec.template.spec.containers is empty)"),
        row(
            "a Pod without a spec",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: orders\n",
            "orders.yaml line 1: Pod orders has no containers (spec.containers is empty)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("workloadsWithoutContainers")
  void aWorkloadWithoutContainersIsAProblemAndIsNotRead(
      String manifest, String expected, @TempDir Path root) throws IOException {
    Files.writeString(root.resolve("good.yaml"), GOOD);
    Files.writeString(root.resolve("orders.yaml"), manifest);

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.problems())
        .extracting(
            p -> root.relativize(p.file()) + " line " + p.line().orElse(0) + ": " + p.message())
        .containsExactly(expected);
    assertThat(result.problems()).allMatch(ManifestProblem::unreadable);
    assertThat(result.findings()).extracting(f -> f.code()).containsExactly("MANIFEST_UNREADABLE");
    assertThat(result.observations().workloads())
        .extracting(WorkloadSpec::id)
        .containsExactly("kubernetes/manifests/default/good");
  }

  private static Arguments row(String name, String manifest, String expected) {
    return Arguments.of(Named.of(name, manifest), expected);
  }
}
