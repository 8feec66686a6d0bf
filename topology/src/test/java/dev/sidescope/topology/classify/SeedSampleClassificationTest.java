package dev.sidescope.topology.classify;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.Roles.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.WorkloadSpec;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed sample cluster ({@code sample-clusters/.../samples/seed}): the seed document's
 * order-service with its sidecars on Kubernetes and ECS, payment-service with its Vault agent, and
 * the storefront behind an NGINX health proxy, as {@link SeedSample} writes them from its files.
 */
class SeedSampleClassificationTest {

  private static final Map<String, WorkloadSpec> SEED =
      Map.of(
          "order-service (Kubernetes)", SeedSample.orderServicePod().spec(),
          "payment-service (Kubernetes)", SeedSample.paymentServicePod().spec(),
          "storefront (Kubernetes)", SeedSample.storefrontPod().spec(),
          "order-service (ECS)", SeedSample.orderServiceTaskDefinition().spec());

  static Stream<Arguments> containers() {
    return Stream.of(
        Arguments.of("order-service (Kubernetes)", "order-service", "app"),
        Arguments.of("order-service (Kubernetes)", "xray-daemon", "sidecar xray-daemon sidecar"),
        Arguments.of("order-service (Kubernetes)", "envoy", "sidecar appmesh-envoy sidecar"),
        Arguments.of(
            "order-service (Kubernetes)", "appconfig-agent", "sidecar appconfig-agent sidecar"),
        Arguments.of("payment-service (Kubernetes)", "payment-service", "app"),
        Arguments.of("payment-service (Kubernetes)", "envoy", "sidecar appmesh-envoy sidecar"),
        Arguments.of("payment-service (Kubernetes)", "vault-agent", "sidecar vault-agent sidecar"),
        Arguments.of("storefront (Kubernetes)", "storefront", "app"),
        Arguments.of("storefront (Kubernetes)", "health-proxy", "sidecar nginx sidecar"),
        Arguments.of("order-service (ECS)", "order-service", "app"),
        Arguments.of("order-service (ECS)", "fluent-bit-sidecar", "sidecar fluent-bit sidecar"));
  }

  private final SidecarClassifier classifier = new SidecarClassifier();

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("containers")
  void seedContainerGetsTheSeedDocumentsRole(String workload, String container, String expected) {
    assertThat(describe(classifier.classify(SEED.get(workload)), container)).isEqualTo(expected);
  }
}
