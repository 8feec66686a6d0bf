package dev.sidescope.collectors.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anchors and aliases within one document are read as Kubernetes' YAML parser reads them, and
 * aliases that would grow without bound are refused.
 */
class ManifestReaderYamlAliasTest {

  @Test
  void anEnvListAnchoredUnderATopLevelKeyIsTakenByItsAlias(@TempDir Path root) throws IOException {
    Files.writeString(
        root.resolve("orders.yaml"),
        """
        x-common: &common
          - name: REGION
            value: eu-west-1
          - name: LOG_LEVEL
            value: info
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
                  env: *common
        """);

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.problems()).isEmpty();
    ContainerSpec app = onlyWorkload(result).containers().get(0);
    assertThat(app.envLiteral("REGION")).contains("eu-west-1");
    assertThat(app.envLiteral("LOG_LEVEL")).contains("info");
  }

  @Test
  void anEnvListAnchoredInOneContainerIsTakenByTheNext(@TempDir Path root) throws IOException {
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
              env: &env
                - name: REGION
                  value: eu-west-1
            - name: envoy
              image: envoyproxy/envoy:v1.31.0
              env: *env
        """);

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.problems()).isEmpty();
    List<ContainerSpec> containers = onlyWorkload(result).containers();
    assertThat(containers).hasSize(2);
    assertThat(containers)
        .allSatisfy(c -> assertThat(c.envLiteral("REGION")).contains("eu-west-1"));
  }

  @Test
  void aMergeKeyTakesTheAnchoredKeysUnderTheOnesWrittenBesideIt(@TempDir Path root)
      throws IOException {
    Files.writeString(
        root.resolve("orders.yaml"),
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: orders
        spec:
          containers:
            - &base
              name: app
              image: orders:1
            - <<: *base
              name: worker
        """);

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.problems()).isEmpty();
    assertThat(onlyWorkload(result).containers())
        .extracting(ContainerSpec::name, ContainerSpec::image)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("app", "orders:1"),
            org.assertj.core.groups.Tuple.tuple("worker", "orders:1"));
  }

  @Test
  void aProblemAfterAnAliasIsStillSaidOnItsOwnLine(@TempDir Path root) throws IOException {
    Files.writeString(
        root.resolve("orders.yaml"),
        """
        x-env: &env [{name: REGION, value: eu-west-1}]
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        spec:
          replicas: many
          template:
            spec:
              containers: [{name: app, image: orders:1, env: *env}]
        """);

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.problems())
        .extracting(p -> p.line().orElse(0) + ": " + p.message())
        .containsExactly("7: Deployment orders: spec.replicas must be a number, not a string");
  }

  @Test
  void anAliasWithoutItsAnchorIsAProblemOnItsLine(@TempDir Path root) throws IOException {
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
              env: *missing
        """);

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.problems())
        .extracting(p -> p.line().orElse(0) + ": " + p.message())
        .containsExactly("9: an alias (*name) refers to no anchor defined before it");
    assertThat(result.findings()).hasSize(1);
  }

  @Test
  void anAliasInsideItsOwnAnchoredValueIsAProblem(@TempDir Path root) throws IOException {
    Files.writeString(
        root.resolve("orders.yaml"),
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: orders
          labels: &labels
            self: *labels
        spec:
          containers: [{name: app, image: orders:1}]
        """);

    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(result.problems())
        .extracting(p -> p.line().orElse(0) + ": " + p.message())
        .containsExactly("6: an alias (*name) refers to the value that holds it");
  }

  @Test
  @Timeout(30)
  void aliasesThatGrowWithoutBoundAreRefusedAndTheNextDocumentIsStillRead(@TempDir Path root)
      throws IOException {
    // The "billion laughs": nine levels of ten aliases each would be 10^9 strings.
    StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      String previous = "*a" + (i - 1);
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      bomb.append(String.join(", ", java.util.Collections.nCopies(10, previous)));
      bomb.append("]\n");
    }
    bomb.append("kind: ConfigMap\napiVersion: v1\nmetadata: {name: laughs}\n");
    bomb.append("---\n");
    bomb.append(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: orders}\n"
            + "spec: {containers: [{name: app, image: orders:1}]}\n");
    Files.writeString(root.resolve("laughs.yaml"), bomb.toString());

    long started = System.nanoTime();
    ManifestReadResult result = new ManifestReader().read(root);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.unreadable()).isTrue();
              assertThat(p.message())
                  .isEqualTo(
                      "aliases (*name) expand to more than 100000 values; Sidescope reads no"
                          + " more from one document");
            });
    assertThat(result.observations().workloads())
        .extracting(WorkloadSpec::id)
        .containsExactly("kubernetes/manifests/default/orders");
  }

  private static WorkloadSpec onlyWorkload(ManifestReadResult result) {
    assertThat(result.observations().workloads()).hasSize(1);
    return result.observations().workloads().get(0);
  }
}
