package dev.sidescope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.export.JsonExporter;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.snapshot.SnapshotBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A large cluster is built on two threads; the snapshot must be exactly the one a single thread
 * builds, findings and edges in the same order.
 */
class SharedSnapshotBuildTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void aBuildSharedWithTheHelperThreadEqualsOneOnASingleThread() {
    Observations cluster =
        ClusterGenerator.generate(ClusterGenerator.Spec.parse("pods=3001,seed=11"));

    for (Grouping grouping : Grouping.values()) {
      TopologySnapshot alone =
          SnapshotBuilder.standard(CLOCK, Integer.MAX_VALUE).build(cluster, grouping);
      TopologySnapshot shared = SnapshotBuilder.standard(CLOCK, 2).build(cluster, grouping);

      assertThat(alone.findings()).isNotEmpty();
      assertThat(shared).isEqualTo(alone);
      assertThat(new JsonExporter().export(shared)).isEqualTo(new JsonExporter().export(alone));
    }
  }
}
