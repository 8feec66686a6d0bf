package dev.sidescope.samples.xray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.samples.folder.SampleCluster;
import dev.sidescope.samples.folder.SampleClusterFolder;
import dev.sidescope.samples.folder.TrafficFlow;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadOriginsTest {

  /**
   * Every caller of a built-in sample's traffic is one of its workloads, so that it sends segments
   * of its own and its calls reach X-Ray: in {@code broken} the callers are bare pods, traced under
   * their {@code app} label.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"seed", "mesh", "broken"})
  void everyCallerOfABuiltInSampleIsTraced(String name) throws Exception {
    SampleCluster sample = SampleClusterFolder.read(BuiltInSamples.folder(name).orElseThrow());
    WorkloadOrigins origins = WorkloadOrigins.of(sample, List.of());
    for (TrafficFlow flow : sample.traffic()) {
      assertThat(origins.isWorkload(flow.from())).as("%s traced in %s", flow.from(), name).isTrue();
      if (!flow.to().contains(".")) {
        assertThat(origins.isWorkload(flow.to())).as("%s traced in %s", flow.to(), name).isTrue();
      }
    }
    assertThat(origins.isWorkload("ledger-db.internal")).isFalse();
  }
}
