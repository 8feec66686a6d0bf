package dev.sidescope.collectors.kubernetes.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.events.PlatformEvent;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Core v1 Events read as platform events, as old and new reporters write them. */
class CoreEventsTest {
  private static final String ID = "kubernetes/kind-dev/shop/order-1";

  @ParameterizedTest
  @CsvSource({
    "spec.containers{xray-daemon}, xray-daemon",
    "spec.initContainers{istio-init}, istio-init",
    "spec.ephemeralContainers{debugger}, debugger",
    "spec.containers, ''",
    "'', ''"
  })
  void theContainerIsReadFromTheFieldPath(String fieldPath, String container) {
    assertThat(CoreEvents.container(fieldPath))
        .isEqualTo(container.isEmpty() ? Optional.empty() : Optional.of(container));
  }

  @Test
  void anOldStyleEventHasItsCountItsFirstAndLastTimeAndItsSourceComponent() {
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName("order-1.17f")
            .withUid("u1")
            .endMetadata()
            .withNewInvolvedObject()
            .withKind("Pod")
            .withName("order-1")
            .withFieldPath("spec.containers{envoy}")
            .endInvolvedObject()
            .withType("Warning")
            .withReason("Unhealthy")
            .withMessage("Readiness probe failed: HTTP probe failed with statuscode: 503\n")
            .withCount(12)
            .withFirstTimestamp("2026-12-08T01:00:00Z")
            .withLastTimestamp("2026-12-08T02:00:00Z")
            .withNewSource()
            .withComponent("kubelet")
            .endSource()
            .build();

    PlatformEvent read = CoreEvents.read(ID, event).orElseThrow();

    assertThat(read.container()).contains("envoy");
    assertThat(read.type()).isEqualTo(PlatformEvent.Type.WARNING);
    assertThat(read.count()).isEqualTo(12);
    assertThat(read.first()).isEqualTo(Instant.parse("2026-12-08T01:00:00Z"));
    assertThat(read.last()).isEqualTo(Instant.parse("2026-12-08T02:00:00Z"));
    assertThat(read.origin()).isEqualTo("kubelet");
    assertThat(read.message())
        .isEqualTo("Readiness probe failed: HTTP probe failed with statuscode: 503");
    assertThat(CoreEvents.key(event)).isEqualTo("u1");
  }

  @Test
  void aNewStyleEventHasItsEventTimeItsSeriesAndItsReportingComponent() {
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName("order-1.18a")
            .withNamespace("shop")
            .endMetadata()
            .withNewInvolvedObject()
            .withKind("Pod")
            .withName("order-1")
            .endInvolvedObject()
            .withType("Normal")
            .withReason("Pulled")
            .withMessage("Successfully pulled image")
            .withEventTime(new MicroTime("2026-12-08T01:00:00.000000Z"))
            .withNewSeries()
            .withCount(4)
            .withLastObservedTime(new MicroTime("2026-12-08T01:30:00.000000Z"))
            .endSeries()
            .withReportingComponent("kubelet")
            .build();

    PlatformEvent read = CoreEvents.read(ID, event).orElseThrow();

    assertThat(read.type()).isEqualTo(PlatformEvent.Type.NORMAL);
    assertThat(read.count()).isEqualTo(4);
    assertThat(read.first()).isEqualTo(Instant.parse("2026-12-08T01:00:00Z"));
    assertThat(read.last()).isEqualTo(Instant.parse("2026-12-08T01:30:00Z"));
    assertThat(read.origin()).isEqualTo("kubelet");
    assertThat(read.container()).isEmpty();
    assertThat(CoreEvents.key(event)).isEqualTo("shop/order-1.18a");
  }

  @Test
  void anEventWithoutAnyTimeIsLeftOut() {
    Event event =
        new EventBuilder().withNewMetadata().withName("x").endMetadata().withReason("Odd").build();

    assertThat(CoreEvents.read(ID, event)).isEmpty();
  }
}
