package dev.sidescope.topology.classify;

import static dev.sidescope.topology.classify.Workloads.appMeshProxy;
import static dev.sidescope.topology.classify.Workloads.container;
import static dev.sidescope.topology.classify.Workloads.essential;
import static dev.sidescope.topology.classify.Workloads.init;
import static dev.sidescope.topology.classify.Workloads.logRouter;
import static dev.sidescope.topology.classify.Workloads.nativeSidecar;
import static dev.sidescope.topology.classify.Workloads.pod;
import static dev.sidescope.topology.classify.Workloads.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.Roles;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.WorkloadSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How the classifier decides between app, sidecar and init. */
class SidecarRoleTest {

  private static final String APP_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:1.4";
  private static final String WORKER_IMAGE =
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:2";
  private static final String ENVOY = "envoyproxy/envoy:v1.30.1";
  private static final String XRAY = "amazon/aws-xray-daemon:latest";
  private static final String FLUENT_BIT = "amazon/aws-for-fluent-bit:stable";
  private static final String NGINX = "nginx:1.27-alpine";

  private final SidecarClassifier classifier = new SidecarClassifier();

  private List<String> roles(WorkloadSpec workload) {
    return classifier.classify(workload).stream().map(Roles::describe).toList();
  }

  static Stream<Arguments> workloads() {
    return Stream.of(
        Arguments.of(
            "plain init container stays init",
            pod("p", init("migrate", APP_IMAGE), container("shop", APP_IMAGE)),
            List.of("init", "app")),
        Arguments.of(
            "init container with a sidecar image stays init",
            pod(
                "p",
                init("istio-init", "istio/proxyv2:1.22.0"),
                init("vault-agent-init", "hashicorp/vault:1.15.4"),
                container("shop", APP_IMAGE)),
            List.of("init", "init", "app")),
        Arguments.of(
            "native sidecar of a known kind is that sidecar",
            pod(
                "p",
                nativeSidecar("istio-proxy", "istio/proxyv2:1.22.0"),
                container("shop", APP_IMAGE)),
            List.of("sidecar istio-proxy sidecar", "app")),
        Arguments.of(
            "native sidecar of no known kind is an unknown sidecar",
            pod("p", nativeSidecar("sidecar", "istio/base"), container("sleep", "istio/base")),
            List.of("sidecar unknown sidecar", "app")),
        Arguments.of(
            "single container is the app even with a sidecar image",
            pod("p", container("proxy", ENVOY)),
            List.of("app")),
        Arguments.of("lone nginx is the app", pod("p", container("web", NGINX)), List.of("app")),
        Arguments.of(
            "single container beside native sidecars is the app whatever its image",
            pod("p", nativeSidecar("logs", FLUENT_BIT), container("web", NGINX)),
            List.of("sidecar fluent-bit sidecar", "app")),
        Arguments.of(
            "default-container annotation names the app",
            pod(
                "p",
                Map.of("kubectl.kubernetes.io/default-container", "web"),
                container("web", NGINX),
                container("shop", APP_IMAGE)),
            List.of("app", "app")),
        Arguments.of(
            "default-container annotation names the app even when it looks like a sidecar",
            pod(
                "p",
                Map.of("kubectl.kubernetes.io/default-container", "gateway"),
                container("gateway", ENVOY),
                container("tracer", XRAY)),
            List.of("app", "sidecar xray-daemon sidecar")),
        Arguments.of(
            "nginx beside an app is an nginx sidecar",
            pod("p", container("health-proxy", NGINX), container("shop", APP_IMAGE)),
            List.of("sidecar nginx sidecar", "app")),
        Arguments.of(
            "nginx beside only sidecars is the app",
            pod("p", container("logs", FLUENT_BIT), container("web", NGINX)),
            List.of("sidecar fluent-bit sidecar", "app")),
        Arguments.of(
            "two plain containers are both apps",
            pod("p", container("shop", APP_IMAGE), container("worker", WORKER_IMAGE)),
            List.of("app", "app")),
        Arguments.of(
            "all sidecar kinds on Kubernetes: the first is the app",
            pod("p", container("proxy", ENVOY), container("tracer", XRAY)),
            List.of("app", "sidecar xray-daemon sidecar")),
        Arguments.of(
            "all sidecar kinds on ECS: the first essential is the app",
            task(
                "t",
                essential("tracer", XRAY, false),
                essential("proxy", ENVOY, true),
                essential("logs", FLUENT_BIT, true)),
            List.of("sidecar xray-daemon sidecar", "app", "sidecar fluent-bit sidecar")),
        Arguments.of(
            "non-essential ECS container of no known kind is an unknown sidecar",
            task("t", essential("shop", APP_IMAGE, true), essential("helper", WORKER_IMAGE, false)),
            List.of("app", "sidecar unknown sidecar")),
        Arguments.of(
            "ECS container without essential counts as essential",
            task("t", container("shop", APP_IMAGE), container("worker", WORKER_IMAGE)),
            List.of("app", "app")),
        Arguments.of(
            "ECS proxy container is never the app, even first and essential",
            task(
                "t",
                appMeshProxy("envoy"),
                essential("envoy", "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod", true),
                essential("tracer", XRAY, true)),
            List.of("sidecar appmesh-envoy sidecar", "app")),
        Arguments.of(
            "FireLens log router is never the app; an nginx beside it is",
            task(
                "t",
                logRouter("log_router", FLUENT_BIT, "fluentbit"),
                essential("app", "nginx", true)),
            List.of("sidecar fluent-bit sidecar", "app")),
        Arguments.of(
            "essential nginx is the app before a non-essential unknown container",
            task(
                "t",
                logRouter("log_router", FLUENT_BIT, "fluentbit"),
                essential("helper", WORKER_IMAGE, false),
                essential("web", NGINX, true)),
            List.of("sidecar fluent-bit sidecar", "sidecar unknown sidecar", "app")),
        Arguments.of(
            "only native sidecars: the first becomes the app",
            pod("p", nativeSidecar("proxy", ENVOY), nativeSidecar("tracer", XRAY)),
            List.of("app", "sidecar xray-daemon sidecar")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("workloads")
  void rolesFollowTheRules(String rule, WorkloadSpec workload, List<String> expected) {
    assertThat(roles(workload)).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("workloads")
  void everyWorkloadEndsWithAnApp(String rule, WorkloadSpec workload, List<String> expected) {
    assertThat(classifier.classify(workload)).anyMatch(Container::isApp);
  }

  @Test
  void containersKeepTheirOrderAndTakeIdsFromTheWorkload() {
    WorkloadSpec workload =
        pod(
            "order-service-5f7c9-abcde",
            init("migrate", APP_IMAGE),
            container("order-service", APP_IMAGE),
            container("xray-daemon", XRAY));

    List<Container> classified = classifier.classify(workload);

    assertThat(classified)
        .extracting(Container::id)
        .containsExactly(
            "kubernetes/test/default/order-service-5f7c9-abcde/migrate",
            "kubernetes/test/default/order-service-5f7c9-abcde/order-service",
            "kubernetes/test/default/order-service-5f7c9-abcde/xray-daemon");
    assertThat(classified)
        .extracting(Container::spec)
        .containsExactlyElementsOf(workload.containers());
  }

  @Test
  void workloadWithoutContainersGivesNone() {
    assertThat(classifier.classify(pod("empty"))).isEmpty();
  }

  @Test
  void defaultContainerNamingNoContainerIsIgnored() {
    WorkloadSpec workload =
        pod(
            "p",
            Map.of("kubectl.kubernetes.io/default-container", "gone"),
            container("shop", APP_IMAGE),
            container("tracer", XRAY));

    assertThat(roles(workload)).containsExactly("app", "sidecar xray-daemon sidecar");
  }

  @Test
  void oneClassifierServesManyThreadsWithTheSameAnswers() throws Exception {
    WorkloadSpec workload =
        pod(
            "p",
            init("istio-init", "istio/proxyv2:1.22.0"),
            nativeSidecar("istio-proxy", "istio/proxyv2:1.22.0"),
            container("shop", APP_IMAGE),
            container("health-proxy", NGINX));
    List<String> alone = roles(workload);

    List<List<String>> together =
        Stream.generate(() -> workload).limit(2_000).parallel().map(this::roles).toList();

    assertThat(alone)
        .containsExactly("init", "sidecar istio-proxy sidecar", "app", "sidecar nginx sidecar");
    assertThat(together).allSatisfy(answer -> assertThat(answer).isEqualTo(alone));
  }
}
