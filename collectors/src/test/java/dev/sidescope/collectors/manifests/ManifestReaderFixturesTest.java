package dev.sidescope.collectors.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.Dependency;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.LogConfig;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.WorkloadSpec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The real payloads in {@code fixtures/} (see fixtures/PROVENANCE.md), read file by file. */
class ManifestReaderFixturesTest {
  private final ManifestReader reader = new ManifestReader();

  static Path fixture(String relative) {
    try {
      return Path.of(ManifestReaderFixturesTest.class.getResource("/fixtures/" + relative).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private WorkloadSpec onlyWorkload(String relative) {
    ManifestReadResult result = reader.read(fixture(relative));
    assertThat(result.problems()).isEmpty();
    assertThat(result.observations().workloads()).hasSize(1);
    return result.observations().workloads().get(0);
  }

  private static ContainerSpec container(WorkloadSpec workload, String name) {
    return workload.containers().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name));
  }

  static Stream<String> kubernetesFixtures() throws IOException {
    try (Stream<Path> files = Files.list(fixture("kubernetes"))) {
      return files.map(p -> "kubernetes/" + p.getFileName()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("kubernetesFixtures")
  void everyKubernetesFixtureReadsAsOneWorkloadWithoutProblems(String relative) {
    ManifestReadResult result = reader.read(fixture(relative));

    assertThat(result.problems()).isEmpty();
    assertThat(result.filesRead()).isEqualTo(1);
    assertThat(result.observations().workloads()).hasSize(1);
    assertThat(result.observations().workloads().get(0).platform()).isEqualTo(Platform.KUBERNETES);
    assertThat(result.observations().sources())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.id()).isEqualTo("manifests");
              assertThat(s.status()).isEqualTo(SourceState.LIVE);
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "kubernetes/istio_injected_deployment_hello.yaml   | kubernetes/manifests/default/hello    | Deployment/hello | istio-init,istio-proxy,hello",
        "kubernetes/istio_injected_pod_native_sidecar.yaml | kubernetes/manifests/default/hello    | ''               | istio-init,istio-proxy,other-sidecar,hello",
        "kubernetes/linkerd_injected_pod.yaml              | kubernetes/manifests/emojivoto/vote-bot | ''             | linkerd-init,linkerd-proxy,vote-bot",
        "kubernetes/linkerd_injected_pod_native_sidecar.yaml | kubernetes/manifests/emojivoto/vote-bot | ''           | linkerd-init,linkerd-proxy,vote-bot",
        "kubernetes/pod_crashloopbackoff_status.yaml       | kubernetes/manifests/argocd/my-pod    | ''               | main",
        "kubernetes/pod_running_not_ready_status.yaml      | kubernetes/manifests/argocd/never-ready | ''             | main",
        "kubernetes/pod_imagepullbackoff_status.yaml       | kubernetes/manifests/default/guestbook-ui-errimagepullbackoff-66cfffb669-45w2j | ReplicaSet/guestbook-ui-errimagepullbackoff-66cfffb669 | errimagepullbackoff",
        "kubernetes/pod_init_container_with_status.json    | kubernetes/manifests/default/nginx    | ''               | ic1,nginx",
        "kubernetes/pod_native_sidecar_with_status.json    | kubernetes/manifests/default/sleep    | ''               | init,sidecar,sleep",
      })
  void kubernetesFixtureGivesItsIdOwnerAndContainersInOrder(
      String relative, String id, String owner, String containers) {
    WorkloadSpec w = onlyWorkload(relative);

    assertThat(w.id()).isEqualTo(id);
    assertThat(w.source()).isEqualTo("manifests");
    assertThat(w.owner()).isEqualTo(owner.isEmpty() ? Optional.empty() : Optional.of(owner));
    assertThat(w.containers())
        .extracting(ContainerSpec::name)
        .containsExactly(containers.split(","));
  }

  @Test
  void crashLoopingPodShowsRestartsReasonExitCodeAndNotReady() {
    WorkloadSpec w = onlyWorkload("kubernetes/pod_crashloopbackoff_status.yaml");
    ContainerState main = container(w, "main").state();

    assertThat(w.phase()).contains("Running");
    assertThat(main.phase()).isEqualTo(ContainerState.Phase.WAITING);
    assertThat(main.restarts()).contains(3);
    assertThat(main.reason()).contains("CrashLoopBackOff");
    assertThat(main.ready()).contains(false);
    assertThat(main.exitCode()).contains(1);
    assertThat(container(w, "main").command()).containsExactly("sh", "-c", "exit 1");
  }

  @Test
  void podPullingInVainIsPendingAndWaitingOnImagePullBackOff() {
    WorkloadSpec w = onlyWorkload("kubernetes/pod_imagepullbackoff_status.yaml");
    ContainerState state = container(w, "errimagepullbackoff").state();

    assertThat(w.phase()).contains("Pending");
    assertThat(state.reason()).contains("ImagePullBackOff");
    assertThat(state.exitCode()).isEmpty();
    assertThat(w.labels()).containsEntry("app", "guestbook-ui");
  }

  @Test
  void runningButNotReadyPodIsRunningAndNotReady() {
    ContainerState main =
        container(onlyWorkload("kubernetes/pod_running_not_ready_status.yaml"), "main").state();

    assertThat(main.phase()).isEqualTo(ContainerState.Phase.RUNNING);
    assertThat(main.ready()).contains(false);
    assertThat(main.restarts()).contains(0);
  }

  @Test
  void istioNativeSidecarIsAnInitContainerThatRestartsAlways() {
    WorkloadSpec w = onlyWorkload("kubernetes/istio_injected_pod_native_sidecar.yaml");
    ContainerSpec proxy = container(w, "istio-proxy");

    assertThat(proxy.initContainer()).isTrue();
    assertThat(proxy.restartAlways()).isTrue();
    assertThat(proxy.nativeSidecar()).isTrue();
    assertThat(container(w, "istio-init").nativeSidecar()).isFalse();
    assertThat(proxy.ports())
        .containsExactly(new Port(15090, "TCP", Optional.of("http-envoy-prom")));
    assertThat(proxy.env())
        .contains(
            EnvVar.literal("CA_ADDR", "istiod.istio-system.svc:15012"),
            EnvVar.reference("POD_NAME", "field metadata.name"),
            EnvVar.reference("ISTIO_CPU_LIMIT", "resource limits.cpu"));
    assertThat(proxy.limits().cpuLimit()).contains("2");
    assertThat(proxy.limits().memoryLimit()).contains("1Gi");
    assertThat(w.annotations()).containsKey("sidecar.istio.io/status");
    assertThat(w.labels()).containsEntry("security.istio.io/tlsMode", "istio");
  }

  @Test
  void istioInjectedDeploymentStandsForItsPodTemplate() {
    WorkloadSpec w = onlyWorkload("kubernetes/istio_injected_deployment_hello.yaml");

    assertThat(w.name()).isEqualTo("hello");
    assertThat(w.namespace()).isEqualTo("default");
    assertThat(w.labels()).containsEntry("app", "hello").containsEntry("track", "stable");
    assertThat(w.annotations()).containsEntry("prometheus.io/port", "15020");
    assertThat(w.phase()).isEmpty();
    assertThat(container(w, "istio-proxy").state()).isEqualTo(ContainerState.UNKNOWN);
    assertThat(container(w, "istio-proxy").restartAlways()).isTrue();
  }

  @Test
  void nativeSidecarPodJoinsInitContainerStatusesToInitContainers() {
    WorkloadSpec w = onlyWorkload("kubernetes/pod_native_sidecar_with_status.json");

    assertThat(container(w, "sidecar").nativeSidecar()).isTrue();
    assertThat(container(w, "sidecar").state().phase()).isEqualTo(ContainerState.Phase.RUNNING);
    assertThat(container(w, "sidecar").state().ready()).contains(true);
    assertThat(container(w, "init").state().phase()).isEqualTo(ContainerState.Phase.TERMINATED);
    assertThat(container(w, "init").state().reason()).contains("Completed");
    assertThat(container(w, "init").state().exitCode()).contains(0);
    assertThat(container(w, "sleep").limits().cpuLimit()).contains("230m");
  }

  // PROVENANCE.md describes linkerd_injected_pod.yaml as classic injection, but at the commit
  // it was taken from, linkerd's golden file already declares linkerd-proxy as a native sidecar.
  @ParameterizedTest
  @CsvSource({
    "kubernetes/linkerd_injected_pod.yaml",
    "kubernetes/linkerd_injected_pod_native_sidecar.yaml"
  })
  void linkerdProxyIsANativeSidecarAsEachLinkerdFixtureDeclaresIt(String relative) {
    WorkloadSpec w = onlyWorkload(relative);

    assertThat(container(w, "linkerd-proxy").nativeSidecar()).isTrue();
    assertThat(container(w, "linkerd-init").nativeSidecar()).isFalse();
    assertThat(container(w, "vote-bot").env())
        .containsExactly(EnvVar.literal("WEB_HOST", "web-svc.emojivoto:80"));
    assertThat(w.annotations()).containsKey("linkerd.io/proxy-version");
  }

  @Test
  void readingTheWholeKubernetesFixtureFolderReportsEachIdTakenTwice() {
    Path folder = fixture("kubernetes");

    ManifestReadResult result = reader.read(folder);

    assertThat(result.filesRead()).isEqualTo(9);
    assertThat(result.observations().workloads()).hasSize(7);
    assertThat(result.problems())
        .extracting(p -> folder.relativize(p.file()).toString(), ManifestProblem::line)
        .containsExactly(
            tuple("istio_injected_pod_native_sidecar.yaml", OptionalInt.of(1)),
            tuple("linkerd_injected_pod_native_sidecar.yaml", OptionalInt.of(1)));
    assertThat(result.problems().get(0).message())
        .isEqualTo(
            "Pod default/hello has the same id as Deployment default/hello in "
                + folder.resolve("istio_injected_deployment_hello.yaml")
                + " line 1, so only the first is read");
    assertThat(result.observations().sources().get(0).status()).isEqualTo(SourceState.DEGRADED);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ecs/taskdef_appmesh_envoy_firelens.json          | ecs/manifests/default/appmesh-firelens-colorteller-black:1    | log_router,app,envoy",
        "ecs/taskdef_cloudwatch_agent_sidecar_fargate.json | ecs/manifests/default/ecs-cwagent-sidecar-fargate:1         | demo-app,cloudwatch-agent",
        "ecs/taskdef_firelens_cloudwatch_logs.json         | ecs/manifests/default/firelens-example-cloudwatch_logs:1     | log_router,app",
        "ecs/taskdef_firelens_fargate_custom_config.json   | ecs/manifests/default/fluentbit-metrics-to-cw-firelens-example:1 | log_router,app",
        "ecs/taskdef_firelens_healthcheck.json             | ecs/manifests/default/firelens-example-cloudwatch:1          | log_router,app",
        "ecs/taskdef_xray_daemon_sidecar_fargate.json      | ecs/manifests/default/service-a:1                            | service-a,xray-sidecar",
        "ecs/describe_task_definition_awscli.json          | ecs/manifests/default/hello_world:8                          | wordpress,mysql",
      })
  void everyTaskDefinitionFixtureReadsAsOneWorkloadWithoutProblems(
      String relative, String id, String containers) {
    WorkloadSpec w = onlyWorkload(relative);

    assertThat(w.id()).isEqualTo(id);
    assertThat(w.platform()).isEqualTo(Platform.ECS);
    assertThat(w.namespace()).isEqualTo("default");
    assertThat(w.owner()).contains("TaskDefinition/" + id.substring(id.lastIndexOf('/') + 1));
    assertThat(w.containers())
        .extracting(ContainerSpec::name)
        .containsExactly(containers.split(","));
  }

  @Test
  void appMeshFirelensTaskNamesEnvoyAsItsProxyAndRoutesLogsThroughFirelens() {
    WorkloadSpec w = onlyWorkload("ecs/taskdef_appmesh_envoy_firelens.json");

    assertThat(w.proxy()).isPresent();
    assertThat(w.proxy().get().type()).isEqualTo("APPMESH");
    assertThat(w.proxy().get().containerName()).isEqualTo("envoy");
    assertThat(w.proxy().get().properties())
        .containsEntry("IgnoredUID", "1337")
        .containsEntry("AppPorts", "9080");
    assertThat(container(w, "log_router").firelens())
        .contains(
            new LogConfig(
                "fluentbit",
                Map.of(
                    "enable-ecs-log-metadata", "true",
                    "config-file-type", "file",
                    "config-file-value", "/fluent-bit/conf/parse_envoy.conf")));
    assertThat(container(w, "log_router").logConfig().map(LogConfig::driver)).contains("awslogs");
    assertThat(container(w, "envoy").logConfig().map(LogConfig::driver)).contains("awsfirelens");
    assertThat(container(w, "envoy").logConfig().get().options())
        .containsEntry("Name", "cloudwatch");
    assertThat(container(w, "app").dependsOn()).containsExactly(new Dependency("envoy", "HEALTHY"));
    assertThat(container(w, "envoy").ports())
        .extracting(Port::number)
        .containsExactly(9901, 15000, 15001);
  }

  @Test
  void xrayTaskDefinitionKeepsTheDaemonAddressAndPlaceholders() {
    WorkloadSpec w = onlyWorkload("ecs/taskdef_xray_daemon_sidecar_fargate.json");

    assertThat(container(w, "service-a").env())
        .containsExactly(
            EnvVar.literal("AWS_XRAY_DAEMON_ADDRESS", ""),
            EnvVar.literal("API_CNAME", "<service_b_endpoint_url>"));
    assertThat(container(w, "xray-sidecar").image()).isEqualTo("<repository_uri_xray_daemon>");
    assertThat(container(w, "xray-sidecar").ports()).containsExactly(Port.udp(2000));
    assertThat(container(w, "xray-sidecar").essential()).contains(true);
  }

  @Test
  void containersWithoutEssentialAreEssentialAndSecretsAreOnlyReferences() {
    WorkloadSpec w = onlyWorkload("ecs/taskdef_cloudwatch_agent_sidecar_fargate.json");

    assertThat(w.containers())
        .extracting(ContainerSpec::essential)
        .containsExactly(Optional.of(true), Optional.of(true));
    assertThat(container(w, "cloudwatch-agent").env())
        .containsExactly(
            EnvVar.reference("CW_CONFIG_CONTENT", "secret ecs-cwagent-sidecar-fargate"));
    assertThat(container(w, "demo-app").logConfig().get().options())
        .containsEntry("awslogs-region", "{{awslogs-region}}");
    assertThat(container(w, "demo-app").command()).startsWith("/bin/sh", "-c");
  }

  @ParameterizedTest(name = "{0} is no task definition and is passed over quietly")
  @CsvSource({
    "ecs/describe_tasks_ec2_single.json",
    "ecs/describe_tasks_fargate_multiple.json",
    "ecs/list_tasks_awscli.json",
  })
  void ecsApiResponsesWithoutTaskDefinitionsAreIgnored(String relative) {
    ManifestReadResult result = reader.read(fixture(relative));

    assertThat(result.problems()).isEmpty();
    assertThat(result.filesRead()).isEqualTo(1);
    assertThat(result.observations().workloads()).isEmpty();
  }

  @Test
  void botocoreExamplesFileIsNeitherKindOfManifestAndSaysSo() {
    Path file = fixture("ecs/botocore_ecs_examples-1.json");

    ManifestReadResult result = reader.read(file);

    assertThat(result.problems())
        .containsExactly(
            new ManifestProblem(
                file,
                OptionalInt.of(1),
                "the document has no kind, so it is neither a Kubernetes object nor an ECS task"
                    + " definition",
                false));
    assertThat(result.findings()).isEmpty();
    assertThat(result.observations().workloads()).isEmpty();
  }

  @Test
  void readingTheWholeEcsFixtureFolderReadsEveryTaskDefinition() {
    ManifestReadResult result = reader.read(fixture("ecs"));

    assertThat(result.filesRead()).isEqualTo(11);
    assertThat(result.observations().workloads())
        .extracting(WorkloadSpec::name)
        .containsExactly(
            "hello_world",
            "appmesh-firelens-colorteller-black",
            "ecs-cwagent-sidecar-fargate",
            "firelens-example-cloudwatch_logs",
            "fluentbit-metrics-to-cw-firelens-example",
            "firelens-example-cloudwatch",
            "service-a");
    assertThat(result.problems())
        .extracting(p -> p.file().getFileName().toString())
        .containsExactly("botocore_ecs_examples-1.json");
    assertThat(List.of(result.observations().sources().get(0).message().orElseThrow()))
        .singleElement()
        .asString()
        .startsWith("1 problem reading manifests: ")
        .endsWith(
            "botocore_ecs_examples-1.json line 1: the document has no kind, so it is"
                + " neither a Kubernetes object nor an ECS task definition");
  }
}
