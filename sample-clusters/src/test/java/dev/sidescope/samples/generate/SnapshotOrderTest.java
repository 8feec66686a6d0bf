package dev.sidescope.samples.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.export.JsonExporter;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.WorkloadSpec;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sources hand over workloads in their own order; the snapshot must not depend on it. */
class SnapshotOrderTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void workloadsHandedOverInAnyOrderMakeTheSameSnapshot() {
    Observations cluster =
        ClusterGenerator.generate(ClusterGenerator.Spec.parse("pods=1500,seed=11"));
    List<WorkloadSpec> shuffled = new ArrayList<>(cluster.workloads());
    Collections.shuffle(shuffled, new Random(3));
    Observations reordered =
        new Observations(shuffled, cluster.services(), cluster.meshNodes(), cluster.sources());
    SnapshotBuilder builder = SnapshotBuilder.standard(CLOCK);

    for (Grouping grouping : Grouping.values()) {
      String asGenerated = new JsonExporter().export(builder.build(cluster, grouping));
      String asShuffled = new JsonExporter().export(builder.build(reordered, grouping));

      assertThat(asShuffled).contains("\"findings\"").isEqualTo(asGenerated);
    }
  }
}
