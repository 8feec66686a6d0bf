package dev.sidescope.topology.findings;

import static dev.sidescope.testing.Containers.container;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.Dependency;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StartupOrderRuleTest {
  private final StartupOrderRule rule = new StartupOrderRule();

  private List<Finding> examine(Workload workload) {
    return rule.examine(workload, new DoctorContext(List.of(workload), List.of()));
  }

  private static WorkloadBuilder istioPod() {
    return WorkloadBuilder.pod("checkout-7d9f-aaaaa")
        .app("checkout")
        .sidecar(SidecarKind.ISTIO_PROXY, "istio-proxy");
  }

  private static WorkloadBuilder linkerdPod() {
    return WorkloadBuilder.pod("vote-bot")
        .app("vote-bot")
        .sidecar(SidecarKind.LINKERD_PROXY, "linkerd-proxy");
  }

  @Test
  void istioProxyWithoutHoldIsAWarningWithTheAnnotationToSet() {
    Workload pod = istioPod().build();

    assertThat(examine(pod))
        .containsExactly(
            new Finding(
                Severity.WARNING,
                "STARTUP_ORDER",
                pod.id(),
                Optional.of("istio-proxy"),
                "App checkout in pod checkout-7d9f-aaaaa can start before its istio-proxy sidecar"
                    + " is ready, so its first outbound calls can fail; set"
                    + " holdApplicationUntilProxyStarts: true in the proxy.istio.io/config"
                    + " annotation."));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"holdApplicationUntilProxyStarts\": true}",
        "{\"concurrency\":2,\"holdApplicationUntilProxyStarts\":true}",
        "holdApplicationUntilProxyStarts: true",
        "concurrency: 2\nholdApplicationUntilProxyStarts: true\n",
        "holdApplicationUntilProxyStarts: True"
      })
  void istioHoldInTheProxyConfigAnnotationHoldsTheApp(String config) {
    assertThat(examine(istioPod().annotation("proxy.istio.io/config", config).build())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"holdApplicationUntilProxyStarts\": false}",
        "holdApplicationUntilProxyStarts: false",
        "concurrency: 2",
        "xholdApplicationUntilProxyStarts: true",
        "holdApplicationUntilProxyStarts: trueish"
      })
  void otherProxyConfigDoesNotHoldTheApp(String config) {
    assertThat(examine(istioPod().annotation("proxy.istio.io/config", config).build())).hasSize(1);
  }

  @Test
  void nativeSidecarProxyStartsBeforeTheAppAnyway() {
    Workload pod =
        WorkloadBuilder.pod("checkout-7d9f-aaaaa")
            .app("checkout")
            .sidecar(
                SidecarKind.ISTIO_PROXY,
                container("istio-proxy").initContainer(true).restartAlways(true))
            .build();

    assertThat(examine(pod)).isEmpty();
  }

  @Test
  void linkerdAwaitsByDefaultWhenTheAnnotationIsAbsent() {
    assertThat(examine(linkerdPod().build())).isEmpty();
  }

  @Test
  void linkerdAwaitEnabledHoldsTheApp() {
    assertThat(examine(linkerdPod().annotation("config.linkerd.io/proxy-await", "enabled").build()))
        .isEmpty();
  }

  @Test
  void linkerdAwaitDisabledIsReported() {
    assertThat(
            examine(linkerdPod().annotation("config.linkerd.io/proxy-await", "disabled").build()))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.message())
                  .isEqualTo(
                      "App vote-bot in pod vote-bot can start before its linkerd-proxy sidecar is"
                          + " ready, so its first outbound calls can fail; remove"
                          + " config.linkerd.io/proxy-await: disabled.");
            });
  }

  @Test
  void istioAnnotationDoesNotHoldALinkerdProxy() {
    Workload pod =
        linkerdPod()
            .annotation("config.linkerd.io/proxy-await", "disabled")
            .annotation("proxy.istio.io/config", "holdApplicationUntilProxyStarts: true")
            .build();

    assertThat(examine(pod)).hasSize(1);
  }

  @Test
  void appMeshEnvoyOnKubernetesCanOnlyBeHeldAsANativeSidecar() {
    Workload pod =
        WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
            .app("order-service")
            .sidecar(SidecarKind.APPMESH_ENVOY, "envoy")
            .build();

    assertThat(examine(pod))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .endsWith("run envoy as a native sidecar (an init container with restartPolicy: Always).");
  }

  @Test
  void workloadWithoutMeshProxyIsNotExamined() {
    assertThat(examine(SeedSample.xrayExamplePod().build())).isEmpty();
    assertThat(examine(SeedSample.orderServiceTask().build())).isEmpty();
  }

  private static Workload ecsTask(Dependency... appDependsOn) {
    var app = container("order-service").essential(true);
    for (Dependency d : appDependsOn) {
      app.dependsOn(d);
    }
    return WorkloadBuilder.task("0123abcd")
        .app(app)
        .sidecar(SidecarKind.APPMESH_ENVOY, container("envoy").essential(true))
        .build();
  }

  @Test
  void ecsAppWithoutDependsOnTheProxyIsAWarning() {
    Workload task = ecsTask();

    assertThat(examine(task))
        .containsExactly(
            new Finding(
                Severity.WARNING,
                "STARTUP_ORDER",
                task.id(),
                Optional.of("envoy"),
                "App order-service in task 0123abcd can start before its proxy envoy is ready, so"
                    + " its first outbound calls can fail; add a dependsOn on envoy with condition"
                    + " HEALTHY."));
  }

  @Test
  void ecsDependsOnHealthyHoldsTheApp() {
    assertThat(examine(ecsTask(new Dependency("envoy", "HEALTHY")))).isEmpty();
  }

  @Test
  void ecsDependsOnStartOnlyNarrowsTheRaceAndIsInfo() {
    assertThat(examine(ecsTask(new Dependency("envoy", "START"))))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.INFO);
              assertThat(f.message())
                  .isEqualTo(
                      "App order-service in task 0123abcd waits only for its proxy envoy to start,"
                          + " not to be healthy, so its first outbound calls can still fail; use"
                          + " condition HEALTHY in its dependsOn.");
            });
  }

  @Test
  void ecsDependsOnAnotherContainerDoesNotHoldTheApp() {
    assertThat(examine(ecsTask(new Dependency("xray-daemon", "HEALTHY"))))
        .singleElement()
        .extracting(Finding::severity)
        .isEqualTo(Severity.WARNING);
  }

  @Test
  void ecsNamesOnlyTheAppsThatAreNotHeld() {
    Workload task =
        WorkloadBuilder.task("0123abcd")
            .app(container("orders").dependsOn(new Dependency("envoy", "HEALTHY")))
            .app(container("orders-worker"))
            .sidecar(SidecarKind.APPMESH_ENVOY, "envoy")
            .build();

    assertThat(examine(task))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .startsWith("App orders-worker in task 0123abcd can start before its proxy envoy");
  }
}
