package dev.sidescope.collectors.kubernetes.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.events.PlatformEvent;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each container's last termination, read from the pod's status. */
class RestartHistoryTest {
  private static final String ID = "kubernetes/kind-dev/shop/order-1";

  private static Pod pod(
      int restarts, Integer exitCode, String reason, String started, String finished) {
    ContainerStatusBuilder status =
        new ContainerStatusBuilder().withName("fluent-bit").withRestartCount(restarts);
    if (finished != null) {
      status
          .withNewLastState()
          .withNewTerminated()
          .withExitCode(exitCode)
          .withReason(reason)
          .withStartedAt(started)
          .withFinishedAt(finished)
          .endTerminated()
          .endLastState();
    }
    return new PodBuilder()
        .withNewMetadata()
        .withName("order-1")
        .endMetadata()
        .withNewStatus()
        .addToContainerStatuses(status.build())
        .endStatus()
        .build();
  }

  @Test
  void aCrashLoopSaysHowOftenItRestartedAndHowItsLastRunEnded() {
    List<PlatformEvent> events =
        RestartHistory.of(ID, pod(7, 1, "Error", "2026-11-26T02:55:01Z", "2026-11-26T02:55:02Z"));

    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo("LastTermination");
              assertThat(e.message())
                  .isEqualTo(
                      "fluent-bit restarted 7 times; its last run ended at 02:55:02 with exit code 1 (Error)"
                          + " after 1 s");
              assertThat(e.count()).isEqualTo(7);
              assertThat(e.type()).isEqualTo(PlatformEvent.Type.WARNING);
              assertThat(e.origin()).isEqualTo("pod status");
              assertThat(e.subjectKind()).isEqualTo("Pod");
              assertThat(e.container()).contains("fluent-bit");
            });
  }

  @Test
  void anOutOfMemoryKillIsAWarningEvenWithExitCodeZero() {
    List<PlatformEvent> events =
        RestartHistory.of(
            ID, pod(1, 0, "OOMKilled", "2026-11-26T02:00:00Z", "2026-11-26T02:14:30Z"));

    assertThat(events.get(0).message())
        .isEqualTo(
            "fluent-bit restarted once; its last run ended at 02:14:30 with exit code 0 (OOMKilled)"
                + " after 14 min 30 s");
    assertThat(events.get(0).type()).isEqualTo(PlatformEvent.Type.WARNING);
  }

  @Test
  void aContainerThatNeverEndedARunSaysNothing() {
    assertThat(RestartHistory.of(ID, pod(0, null, null, null, null))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0 s",
    "59, 59 s",
    "60, 1 min",
    "61, 1 min 1 s",
    "3600, 1 h",
    "5400, 1 h 30 min",
    "90000, 1 d 1 h"
  })
  void lengthsReadAsAPersonWouldSayThem(long seconds, String said) {
    assertThat(RestartHistory.length(Duration.ofSeconds(seconds))).isEqualTo(said);
  }
}
