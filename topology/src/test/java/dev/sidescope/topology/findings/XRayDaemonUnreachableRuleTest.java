package dev.sidescope.topology.findings;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.ServiceBuilder.ecsService;
import static dev.sidescope.testing.ServiceBuilder.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class XRayDaemonUnreachableRuleTest {
  private static final String ADDRESS = "AWS_XRAY_DAEMON_ADDRESS";

  private final XRayDaemonUnreachableRule rule = new XRayDaemonUnreachableRule();

  private List<Finding> examine(Workload workload, ServiceSpec... services) {
    List<Workload> all = new ArrayList<>(List.of(workload));
    return rule.examine(workload, new DoctorContext(all, List.of(services)));
  }

  private static ContainerSpec.Builder app(String address) {
    return container("order-service").env(ADDRESS, address);
  }

  private static Workload pod(String address, SidecarKind kind, ContainerSpec.Builder sidecar) {
    WorkloadBuilder b = WorkloadBuilder.pod("order-service-5f7c9-x2k4q").app(app(address));
    return kind == null ? b.build() : b.sidecar(kind, sidecar).build();
  }

  private static Workload podAlone(String address) {
    return pod(address, null, null);
  }

  private static Workload task(String address, String sidecarName) {
    return WorkloadBuilder.task("0123abcd")
        .app(app(address))
        .sidecar(SidecarKind.XRAY_DAEMON, container(sidecarName).port(Port.udp(2000)))
        .build();
  }

  @Test
  void seedPodWithTheDaemonOnLocalhostIsReachable() {
    assertThat(examine(SeedSample.xrayExamplePod().build())).isEmpty();
  }

  @Test
  void localhostWithoutADaemonIsAWarningThatNamesContainerPodAndAddress() {
    Workload pod = podAlone("127.0.0.1:2000");

    assertThat(examine(pod))
        .containsExactly(
            new Finding(
                Severity.WARNING,
                "XRAY_DAEMON_UNREACHABLE",
                pod.id(),
                Optional.of("order-service"),
                "Container order-service in pod order-service-5f7c9-x2k4q sends its traces to"
                    + " 127.0.0.1:2000 (AWS_XRAY_DAEMON_ADDRESS), but no container in the pod"
                    + " listens there as an X-Ray daemon, so its traces are lost."));
  }

  static Stream<Arguments> reachable() {
    return Stream.of(
        Arguments.of(
            "daemon declares UDP 2000",
            pod("127.0.0.1:2000", SidecarKind.XRAY_DAEMON, container("xray").port(Port.udp(2000))),
            List.of()),
        Arguments.of(
            "daemon declares no ports and listens on its default",
            pod("localhost:2000", SidecarKind.XRAY_DAEMON, container("xray")),
            List.of()),
        Arguments.of(
            "daemon declares no ports and its command binds the port",
            pod(
                "127.0.0.1:3000",
                SidecarKind.XRAY_DAEMON,
                container("xray").command(List.of("xray", "-b", "0.0.0.0:3000"))),
            List.of()),
        Arguments.of(
            "separate UDP and TCP addresses on the daemon",
            pod(
                "udp:127.0.0.1:2000 tcp:127.0.0.1:2000",
                SidecarKind.XRAY_DAEMON,
                container("xray").port(Port.udp(2000)).port(Port.tcp(2000))),
            List.of()),
        Arguments.of(
            "CloudWatch agent declares 2000",
            pod(
                "127.0.0.1:2000",
                SidecarKind.CLOUDWATCH_AGENT,
                container("cwagent").port(Port.udp(2000))),
            List.of()),
        Arguments.of(
            "OpenTelemetry Collector with no declared ports",
            pod("0.0.0.0:2000", SidecarKind.OTEL_COLLECTOR, container("otel")),
            List.of()),
        Arguments.of(
            "Service in the pod's namespace",
            podAlone("xray-service:2000"),
            List.of(service("xray-service").port(2000).build())),
        Arguments.of(
            "Service as name.namespace",
            podAlone("xray-service.monitoring:2000"),
            List.of(service("xray-service").namespace("monitoring").port(2000).build())),
        Arguments.of(
            "Service as name.namespace.svc",
            podAlone("xray-service.monitoring.svc:2000"),
            List.of(service("xray-service").namespace("monitoring").port(2000).build())),
        Arguments.of(
            "Service as its full cluster name",
            podAlone("xray-service.monitoring.svc.cluster.local:2000"),
            List.of(service("xray-service").namespace("monitoring").port(2000).build())),
        Arguments.of(
            "Service without listed ports",
            podAlone("xray-service:2000"),
            List.of(service("xray-service").build())),
        Arguments.of(
            "namespace the doctor has seen nothing of",
            podAlone("xray-service.tracing:2000"),
            List.of()),
        Arguments.of("DNS name outside the cluster", podAlone("xray.example.com:2000"), List.of()),
        Arguments.of("IP address of a node", podAlone("10.0.3.17:2000"), List.of()),
        Arguments.of("reference to the host IP", podAlone("$(HOST_IP):2000"), List.of()),
        Arguments.of("empty value, SDK default", podAlone(""), List.of()),
        Arguments.of(
            "ECS container of the same task", task("xray-daemon:2000", "xray-daemon"), List.of()),
        Arguments.of(
            "ECS service of the cluster",
            task("xray:2000", "xray-daemon"),
            List.of(ecsService("xray").build())),
        Arguments.of("ECS Cloud Map name", task("xray.local:2000", "xray-daemon"), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reachable")
  void reachableDaemonIsNotReported(
      String description, Workload workload, List<ServiceSpec> services) {
    assertThat(examine(workload, services.toArray(ServiceSpec[]::new))).isEmpty();
  }

  static Stream<Arguments> unreachable() {
    return Stream.of(
        Arguments.of(
            "localhost with nothing there",
            podAlone("localhost:2000"),
            List.of(),
            "no container in the pod listens there as an X-Ray daemon"),
        Arguments.of(
            "daemon declares another port",
            pod("127.0.0.1:2000", SidecarKind.XRAY_DAEMON, container("xray").port(Port.udp(3000))),
            List.of(),
            "no container in the pod listens there"),
        Arguments.of(
            "CloudWatch agent declares only StatsD",
            pod(
                "127.0.0.1:2000",
                SidecarKind.CLOUDWATCH_AGENT,
                container("cwagent").port(Port.udp(8125))),
            List.of(),
            "no container in the pod listens there"),
        Arguments.of(
            "a sidecar that is no daemon",
            pod("127.0.0.1:2000", SidecarKind.FLUENT_BIT, container("fluent-bit")),
            List.of(),
            "no container in the pod listens there"),
        Arguments.of(
            "sampling address on a port the daemon does not declare",
            pod(
                "udp:127.0.0.1:2000 tcp:127.0.0.1:2001",
                SidecarKind.XRAY_DAEMON,
                container("xray").port(Port.udp(2000))),
            List.of(),
            "sends its traces to 127.0.0.1:2001"),
        Arguments.of(
            "no such Service in the pod's namespace",
            podAlone("xray-service:2000"),
            List.of(),
            "there is no Service xray-service in namespace shop"),
        Arguments.of(
            "no such Service in a namespace the doctor knows",
            podAlone("xray-service.monitoring.svc.cluster.local:2000"),
            List.of(service("prometheus").namespace("monitoring").port(9090).build()),
            "there is no Service xray-service in namespace monitoring"),
        Arguments.of(
            "Service with another port",
            podAlone("xray-service:2000"),
            List.of(service("xray-service").port(3000).build()),
            "Service xray-service in namespace shop has no port 2000"),
        Arguments.of(
            "ECS name that is no container of the task",
            task("xray:2000", "xray-daemon"),
            List.of(),
            "the task has no container named xray and cluster prod has no service of that name"),
        Arguments.of(
            "ECS localhost when the daemon is missing",
            WorkloadBuilder.task("0123abcd").app(app("127.0.0.1:2000")).build(),
            List.of(),
            "no container in the task listens there"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreachable")
  void unreachableDaemonIsReportedWithTheReason(
      String description, Workload workload, List<ServiceSpec> services, String reason) {
    assertThat(examine(workload, services.toArray(ServiceSpec[]::new)))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.container()).contains("order-service");
              assertThat(f.message()).contains(reason).endsWith("so its traces are lost.");
            });
  }

  @Test
  void unreadableValueIsReportedWithoutRepeatingIt() {
    assertThat(examine(podAlone("xray-daemon-2000")))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .doesNotContain("xray-daemon-2000")
        .contains("a value the X-Ray SDK cannot read");
  }

  @Test
  void addressFromASecretOrConfigMapIsNotJudged() {
    Workload pod =
        WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
            .app(
                container("order-service").env(EnvVar.reference(ADDRESS, "configmap xray/address")))
            .build();

    assertThat(examine(pod)).isEmpty();
  }

  @Test
  void everyContainerWithTheVariableIsExamined() {
    Workload pod =
        WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
            .app(app("127.0.0.1:2000"))
            .app(container("order-worker").env(ADDRESS, "127.0.0.1:2000"))
            .build();

    assertThat(examine(pod))
        .extracting(f -> f.container().orElseThrow())
        .containsExactly("order-service", "order-worker");
  }
}
