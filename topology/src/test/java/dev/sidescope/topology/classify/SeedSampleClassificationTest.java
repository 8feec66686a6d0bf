package dev.sidescope.topology.classify;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.Roles.describe;
import static dev.sidescope.testing.WorkloadBuilder.pod;
import static dev.sidescope.testing.WorkloadBuilder.taskDefinition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.Resources;
import dev.sidescope.topology.model.VolumeMount;
import dev.sidescope.topology.model.WorkloadSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed sample cluster ({@code sample-clusters/.../samples/seed}): the seed document's
 * order-service with its sidecars on Kubernetes and ECS, payment-service with its Vault agent, and
 * the storefront behind an NGINX health proxy. Written by hand from the manifests.
 */
class SeedSampleClassificationTest {

  private static final Map<String, WorkloadSpec> SEED =
      Map.of(
          "order-service (Kubernetes)",
          pod("order-service")
              .annotations(
                  Map.of(
                      "appmesh.k8s.aws/mesh", "my-mesh",
                      "appmesh.k8s.aws/virtualNode", "order-service"))
              .containers(
                  container("order-service", "order-service:latest")
                      .port(Port.tcp(8080))
                      .env("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000")
                      .env("PAYMENT_SERVICE_URL", "http://payment-service:8080")
                      .env(
                          "FEATURE_FLAGS_URL",
                          "http://localhost:2772/applications/MyApp/environments/prod/configurations/"
                              + "feature-flags"),
                  container("xray-daemon", "amazon/aws-xray-daemon:latest")
                      .port(Port.udp(2000))
                      .limits(new Resources(Optional.of("100m"), Optional.of("64Mi"))),
                  container(
                          "envoy",
                          "840364872350.dkr.ecr.us-east-1.amazonaws.com/"
                              + "aws-appmesh-envoy:v1.29.6.0-prod")
                      .port(new Port(9901, "TCP", Optional.of("stats")))
                      .env("APPMESH_RESOURCE_ARN", "mesh/my-mesh/virtualNode/order-service_shop")
                      .env("ENVOY_LOG_LEVEL", "info"),
                  container(
                          "appconfig-agent", "public.ecr.aws/aws-appconfig/aws-appconfig-agent:2.x")
                      .port(Port.tcp(2772))
                      .env(
                          "PREFETCH_LIST",
                          "/applications/MyApp/environments/prod/configurations/feature-flags")
                      .env("POLL_INTERVAL", "45"))
              .spec(),
          "payment-service (Kubernetes)",
          pod("payment-service")
              .annotations(
                  Map.of(
                      "appmesh.k8s.aws/mesh", "my-mesh",
                      "appmesh.k8s.aws/virtualNode", "payment-service",
                      "vault.hashicorp.com/agent-inject", "true",
                      "vault.hashicorp.com/role", "payment-service",
                      "vault.hashicorp.com/agent-inject-secret-db", "database/creds/payments"))
              .containers(
                  container(
                          "payment-service",
                          "123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-service:2.4.1")
                      .port(Port.tcp(8080))
                      .env("DATABASE_CREDENTIALS_FILE", "/vault/secrets/db")
                      .env("AWS_XRAY_DAEMON_ADDRESS", "xray-daemon.observability:2000")
                      .mount(new VolumeMount("vault-secrets", "/vault/secrets", true)),
                  container("envoy", "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod")
                      .port(new Port(9901, "TCP", Optional.of("stats")))
                      .env("APPMESH_RESOURCE_ARN", "mesh/my-mesh/virtualNode/payment-service_shop"),
                  container("vault-agent", "hashicorp/vault:1.15.4")
                      .command(List.of("agent", "-config=/vault/config/agent.hcl"))
                      .env("VAULT_ADDR", "https://vault.internal:8200")
                      .mount(new VolumeMount("vault-secrets", "/vault/secrets", false)))
              .spec(),
          "storefront (Kubernetes)",
          pod("storefront")
              .annotations(Map.of("kubectl.kubernetes.io/default-container", "storefront"))
              .containers(
                  container(
                          "storefront",
                          "123456789012.dkr.ecr.us-east-1.amazonaws.com/storefront:5.0.2")
                      .port(Port.tcp(3000))
                      .env(
                          "ORDER_SERVICE_URL",
                          "http://order-service.shop.svc.cluster.local:8080/api"),
                  container("health-proxy", "nginx:1.27-alpine")
                      .port(new Port(8081, "TCP", Optional.of("health"))))
              .spec(),
          "order-service (ECS)",
          taskDefinition("order-service")
              .containers(
                  container(
                          "order-service",
                          "123456789.dkr.ecr.us-east-1.amazonaws.com/order-service:latest")
                      .essential(true)
                      .port(Port.tcp(8080))
                      .env("LOG_OUTPUT", "/var/log/app/app.log")
                      .mount(new VolumeMount("log-volume", "/var/log/app", false)),
                  container("fluent-bit-sidecar", "amazon/aws-for-fluent-bit:stable")
                      .essential(false)
                      .env("FLB_LOG_LEVEL", "info")
                      .mount(new VolumeMount("log-volume", "/var/log/app", false)))
              .spec());

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
