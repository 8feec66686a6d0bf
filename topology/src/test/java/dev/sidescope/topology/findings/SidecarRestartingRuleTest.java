package dev.sidescope.topology.findings;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.Containers.restartedRunning;
import static dev.sidescope.testing.Containers.running;
import static dev.sidescope.testing.Containers.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.ContainerState.Phase;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SidecarRestartingRuleTest {
  private final SidecarRestartingRule rule = new SidecarRestartingRule();

  private static Workload withEnvoy(ContainerState envoyState) {
    return WorkloadBuilder.pod("payment-service-6b8d-q9w2e")
        .app(container("payment-service").state(running()))
        .sidecar(SidecarKind.ENVOY, container("envoy").state(envoyState))
        .build();
  }

  private List<Finding> examine(Workload workload) {
    return rule.examine(workload, new DoctorContext(List.of(workload), List.of()));
  }

  @Test
  void crashLoopingSidecarIsAnErrorWithRestartsAndLastExitCode() {
    ContainerState crashLoop =
        new ContainerState(
            Phase.WAITING,
            Optional.of(false),
            Optional.of(7),
            Optional.of("CrashLoopBackOff"),
            Optional.of(1),
            Optional.empty());
    Workload pod = withEnvoy(crashLoop);

    assertThat(examine(pod))
        .containsExactly(
            new Finding(
                Severity.ERROR,
                "SIDECAR_RESTARTING",
                pod.id(),
                Optional.of("envoy"),
                "Sidecar envoy in pod payment-service-6b8d-q9w2e is crash-looping (7 restarts, last"
                    + " exit code 1), so requests to and from payment-service fail."));
  }

  @Test
  void crashLoopIsReportedEvenBeforeTheThirdRestart() {
    assertThat(examine(withEnvoy(waiting("CrashLoopBackOff", 1))))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.message()).contains("is crash-looping (1 restart)");
            });
  }

  @ParameterizedTest(name = "{0} restarts while running: reported {1}")
  @CsvSource({"0, false", "1, false", "2, false", "3, true", "12, true"})
  void restartsCountFromTheThreshold(int restarts, boolean reported) {
    List<Finding> findings = examine(withEnvoy(restartedRunning(restarts)));

    assertThat(findings).hasSize(reported ? 1 : 0);
    findings.forEach(
        f -> {
          assertThat(f.severity()).isEqualTo(Severity.WARNING);
          assertThat(f.message())
              .isEqualTo(
                  "Sidecar envoy in pod payment-service-6b8d-q9w2e has restarted "
                      + restarts
                      + " times, so requests to and from payment-service fail each time it goes"
                      + " down.");
        });
  }

  @Test
  void restartingAppIsNotReported() {
    Workload pod =
        WorkloadBuilder.pod("payment-service-6b8d-q9w2e")
            .app(container("payment-service").state(waiting("CrashLoopBackOff", 9)))
            .sidecar(SidecarKind.ENVOY, container("envoy").state(running()))
            .build();

    assertThat(examine(pod)).isEmpty();
  }

  @Test
  void unknownRestartsAreNotReported() {
    assertThat(examine(withEnvoy(ContainerState.UNKNOWN))).isEmpty();
  }
}
