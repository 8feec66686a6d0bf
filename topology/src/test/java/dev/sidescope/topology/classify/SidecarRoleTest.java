package dev.sidescope.topology.classify;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.Containers.essential;
import static dev.sidescope.testing.Containers.init;
import static dev.sidescope.testing.Containers.logRouter;
import static dev.sidescope.testing.Containers.nativeSidecar;
import static dev.sidescope.testing.WorkloadBuilder.pod;
import static dev.sidescope.testing.WorkloadBuilder.taskDefinition;
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
            pod("p").containers(init("migrate", APP_IMAGE), container("shop", APP_IMAGE)).spec(),
            List.of("init", "app")),
        Arguments.of(
            "init container with a sidecar image stays init",
            pod("p")
                .containers(
                    init("istio-init", "istio/proxyv2:1.22.0"),
                    init("vault-agent-init", "hashicorp/vault:1.15.4"),
                    container("shop", APP_IMAGE))
                .spec(),
            List.of("init", "init", "app")),
        Arguments.of(
            "native sidecar of a known kind is that sidecar",
            pod("p")
                .containers(
                    nativeSidecar("istio-proxy", "istio/proxyv2:1.22.0"),
                    container("shop", APP_IMAGE))
                .spec(),
            List.of("sidecar istio-proxy sidecar", "app")),
        Arguments.of(
            "native sidecar of no known kind is an unknown sidecar",
            pod("p")
                .containers(
                    nativeSidecar("sidecar", "istio/base"), container("sleep", "istio/base"))
                .spec(),
            List.of("sidecar unknown sidecar", "app")),
        Arguments.of(
            "single container is the app even with a sidecar image",
            pod("p").containers(container("proxy", ENVOY)).spec(),
            List.of("app")),
        Arguments.of(
            "lone nginx is the app",
            pod("p").containers(container("web", NGINX)).spec(),
            List.of("app")),
        Arguments.of(
            "single container beside native sidecars is the app whatever its image",
            pod("p").containers(nativeSidecar("logs", FLUENT_BIT), container("web", NGINX)).spec(),
            List.of("sidecar fluent-bit sidecar", "app")),
        Arguments.of(
            "default-container annotation names the app",
            pod("p")
                .annotations(Map.of("kubectl.kubernetes.io/default-container", "web"))
                .containers(container("web", NGINX), container("shop", APP_IMAGE))
                .spec(),
            List.of("app", "app")),
        Arguments.of(
            "default-container annotation names the app even when it looks like a sidecar",
            pod("p")
                .annotations(Map.of("kubectl.kubernetes.io/default-container", "gateway"))
                .containers(container("gateway", ENVOY), container("tracer", XRAY))
                .spec(),
            List.of("app", "sidecar xray-daemon sidecar")),
        Arguments.of(
            "nginx beside an app is an nginx sidecar",
            pod("p")
                .containers(container("health-proxy", NGINX), container("shop", APP_IMAGE))
                .spec(),
            List.of("sidecar nginx sidecar", "app")),
        Arguments.of(
            "nginx beside only sidecars is the app",
            pod("p").containers(container("logs", FLUENT_BIT), container("web", NGINX)).spec(),
            List.of("sidecar fluent-bit sidecar", "app")),
        Arguments.of(
            "two plain containers are both apps",
            pod("p")
                .containers(container("shop", APP_IMAGE), container("worker", WORKER_IMAGE))
                .spec(),
            List.of("app", "app")),
        Arguments.of(
            "all sidecar kinds on Kubernetes: the first is the app",
            pod("p").containers(container("proxy", ENVOY), container("tracer", XRAY)).spec(),
            List.of("app", "sidecar xray-daemon sidecar")),
        Arguments.of(
            "all sidecar kinds on ECS: the first essential is the app",
            taskDefinition("t")
                .containers(
                    essential("tracer", XRAY, false),
                    essential("proxy", ENVOY, true),
                    essential("logs", FLUENT_BIT, true))
                .spec(),
            List.of("sidecar xray-daemon sidecar", "app", "sidecar fluent-bit sidecar")),
        Arguments.of(
            "non-essential ECS container of no known kind is an unknown sidecar",
            taskDefinition("t")
                .containers(
                    essential("shop", APP_IMAGE, true), essential("helper", WORKER_IMAGE, false))
                .spec(),
            List.of("app", "sidecar unknown sidecar")),
        Arguments.of(
            "ECS container without essential counts as essential",
            taskDefinition("t")
                .containers(container("shop", APP_IMAGE), container("worker", WORKER_IMAGE))
                .spec(),
            List.of("app", "app")),
        Arguments.of(
            "ECS proxy container is never the app, even first and essential",
            taskDefinition("t")
                .appMeshProxy("envoy")
                .containers(
                    essential(
                        "envoy", "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod", true),
                    essential("tracer", XRAY, true))
                .spec(),
            List.of("sidecar appmesh-envoy sidecar", "app")),
        Arguments.of(
            "FireLens log router is never the app; an nginx beside it is",
            taskDefinition("t")
                .containers(
                    logRouter("log_router", FLUENT_BIT, "fluentbit"),
                    essential("app", "nginx", true))
                .spec(),
            List.of("sidecar fluent-bit sidecar", "app")),
        Arguments.of(
            "essential nginx is the app before a non-essential unknown container",
            taskDefinition("t")
                .containers(
                    logRouter("log_router", FLUENT_BIT, "fluentbit"),
                    essential("helper", WORKER_IMAGE, false),
                    essential("web", NGINX, true))
                .spec(),
            List.of("sidecar fluent-bit sidecar", "sidecar unknown sidecar", "app")),
        Arguments.of(
            "only native sidecars: the first becomes the app",
            pod("p")
                .containers(nativeSidecar("proxy", ENVOY), nativeSidecar("tracer", XRAY))
                .spec(),
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
        pod("order-service-5f7c9-abcde")
            .containers(
                init("migrate", APP_IMAGE),
                container("order-service", APP_IMAGE),
                container("xray-daemon", XRAY))
            .spec();

    List<Container> classified = classifier.classify(workload);

    assertThat(classified)
        .extracting(Container::id)
        .containsExactly(
            workload.id() + "/migrate",
            workload.id() + "/order-service",
            workload.id() + "/xray-daemon");
    assertThat(classified)
        .extracting(Container::spec)
        .containsExactlyElementsOf(workload.containers());
  }

  @Test
  void workloadWithoutContainersGivesNone() {
    assertThat(classifier.classify(pod("empty").containers().spec())).isEmpty();
  }

  @Test
  void defaultContainerNamingNoContainerIsIgnored() {
    WorkloadSpec workload =
        pod("p")
            .annotations(Map.of("kubectl.kubernetes.io/default-container", "gone"))
            .containers(container("shop", APP_IMAGE), container("tracer", XRAY))
            .spec();

    assertThat(roles(workload)).containsExactly("app", "sidecar xray-daemon sidecar");
  }

  @Test
  void oneClassifierServesManyThreadsWithTheSameAnswers() throws Exception {
    WorkloadSpec workload =
        pod("p")
            .containers(
                init("istio-init", "istio/proxyv2:1.22.0"),
                nativeSidecar("istio-proxy", "istio/proxyv2:1.22.0"),
                container("shop", APP_IMAGE),
                container("health-proxy", NGINX))
            .spec();
    List<String> alone = roles(workload);

    List<List<String>> together =
        Stream.generate(() -> workload).limit(2_000).parallel().map(this::roles).toList();

    assertThat(alone)
        .containsExactly("init", "sidecar istio-proxy sidecar", "app", "sidecar nginx sidecar");
    assertThat(together).allSatisfy(answer -> assertThat(answer).isEqualTo(alone));
  }
}
