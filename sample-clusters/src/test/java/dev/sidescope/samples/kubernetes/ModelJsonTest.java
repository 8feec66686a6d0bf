package dev.sidescope.samples.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.samples.folder.SampleClusterFolder;
import dev.sidescope.samples.generate.ClusterGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ModelJsonTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void writesEveryServedObjectAsFabric8Would() throws Exception {
    List<HasMetadata> objects =
        new ArrayList<>(
            ClusterExpander.expand(
                SampleClusterFolder.read(ServedClusters.seedFolder()),
                ClusterExpander.Options.defaults(NOW)));
    ClusterGenerator.Spec spec = ClusterGenerator.Spec.parse("pods=300,seed=3");
    objects.addAll(
        ClusterExpander.expand(
            ClusterGenerator.cluster(spec), ClusterGenerator.expansion(spec, NOW)));
    KubernetesSerialization fabric8 = new KubernetesSerialization();
    JsonMapper trees = JsonMapper.builder().build();

    for (HasMetadata object : objects) {
      assertThat(trees.readTree(ModelJson.write(object)))
          .as(object.getKind() + " " + object.getMetadata().getName())
          .isEqualTo(trees.readTree(fabric8.asJson(object)));
    }
  }
}
