package dev.sidescope.topology.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.Workload;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SourceHealthAppenderTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private final Workload k8s =
      WorkloadBuilder.pod("web-1")
          .app("web", "shop/web:1")
          .sidecar(SidecarKind.ENVOY, "envoy", "envoyproxy/envoy:v1.31")
          .build();
  private final Workload ecs = WorkloadBuilder.task("0123abcd").app("api", "api:1").build();

  @ParameterizedTest
  @EnumSource(
      value = SourceState.class,
      names = {"DOWN", "STALE"})
  void aDeadSourceMarksItsWorkloadsAndTheirContainersWithItsStatus(SourceState dead) {
    SourceStatus status = SourceStatus.of(k8s.spec().source(), dead, "connection refused", T0);

    TopologyBase marked = append(status, SourceStatus.live(ecs.spec().source(), T0));

    assertThat(marked.overlays().all(OverlayKeys.SOURCE_UNAVAILABLE))
        .containsOnlyKeys(k8s.id(), k8s.id() + "/web", k8s.id() + "/envoy")
        .containsValue(status);
  }

  @ParameterizedTest
  @EnumSource(
      value = SourceState.class,
      names = {"LIVE", "CONNECTING", "DEGRADED"})
  void aSourceThatStillAnswersMarksNothing(SourceState state) {
    TopologyBase before = base(SourceStatus.of(k8s.spec().source(), state, null, T0));

    assertThat(new SourceHealthAppender().append(before, OverlayData.EMPTY)).isSameAs(before);
  }

  @Test
  void theNameIsTheOneAFailureWouldBeShownUnder() {
    assertThat(new SourceHealthAppender().name()).isEqualTo("source-health");
  }

  private TopologyBase append(SourceStatus... statuses) {
    return new SourceHealthAppender().append(base(statuses), OverlayData.EMPTY);
  }

  private TopologyBase base(SourceStatus... statuses) {
    return new TopologyBase(
        List.of(ecs, k8s), List.of(), List.of(), List.of(), List.of(), List.of(statuses), null);
  }
}
