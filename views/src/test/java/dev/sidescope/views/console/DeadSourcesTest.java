package dev.sidescope.views.console;

import static dev.sidescope.testing.SeedSample.KUBERNETES;
import static dev.sidescope.testing.SeedSample.ORDER_APP;
import static dev.sidescope.testing.SeedSample.ORDER_POD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.TopologySnapshot;
import org.junit.jupiter.api.Test;

class DeadSourcesTest {
  private static final String ECS_APP = SeedSample.ORDER_TASK + "/order-service";

  @Test
  void liveAndDegradedSourcesGreyNothing() {
    assertThat(DeadSources.of(SeedSample.snapshot())).isEmpty();
  }

  @Test
  void aDownSourceGreysItsWorkloadsAndTheirContainersAndNothingElse() {
    TopologySnapshot down = SeedSample.snapshot(SeedSample.withKubernetesDown(), Grouping.POD);
    assertThat(DeadSources.of(down))
        .contains(ORDER_POD, ORDER_APP)
        .doesNotContain(ECS_APP, "aws/xray")
        .allMatch(id -> id.startsWith(KUBERNETES + "/"));
  }

  @Test
  void aStaleSourceGreysItsPartAsADownOneDoes() {
    assertThat(DeadSources.of(SeedSample.snapshot(SeedSample.withEcsStale(), Grouping.POD)))
        .contains(ECS_APP)
        .doesNotContain(ORDER_APP);
  }
}
