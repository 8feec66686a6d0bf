package dev.sidescope.views.console;

import static dev.sidescope.views.testing.SeedCluster.ECS;
import static dev.sidescope.views.testing.SeedCluster.K8S;
import static dev.sidescope.views.testing.SeedCluster.NOW;
import static dev.sidescope.views.testing.SeedCluster.ORDER_APP;
import static dev.sidescope.views.testing.SeedCluster.ORDER_POD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.views.testing.SeedCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadSourcesTest {
  private static final String ECS_APP = "ecs/us-east-1/prod/4f1c2b3a9d8e/order-service";

  @Test
  void liveAndDegradedSourcesGreyNothing() {
    assertThat(DeadSources.of(SeedCluster.snapshot())).isEmpty();
  }

  @Test
  void aDownSourceGreysItsWorkloadsAndTheirContainersAndNothingElse() {
    TopologySnapshot down = SeedCluster.snapshot(SeedCluster.withKubernetesDown(), Grouping.POD);
    assertThat(DeadSources.of(down))
        .contains(ORDER_POD, ORDER_APP)
        .doesNotContain(ECS_APP, "aws/xray")
        .allMatch(id -> id.startsWith(K8S + "/"));
  }

  @Test
  void aStaleSourceGreysItsPartAsADownOneDoes() {
    Observations seed = SeedCluster.observations();
    Observations stale =
        new Observations(
            seed.workloads(),
            seed.services(),
            seed.meshNodes(),
            List.of(
                SourceStatus.live(K8S, NOW),
                SourceStatus.of(ECS, SourceState.STALE, "no answer for 2 min", NOW)));
    assertThat(DeadSources.of(SeedCluster.snapshot(stale, Grouping.POD)))
        .contains(ECS_APP)
        .doesNotContain(ORDER_APP);
  }
}
