package dev.sidescope.topology.findings;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.Containers.running;
import static dev.sidescope.testing.Containers.terminated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.Dependency;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SidecarExitedRuleTest {
  private final SidecarExitedRule rule = new SidecarExitedRule();

  private List<Finding> examine(Workload workload) {
    return rule.examine(workload, new DoctorContext(List.of(workload), List.of()));
  }

  @Test
  void stoppedNonEssentialLogSidecarBesideRunningAppIsAnError() {
    Workload task =
        SeedSample.orderServiceTask(SeedSample.fluentBitUnmounted().state(terminated(139))).build();

    assertThat(examine(task))
        .containsExactly(
            new Finding(
                Severity.ERROR,
                "SIDECAR_EXITED",
                task.id(),
                Optional.of("fluent-bit-sidecar"),
                "Sidecar fluent-bit-sidecar in task 5d0f4c6b2a8e4b1f9c3a7e6d2b1c0a9f has stopped"
                    + " (exit code 139) while order-service keeps running, and ECS does not restart"
                    + " a non-essential container, so logs from order-service are not being shipped"
                    + " until the task is replaced."));
  }

  @Test
  void stoppedXRayDaemonSaysTracesAreLost() {
    Workload task =
        WorkloadBuilder.task("0123abcd")
            .app(container("order-service").essential(true).state(running()))
            .sidecar(
                SidecarKind.XRAY_DAEMON,
                container("xray-daemon").essential(false).state(terminated(2)))
            .build();

    assertThat(examine(task))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("traces from order-service are not reaching X-Ray");
  }

  @Test
  void runningSidecarIsNotReported() {
    assertThat(examine(SeedSample.orderServiceTask().build())).isEmpty();
  }

  @Test
  void essentialSidecarIsNotReported() {
    // When an essential container stops, ECS stops the whole task: nothing is silently lost.
    Workload task =
        SeedSample.orderServiceTask(
                SeedSample.fluentBitUnmounted().essential(true).state(terminated(1)))
            .build();

    assertThat(examine(task)).isEmpty();
  }

  @Test
  void sidecarWithUnknownEssentialIsNotReported() {
    Workload task =
        WorkloadBuilder.task("0123abcd")
            .app(container("order-service").state(running()))
            .sidecar(SidecarKind.FLUENT_BIT, container("log-router").state(terminated(1)))
            .build();

    assertThat(examine(task)).isEmpty();
  }

  @Test
  void noAppRunningMeansTheTaskIsStoppingAndNothingIsReported() {
    Workload task =
        WorkloadBuilder.task("0123abcd")
            .app(container("order-service").essential(true).state(terminated(1)))
            .sidecar(
                SidecarKind.FLUENT_BIT,
                container("fluent-bit-sidecar").essential(false).state(terminated(0)))
            .build();

    assertThat(examine(task)).isEmpty();
  }

  @Test
  void appStateUnknownAsFromATaskDefinitionIsNotReported() {
    Workload task =
        WorkloadBuilder.task("order-service")
            .app(container("order-service").essential(true).state(ContainerState.UNKNOWN))
            .sidecar(
                SidecarKind.FLUENT_BIT,
                container("fluent-bit-sidecar").essential(false).state(terminated(1)))
            .build();

    assertThat(examine(task)).isEmpty();
  }

  @Test
  void sidecarTheAppWaitsToCompleteIsMeantToExit() {
    Workload task =
        WorkloadBuilder.task("0123abcd")
            .app(
                container("order-service")
                    .essential(true)
                    .dependsOn(new Dependency("secrets-agent", "SUCCESS"))
                    .state(running()))
            .sidecar(
                SidecarKind.SECRETS_AGENT,
                container("secrets-agent").essential(false).state(terminated(0)))
            .build();

    assertThat(examine(task)).isEmpty();
  }

  @Test
  void kubernetesPodsAreNotExamined() {
    Workload pod =
        WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
            .app(container("order-service").state(running()))
            .sidecar(
                SidecarKind.FLUENT_BIT,
                container("fluent-bit").essential(false).state(terminated(1)))
            .build();

    assertThat(examine(pod)).isEmpty();
  }
}
