package dev.sidescope.samples.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleClusterFolderTest {
  @TempDir Path dir;

  @Test
  void readsTheSeedSampleWithItsDescriptionTrafficAndManifests() throws Exception {
    SampleCluster seed = SampleClusterFolder.read(BuiltInSamples.folder("seed").orElseThrow());

    assertThat(seed.name()).isEqualTo("seed");
    assertThat(seed.description()).startsWith("order-service beside its sidecars");
    assertThat(seed.traffic())
        .contains(new TrafficFlow("order-service", "payment-service", 25, 41, 95, 180, 0.004));
    assertThat(seed.manifests())
        .extracting(HasMetadata::getKind)
        .contains("Deployment", "Service", "VirtualNode");
    assertThat(seed.manifests()).filteredOn(m -> m instanceof Deployment).hasSize(3);
    assertThat(seed.manifests()).filteredOn(m -> m instanceof GenericKubernetesResource).hasSize(2);
    assertThat(seed.warnings()).isEmpty();
  }

  @Test
  void nameDefaultsToTheFoldersNameWhenThereIsNoClusterFile() throws Exception {
    Path sample = Files.createDirectories(dir.resolve("checkout"));

    assertThat(SampleClusterFolder.read(sample).name()).isEqualTo("checkout");
  }

  @Test
  void unknownKeysAreWarningsNotFailures() throws Exception {
    Path sample = Files.createDirectories(dir.resolve("s"));
    Files.writeString(
        sample.resolve("cluster.yaml"),
        "name: s\ncolour: blue\ntraffic:\n  - {from: a, to: b, rps: 1, burst: 3}\n");
    Files.createDirectories(sample.resolve("kubernetes"));
    Files.writeString(sample.resolve("kubernetes/README.md"), "notes");

    SampleCluster cluster = SampleClusterFolder.read(sample);

    assertThat(cluster.warnings())
        .containsExactly(
            "cluster.yaml, line 2: unknown key 'colour' ignored.",
            "cluster.yaml, line 4: unknown traffic key 'burst' ignored.",
            "kubernetes/README.md ignored: only .yaml, .yml and .json files are read.");
    assertThat(cluster.traffic()).containsExactly(new TrafficFlow("a", "b", 1, 0, 0, 0, 0));
  }

  @Test
  void aFileThatIsNotYamlIsAnErrorNamingTheFileAndLine() throws Exception {
    Path sample = Files.createDirectories(dir.resolve("s/kubernetes"));
    Files.writeString(
        sample.resolve("broken.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   labels: {a: b}\n");

    assertThatThrownBy(() -> SampleClusterFolder.read(dir.resolve("s")))
        .isInstanceOf(MalformedSampleException.class)
        .hasMessageStartingWith("kubernetes/broken.yaml is not valid YAML at line 5: ")
        .hasMessageEndingWith(".")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aDocumentNestedTenThousandDeepIsOnePlainSentence() throws Exception {
    Path sample = Files.createDirectories(dir.resolve("s/kubernetes"));
    Files.writeString(
        sample.resolve("deep.yaml"), "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");

    assertThatThrownBy(() -> SampleClusterFolder.read(dir.resolve("s")))
        .isInstanceOf(MalformedSampleException.class)
        .hasMessage(
            "kubernetes/deep.yaml nests deeper than 1000 levels, the most Sidescope reads.");
  }

  @Test
  void latin1TextIsNamedAsNotUtf8WithTheByteAndItsOffset() throws Exception {
    Path sample = Files.createDirectories(dir.resolve("s/kubernetes"));
    Files.write(
        sample.resolve("cafe.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\u00e9}\n"
            .getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> SampleClusterFolder.read(dir.resolve("s")))
        .isInstanceOf(MalformedSampleException.class)
        .hasMessage("kubernetes/cafe.yaml is not UTF-8 text (byte 0xE9 at offset 51).");
  }

  @Test
  void aLoneFfByteInTheClusterFileIsNamedAsNotUtf8() throws Exception {
    Path sample = Files.createDirectories(dir.resolve("s"));
    Files.write(
        sample.resolve("cluster.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xFF});

    assertThatThrownBy(() -> SampleClusterFolder.read(sample))
        .isInstanceOf(MalformedSampleException.class)
        .hasMessage("cluster.yaml is not UTF-8 text (byte 0xFF at offset 6).");
  }

  @Test
  void aDocumentWithoutAKindIsAnErrorNamingWhereItStarts() throws Exception {
    Path sample = Files.createDirectories(dir.resolve("s/kubernetes"));
    Files.writeString(
        sample.resolve("two.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nmetadata: {name: b}\n");

    assertThatThrownBy(() -> SampleClusterFolder.read(dir.resolve("s")))
        .isInstanceOf(MalformedSampleException.class)
        .hasMessage("kubernetes/two.yaml, document at line 5, has no kind.");
  }

  @Test
  void aTrafficEntryOfTheWrongShapeIsAnErrorWithItsLine() throws Exception {
    Path sample = Files.createDirectories(dir.resolve("s"));
    Files.writeString(
        sample.resolve("cluster.yaml"), "traffic:\n  - from: a\n    to: b\n    rps: lots\n");

    assertThatThrownBy(() -> SampleClusterFolder.read(sample))
        .isInstanceOf(MalformedSampleException.class)
        .hasMessage("cluster.yaml, line 4: rps must be a number of at least 0, found 'lots'.");
  }

  @Test
  void theEcsFolderIsLeftForTheEcsEndpoint() throws Exception {
    Path sample = Files.createDirectories(dir.resolve("s/ecs"));
    Files.writeString(sample.resolve("task.json"), "{ not json at all");

    assertThat(SampleClusterFolder.read(dir.resolve("s")).manifests()).isEmpty();
  }

  @Test
  void aListOfObjectsIsReadAsItsItems() throws Exception {
    Path sample = Files.createDirectories(dir.resolve("s/kubernetes"));
    Files.writeString(
        sample.resolve("list.yaml"),
        "apiVersion: v1\nkind: List\nitems:\n"
            + "- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n"
            + "- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n");

    assertThat(SampleClusterFolder.read(dir.resolve("s")).manifests())
        .extracting(m -> m.getMetadata().getName())
        .containsExactly("a", "b");
  }
}
