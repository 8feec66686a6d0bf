package dev.sidescope.collectors.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.RepositoryFolders;
import dev.sidescope.testing.SeedSample;
import dev.sidescope.testing.WorkloadBuilder;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.MeshVirtualNode;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.VolumeMount;
import dev.sidescope.topology.model.WorkloadSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The seed sample cluster, read as {@code sidescope snapshot --manifests} would read it. */
class ManifestReaderSeedSampleTest {
  private static final Path SEED = RepositoryFolders.seedSample();
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static ManifestReadResult result;

  @BeforeAll
  static void readSeed() {
    result = new ManifestReader(Clock.fixed(NOW, ZoneOffset.UTC)).read(SEED);
  }

  private static WorkloadSpec workload(String id) {
    return result.observations().workloads().stream()
        .filter(w -> w.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no workload " + id));
  }

  private static ContainerSpec container(WorkloadSpec workload, String name) {
    return workload.containers().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name));
  }

  @Test
  void seedReadsWithoutProblemsAndSkipsClusterYaml() {
    assertThat(result.problems()).isEmpty();
    // Three Kubernetes files, the task definition, and cluster.yaml and ecs/services.yaml, which
    // are read and skipped.
    assertThat(result.filesRead()).isEqualTo(6);
    assertThat(result.observations().sources())
        .containsExactly(SourceStatus.live("manifests", NOW));
  }

  @Test
  void seedHasThreeDeploymentsAndTheOrderServiceTaskDefinition() {
    assertThat(result.observations().workloads())
        .extracting(WorkloadSpec::id, w -> w.owner().orElse(null))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ecs/manifests/default/order-service:1", "TaskDefinition/order-service:1"),
            org.assertj.core.groups.Tuple.tuple(
                "kubernetes/manifests/shop/order-service", "Deployment/order-service"),
            org.assertj.core.groups.Tuple.tuple(
                "kubernetes/manifests/shop/payment-service", "Deployment/payment-service"),
            org.assertj.core.groups.Tuple.tuple(
                "kubernetes/manifests/shop/storefront", "Deployment/storefront"));
  }

  @Test
  void orderServiceDeploymentCarriesItsThreeSidecarsAndTheXrayAddress() {
    WorkloadSpec orders = workload("kubernetes/manifests/shop/order-service");

    assertThat(orders.containers())
        .extracting(ContainerSpec::name)
        .containsExactly("order-service", "xray-daemon", "envoy", "appconfig-agent");
    assertThat(container(orders, "order-service").envLiteral("AWS_XRAY_DAEMON_ADDRESS"))
        .contains("127.0.0.1:2000");
    assertThat(container(orders, "xray-daemon").limits().cpuLimit()).contains("100m");
    assertThat(container(orders, "xray-daemon").limits().memoryLimit()).contains("64Mi");
    assertThat(orders.labels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("app", "order-service", "version", "v1"));
    assertThat(orders.annotations()).containsEntry("appmesh.k8s.aws/virtualNode", "order-service");
  }

  @Test
  void paymentServiceSharesItsVaultVolumeWithTheAgent() {
    WorkloadSpec payments = workload("kubernetes/manifests/shop/payment-service");

    assertThat(container(payments, "payment-service").mounts())
        .containsExactly(new VolumeMount("vault-secrets", "/vault/secrets", true));
    assertThat(container(payments, "vault-agent").mounts())
        .containsExactly(new VolumeMount("vault-secrets", "/vault/secrets", false));
    assertThat(container(payments, "vault-agent").command())
        .containsExactly("agent", "-config=/vault/config/agent.hcl");
  }

  @Test
  void orderServiceTaskHasAFluentBitSidecarThatIsNotEssentialOnASharedLogVolume() {
    WorkloadSpec task = workload("ecs/manifests/default/order-service:1");

    assertThat(task.platform()).isEqualTo(Platform.ECS);
    assertThat(task.name()).isEqualTo("order-service");
    assertThat(task.namespace()).isEqualTo("default");
    ContainerSpec app = container(task, "order-service");
    ContainerSpec fluentBit = container(task, "fluent-bit-sidecar");
    assertThat(app.essential()).contains(true);
    assertThat(fluentBit.essential()).contains(false);
    assertThat(app.env()).containsExactly(EnvVar.literal("LOG_OUTPUT", "/var/log/app/app.log"));
    assertThat(app.mounts()).containsExactly(new VolumeMount("log-volume", "/var/log/app", false));
    assertThat(fluentBit.mounts()).isEqualTo(app.mounts());
    assertThat(app.logConfig().orElseThrow().options())
        .containsEntry("awslogs-group", "/ecs/order-service");
  }

  @Test
  void seedHasThreeServicesSelectingTheirDeployments() {
    assertThat(result.observations().services())
        .extracting(ServiceSpec::id, ServiceSpec::selector)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "service/manifests/shop/order-service", Map.of("app", "order-service")),
            org.assertj.core.groups.Tuple.tuple(
                "service/manifests/shop/payment-service", Map.of("app", "payment-service")),
            org.assertj.core.groups.Tuple.tuple(
                "service/manifests/shop/storefront", Map.of("app", "storefront")));
    ServiceSpec orders = result.observations().services().get(0);
    assertThat(orders.selects(workload("kubernetes/manifests/shop/order-service"))).isTrue();
  }

  @Test
  void orderServiceVirtualNodeCallsPaymentServiceUnderStrictMtls() {
    assertThat(result.observations().meshNodes())
        .containsExactly(
            new MeshVirtualNode(
                "shop",
                "order-service",
                Map.of("app", "order-service"),
                java.util.List.of("payment-service"),
                Optional.of("STRICT")),
            new MeshVirtualNode(
                "shop",
                "payment-service",
                Map.of("app", "payment-service"),
                java.util.List.of(),
                Optional.of("STRICT")));
  }

  static Stream<Arguments> seedInCode() {
    return Stream.of(
        Arguments.of("kubernetes/manifests/shop/order-service", SeedSample.orderServicePod()),
        Arguments.of("kubernetes/manifests/shop/payment-service", SeedSample.paymentServicePod()),
        Arguments.of("kubernetes/manifests/shop/storefront", SeedSample.storefrontPod()),
        Arguments.of(
            "ecs/manifests/default/order-service:1", SeedSample.orderServiceTaskDefinition()));
  }

  /** The seed that tests build in code is the seed in these files, running. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("seedInCode")
  void theSeedInCodeHasTheContainersLabelsAndAnnotationsOfTheFiles(
      String id, WorkloadBuilder inCode) {
    WorkloadSpec read = workload(id);
    WorkloadSpec written = inCode.spec();

    assertThat(written.labels()).isEqualTo(read.labels());
    assertThat(written.annotations()).isEqualTo(read.annotations());
    assertThat(written.owner()).isEqualTo(read.owner());
    assertThat(written.containers())
        .extracting(c -> c.withState(ContainerState.UNKNOWN))
        .containsExactlyElementsOf(read.containers());
  }

  @Test
  void theSeedInCodeHasTheServicesAndVirtualNodesOfTheFiles() {
    assertThat(SeedSample.services())
        .extracting(ServiceSpec::name, ServiceSpec::selector)
        .containsExactlyElementsOf(
            result.observations().services().stream()
                .map(s -> org.assertj.core.groups.Tuple.tuple(s.name(), s.selector()))
                .toList());
    assertThat(SeedSample.meshNodes()).isEqualTo(result.observations().meshNodes());
  }

  @Test
  void seedSourceIsLiveWhenNothingWentWrong() {
    assertThat(result.observations().sources().get(0).status()).isEqualTo(SourceState.LIVE);
    assertThat(result.observations().sources().get(0).message()).isEmpty();
  }
}
