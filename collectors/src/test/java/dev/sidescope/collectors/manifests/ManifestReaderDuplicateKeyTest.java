package dev.sidescope.collectors.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kubectl refuses a mapping that gives one key twice; Sidescope does too, rather than keep the last
 * value and lint something that would never apply.
 */
class ManifestReaderDuplicateKeyTest {
  private static final String GOOD_ID = "kubernetes/manifests/default/good";
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

  static Stream<Arguments> duplicateKeys() {
    return Stream.of(
        row(
            "a container's image given twice in YAML",
            "orders.yaml",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      image: orders:1
                      ports: [{containerPort: 8080}]
                      image: orders:2
            """,
            "orders.yaml line 12: key image is given twice (first at line 10)"),
        row(
            "a top-level key given twice in YAML",
            "orders.yaml",
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: orders
            spec:
              containers: [{name: app, image: orders:1}]
            kind: Service
            """,
            "orders.yaml line 7: key kind is given twice (first at line 2)"),
        row(
            "a key given twice in a YAML flow mapping",
            "orders.yaml",
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: orders, name: payments}
            spec:
              containers: [{name: app, image: orders:1}]
            """,
            "orders.yaml line 3: key name is given twice (first at line 3)"),
        row(
            "a field of a task definition given twice in JSON",
            "orders.json",
            """
            {
              "family": "orders",
              "containerDefinitions": [
                {
                  "name": "app",
                  "image": "orders:1",
                  "essential": true,
                  "image": "orders:2"
                }
              ]
            }
            """,
            "orders.json line 8: key image is given twice (first at line 6)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("duplicateKeys")
  void aKeyGivenTwiceIsAnErrorNamingBothLines(
      String name, String manifest, String expected, @TempDir Path root) throws IOException {
    Files.writeString(root.resolve("good.yaml"), GOOD);
    Files.writeString(root.resolve(name), manifest);

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.problems())
        .extracting(
            p -> root.relativize(p.file()) + " line " + p.line().orElse(0) + ": " + p.message())
        .containsExactly(expected);
    assertThat(result.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo(ManifestProblem.FINDING_CODE);
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
            });
    assertThat(result.observations().workloads())
        .extracting(WorkloadSpec::id)
        .containsExactly(GOOD_ID);
  }

  @Test
  void theValuesOfAKeyGivenTwiceAreNotRepeated(@TempDir Path root) throws IOException {
    Files.writeString(
        root.resolve("orders.yaml"),
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: orders
        spec:
          containers:
            - name: app
              image: orders:1
              env:
                - name: TOKEN
                  value: plantedSecretOne
                  value: plantedSecretTwo
        """);

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("key value is given twice (first at line 11)");
              assertThat(p.summary()).doesNotContain("plantedSecret");
            });
  }

  @Test
  void theSameKeyInTwoDocumentsOrTwoMappingsIsNoProblem(@TempDir Path root) throws IOException {
    Files.writeString(
        root.resolve("two.yaml"),
        GOOD
            + "---\n"
            + GOOD.replace("name: good", "name: other").replace("- name: app", "- name: other"));

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.problems()).isEmpty();
    assertThat(result.observations().workloads()).hasSize(2);
  }

  private static Arguments row(String title, String name, String manifest, String expected) {
    return Arguments.of(Named.of(title, name), manifest, expected);
  }
}
