package dev.sidescope.topology.findings;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.Containers.notReady;
import static dev.sidescope.testing.Containers.running;
import static dev.sidescope.testing.Containers.terminated;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SidecarNotReadyRuleTest {
  private final SidecarNotReadyRule rule = new SidecarNotReadyRule();

  private static Workload orderService(ContainerState daemonState) {
    return WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
        .app(container("order-service").state(running()))
        .sidecar(SidecarKind.XRAY_DAEMON, container("xray-daemon").state(daemonState))
        .build();
  }

  private List<Finding> examine(Workload workload) {
    return rule.examine(workload, new DoctorContext(List.of(workload), List.of()));
  }

  @Test
  void notReadySidecarIsAnErrorThatNamesContainerPodAndWhatFollows() {
    Workload pod = orderService(notReady());

    assertThat(examine(pod))
        .containsExactly(
            new Finding(
                Severity.ERROR,
                "SIDECAR_NOT_READY",
                pod.id(),
                Optional.of("xray-daemon"),
                "Sidecar xray-daemon in pod order-service-5f7c9-x2k4q is not ready, so traces from"
                    + " order-service are not reaching X-Ray."));
  }

  @Test
  void notReadyMeshProxySaysRequestsFail() {
    Workload pod =
        WorkloadBuilder.pod("checkout-7d9f-abcde")
            .app(container("checkout").state(running()))
            .sidecar(SidecarKind.ISTIO_PROXY, container("istio-proxy").state(notReady()))
            .build();

    assertThat(examine(pod))
        .singleElement()
        .extracting(Finding::message)
        .isEqualTo(
            "Sidecar istio-proxy in pod checkout-7d9f-abcde is not ready, so requests to and from"
                + " checkout fail.");
  }

  @Test
  void shortPlatformReasonIsNamedInTheSentence() {
    ContainerState pulling =
        new ContainerState(
            Phase.WAITING,
            Optional.of(false),
            Optional.of(0),
            Optional.of("ImagePullBackOff"),
            Optional.empty(),
            Optional.empty());

    assertThat(examine(orderService(pulling)))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("is not ready (ImagePullBackOff), so");
  }

  @Test
  void freeTextReasonStaysOutOfTheSentence() {
    ContainerState failed =
        new ContainerState(
            Phase.WAITING,
            Optional.of(false),
            Optional.of(0),
            Optional.of("CannotPullContainerError: pull access denied for registry.example/x"),
            Optional.empty(),
            Optional.empty());

    assertThat(examine(orderService(failed)))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .doesNotContain("registry.example")
        .contains("is not ready, so");
  }

  @Test
  void unhealthyEcsSidecarWithUnknownReadinessIsReported() {
    ContainerState unhealthy =
        new ContainerState(
            Phase.RUNNING,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("UNHEALTHY"));
    Workload task =
        WorkloadBuilder.task("0123abcd")
            .app(container("order-service").state(running()))
            .sidecar(SidecarKind.APPMESH_ENVOY, container("envoy").state(unhealthy))
            .build();

    assertThat(examine(task))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.container()).contains("envoy");
              assertThat(f.message()).startsWith("Sidecar envoy in task 0123abcd is not ready");
            });
  }

  static Stream<Arguments> statesThatAreNotReported() {
    return Stream.of(
        Arguments.of("running and ready", running()),
        Arguments.of("nothing known, as from a manifest", ContainerState.UNKNOWN),
        Arguments.of("terminated with exit code 0", terminated(0)),
        Arguments.of(
            "terminated as Completed",
            new ContainerState(
                Phase.TERMINATED,
                Optional.of(false),
                Optional.empty(),
                Optional.of("Completed"),
                Optional.empty(),
                Optional.empty())),
        Arguments.of(
            "healthy on ECS",
            new ContainerState(
                Phase.RUNNING,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("HEALTHY"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statesThatAreNotReported")
  void sidecarInTheseStatesIsNotReported(String description, ContainerState state) {
    assertThat(examine(orderService(state))).isEmpty();
  }

  @Test
  void terminatedWithFailureIsReported() {
    assertThat(examine(orderService(terminated(1)))).hasSize(1);
  }

  @Test
  void sidecarOfASucceededPodTerminatedAsDesigned() {
    Workload job =
        WorkloadBuilder.pod("migrate-x7k2p")
            .phase("Succeeded")
            .app(container("migrate").state(terminated(0)))
            .sidecar(
                SidecarKind.ISTIO_PROXY,
                container("istio-proxy")
                    .initContainer(true)
                    .restartAlways(true)
                    .state(terminated(143)))
            .build();

    assertThat(examine(job)).isEmpty();
  }

  @Test
  void notReadyAppIsNotTheSidecarDoctorsBusiness() {
    Workload pod =
        WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
            .app(container("order-service").state(notReady()))
            .sidecar(SidecarKind.XRAY_DAEMON, container("xray-daemon").state(running()))
            .build();

    assertThat(examine(pod)).isEmpty();
  }
}
