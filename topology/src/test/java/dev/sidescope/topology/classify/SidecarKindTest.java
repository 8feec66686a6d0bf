package dev.sidescope.topology.classify;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.Containers.logRouter;
import static dev.sidescope.testing.Roles.describe;
import static dev.sidescope.testing.WorkloadBuilder.pod;
import static dev.sidescope.testing.WorkloadBuilder.taskDefinition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Port;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which kind and variant each piece of evidence gives a container that stands beside an app. */
class SidecarKindTest {

  private static final String APP_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:1.4";
  private static final String PLAIN_IMAGE = "registry.example.com/platform/helper:3";

  private final SidecarClassifier classifier = new SidecarClassifier();

  /** A pod of the app and one neutral-named container with this image; that container's fate. */
  private String besideAnApp(String image) {
    return describe(
        classifier.classify(
            pod("p").containers(container("shop", APP_IMAGE), container("helper", image)).spec()),
        "helper");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          istio/proxyv2:1.22.0                                                         | sidecar istio-proxy sidecar
          docker.io/istio/proxyv2:1.20.0-distroless                                    | sidecar istio-proxy sidecar
          gcr.io/istio-release/proxyv2:1.19.3                                          | sidecar istio-proxy sidecar
          registry.istio.io/testing/proxyv2:latest                                     | sidecar istio-proxy sidecar
          gcr.io/gke-release/asm/proxyv2:1.18.4-asm.1@sha256:9f2a0ae4c36de4c1d6d1b7d9  | sidecar istio-proxy sidecar
          public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod                      | sidecar appmesh-envoy sidecar
          840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-envoy:v1.12.2.1-prod | sidecar appmesh-envoy sidecar
          840364872350.dkr.ecr.eu-central-1.amazonaws.com/aws-appmesh-envoy@sha256:ab12 | sidecar appmesh-envoy sidecar
          envoyproxy/envoy:v1.30.1                                                     | sidecar envoy sidecar
          envoyproxy/envoy-alpine:v1.21.6                                              | sidecar envoy sidecar
          envoyproxy/envoy-distroless:v1.29-latest                                     | sidecar envoy sidecar
          docker.io/envoyproxy/envoy-dev:latest                                        | sidecar envoy sidecar
          bitnami/envoy:1.30                                                           | sidecar envoy sidecar
          hashicorp/consul-dataplane:1.4.0                                             | sidecar envoy sidecar
          kumahq/kuma-dp:2.7.0                                                         | sidecar envoy sidecar
          123456789012.dkr.ecr.us-east-1.amazonaws.com/ecs-service-connect-agent:interface-v1 | sidecar envoy sidecar
          cr.l5d.io/linkerd/proxy:stable-2.14.10                                       | sidecar linkerd-proxy sidecar
          gcr.io/linkerd-io/proxy:stable-2.11.1                                        | sidecar linkerd-proxy sidecar
          ghcr.io/linkerd/proxy:edge-24.5.1                                            | sidecar linkerd-proxy sidecar
          fluent/fluent-bit:3.0.4                                                      | sidecar fluent-bit sidecar
          cr.fluentbit.io/fluent/fluent-bit:2.2.2-debug                                | sidecar fluent-bit sidecar
          amazon/aws-for-fluent-bit:stable                                             | sidecar fluent-bit sidecar
          public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2                   | sidecar fluent-bit sidecar
          906394416424.dkr.ecr.us-east-1.amazonaws.com/aws-for-fluent-bit:stable       | sidecar fluent-bit sidecar
          906394416424.dkr.ecr.ap-southeast-2.amazonaws.com/aws-for-fluent-bit:init-latest | sidecar fluent-bit sidecar
          fluent/fluentd:v1.16-1                                                       | sidecar fluentd sidecar
          fluent/fluentd-kubernetes-daemonset:v1-debian-cloudwatch                     | sidecar fluentd sidecar
          amazon/aws-xray-daemon:latest                                                | sidecar xray-daemon sidecar
          public.ecr.aws/xray/aws-xray-daemon:3.3.10                                   | sidecar xray-daemon sidecar
          otel/opentelemetry-collector:0.98.0                                          | sidecar otel-collector sidecar
          otel/opentelemetry-collector-contrib:0.98.0                                  | sidecar otel-collector sidecar
          ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-k8s:0.98.0 | sidecar otel-collector sidecar
          public.ecr.aws/aws-observability/aws-otel-collector:v0.39.0                  | sidecar otel-collector sidecar
          amazon/aws-otel-collector:latest                                             | sidecar otel-collector sidecar
          amazon/cloudwatch-agent:1.300037.1b602                                       | sidecar cloudwatch-agent sidecar
          public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300066.1b1374             | sidecar cloudwatch-agent sidecar
          public.ecr.aws/aws-appconfig/aws-appconfig-agent:2.x                         | sidecar appconfig-agent sidecar
          123456789012.dkr.ecr.us-east-1.amazonaws.com/aws-secretsmanager-agent:1.1.0  | sidecar secrets-agent sidecar
          ghcr.io/acme/secrets-manager-agent:2.0.0                                     | sidecar secrets-agent sidecar
          datadog/agent:7                                                              | sidecar datadog-agent sidecar
          gcr.io/datadoghq/agent:7.52.0                                                | sidecar datadog-agent sidecar
          public.ecr.aws/datadog/agent:latest                                          | sidecar datadog-agent sidecar
          gcr.io/cloudsql-docker/gce-proxy:1.33.2                                      | sidecar cloud-sql-proxy ambassador
          gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11.0                           | sidecar cloud-sql-proxy ambassador
          us.gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.11.0-alpine                 | sidecar cloud-sql-proxy ambassador
          prom/statsd-exporter:v0.26.1                                                 | sidecar exporter adapter
          bitnami/jmx-exporter:0.20.0                                                  | sidecar exporter adapter
          nginx/nginx-prometheus-exporter:1.1.0                                        | sidecar exporter adapter
          oliver006/redis_exporter:v1.58.0                                             | sidecar exporter adapter
          quay.io/prometheuscommunity/postgres-exporter:v0.15.0                        | sidecar exporter adapter
          nginx:1.27-alpine                                                            | sidecar nginx sidecar
          docker.io/library/nginx:stable                                               | sidecar nginx sidecar
          nginxinc/nginx-unprivileged:1.25                                             | sidecar nginx sidecar
          public.ecr.aws/nginx/nginx:1.25                                              | sidecar nginx sidecar
          """)
  void imageNamesTheKindAndVariant(String image, String expected) {
    assertThat(besideAnApp(image)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "istio/base",
        "mysql:8.0",
        "redis:7",
        "wordpress",
        "buoyantio/emojivoto-web:v10",
        "alpine/socat:latest",
        "hashicorp/vault:1.15.4",
        "envoyproxy/ratelimit:master",
        "nginx/unit:1.32.0",
        "<repository_uri_service_a>"
      })
  void imageWithoutSidecarEvidenceIsAnotherApp(String image) {
    assertThat(besideAnApp(image)).isEqualTo("app");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          istio-proxy           | sidecar istio-proxy sidecar
          linkerd-proxy         | sidecar linkerd-proxy sidecar
          envoy                 | sidecar envoy sidecar
          ecs-service-connect-7hq2x | sidecar envoy sidecar
          xray-daemon           | sidecar xray-daemon sidecar
          xray-sidecar          | sidecar xray-daemon sidecar
          xray                  | sidecar xray-daemon sidecar
          fluent-bit-sidecar    | sidecar fluent-bit sidecar
          fluentd               | sidecar fluentd sidecar
          aws-otel-collector    | sidecar otel-collector sidecar
          cloudwatch-agent      | sidecar cloudwatch-agent sidecar
          appconfig-agent       | sidecar appconfig-agent sidecar
          vault-agent           | sidecar vault-agent sidecar
          secrets-manager-agent | sidecar secrets-agent sidecar
          secrets-agent         | sidecar secrets-agent sidecar
          datadog-agent         | sidecar datadog-agent sidecar
          cloud-sql-proxy       | sidecar cloud-sql-proxy ambassador
          """)
  void containerNameNamesTheKindWhenTheImageSaysNothing(String name, String expected) {
    List<Container> classified =
        classifier.classify(
            pod("p").containers(container("shop", APP_IMAGE), container(name, PLAIN_IMAGE)).spec());

    assertThat(describe(classified, name)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          2000 | UDP | sidecar xray-daemon sidecar
          2772 | TCP | sidecar appconfig-agent sidecar
          2773 | TCP | sidecar secrets-agent sidecar
          2000 | TCP | app
          """)
  void wellKnownPortNamesTheKind(int number, String protocol, String expected) {
    List<Container> classified =
        classifier.classify(
            pod("p")
                .containers(
                    container("shop", APP_IMAGE),
                    container("helper", PLAIN_IMAGE)
                        .port(new Port(number, protocol, java.util.Optional.empty())))
                .spec());

    assertThat(describe(classified, "helper")).isEqualTo(expected);
  }

  @Test
  void imageEvidenceOutranksTheContainerName() {
    List<Container> classified =
        classifier.classify(
            pod("p")
                .containers(
                    container("shop", APP_IMAGE), container("envoy", "istio/proxyv2:1.22.0"))
                .spec());

    assertThat(describe(classified, "envoy")).isEqualTo("sidecar istio-proxy sidecar");
  }

  @Test
  void envoyNamedContainerInAnAppMeshPodIsTheAppMeshEnvoy() {
    List<Container> classified =
        classifier.classify(
            pod("p")
                .annotations(Map.of("appmesh.k8s.aws/mesh", "my-mesh"))
                .containers(container("shop", APP_IMAGE), container("envoy", PLAIN_IMAGE))
                .spec());

    assertThat(describe(classified, "envoy")).isEqualTo("sidecar appmesh-envoy sidecar");
  }

  @Test
  void containerListedInTheIstioStatusAnnotationIsTheIstioProxyWhateverItsName() {
    String status =
        "{\"initContainers\":[\"istio-init\"],\"containers\":[\"mesh-proxy\"],"
            + "\"volumes\":[\"istio-envoy\"],\"imagePullSecrets\":null,\"revision\":\"default\"}";
    List<Container> classified =
        classifier.classify(
            pod("p")
                .annotations(Map.of("sidecar.istio.io/status", status))
                .containers(container("shop", APP_IMAGE), container("mesh-proxy", PLAIN_IMAGE))
                .spec());

    assertThat(describe(classified, "mesh-proxy")).isEqualTo("sidecar istio-proxy sidecar");
  }

  @Test
  void istioStatusAnnotationThatIsNotJsonListsNothing() {
    List<Container> classified =
        classifier.classify(
            pod("p")
                .annotations(Map.of("sidecar.istio.io/status", "{not json [\"mesh-proxy\""))
                .containers(container("shop", APP_IMAGE), container("mesh-proxy", PLAIN_IMAGE))
                .spec());

    assertThat(describe(classified, "mesh-proxy")).isEqualTo("app");
  }

  @Test
  void linkerdPortsInALinkerdPodAreTheLinkerdProxy() {
    List<Container> classified =
        classifier.classify(
            pod("p")
                .annotations(Map.of("linkerd.io/proxy-version", "stable-2.14.10"))
                .containers(
                    container("shop", APP_IMAGE),
                    container("proxy", PLAIN_IMAGE).port(Port.tcp(4143)).port(Port.tcp(4191)))
                .spec());

    assertThat(describe(classified, "proxy")).isEqualTo("sidecar linkerd-proxy sidecar");
  }

  @Test
  void linkerdPortsOutsideALinkerdPodSayNothing() {
    List<Container> classified =
        classifier.classify(
            pod("p")
                .containers(
                    container("shop", APP_IMAGE),
                    container("proxy", PLAIN_IMAGE).port(Port.tcp(4143)).port(Port.tcp(4191)))
                .spec());

    assertThat(describe(classified, "proxy")).isEqualTo("app");
  }

  @Test
  void vaultImageRunAsAgentIsTheVaultAgent() {
    List<Container> classified =
        classifier.classify(
            pod("p")
                .containers(
                    container("shop", APP_IMAGE),
                    container("secrets", "hashicorp/vault:1.15.4")
                        .command(List.of("agent", "-config=/vault/config/agent.hcl")))
                .spec());

    assertThat(describe(classified, "secrets")).isEqualTo("sidecar vault-agent sidecar");
  }

  @Test
  void vaultImageRunAsAgentThroughAShellIsTheVaultAgent() {
    // The shape the Vault injector writes.
    List<Container> classified =
        classifier.classify(
            pod("p")
                .containers(
                    container("shop", APP_IMAGE),
                    container("secrets", "hashicorp/vault:1.18.1")
                        .command(
                            List.of(
                                "/bin/sh",
                                "-ec",
                                "echo ${VAULT_CONFIG?} | base64 -d > /home/vault/config.json"
                                    + " && vault agent -config=/home/vault/config.json")))
                .spec());

    assertThat(describe(classified, "secrets")).isEqualTo("sidecar vault-agent sidecar");
  }

  @Test
  void vaultImageInAPodTheInjectorServesIsTheVaultAgent() {
    List<Container> classified =
        classifier.classify(
            pod("p")
                .annotations(Map.of("vault.hashicorp.com/agent-inject", "true"))
                .containers(
                    container("shop", APP_IMAGE), container("secrets", "hashicorp/vault:1.15.4"))
                .spec());

    assertThat(describe(classified, "secrets")).isEqualTo("sidecar vault-agent sidecar");
  }

  @Test
  void vaultImageRunAsServerIsNotASidecar() {
    List<Container> classified =
        classifier.classify(
            pod("p")
                .containers(
                    container("shop", APP_IMAGE),
                    container("vault", "hashicorp/vault:1.15.4")
                        .command(List.of("server", "-config=/vault/config")))
                .spec());

    assertThat(describe(classified, "vault")).isEqualTo("app");
  }

  @Test
  void containerNamedByEcsProxyConfigurationIsTheAppMeshEnvoyWhateverItsImage() {
    List<Container> classified =
        classifier.classify(
            taskDefinition("t")
                .appMeshProxy("proxy")
                .containers(
                    container("shop", APP_IMAGE), container("proxy", "envoyproxy/envoy:v1.30.1"))
                .spec());

    assertThat(describe(classified, "proxy")).isEqualTo("sidecar appmesh-envoy sidecar");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          fluentbit | sidecar fluent-bit sidecar
          FLUENTBIT | sidecar fluent-bit sidecar
          fluentd   | sidecar fluentd sidecar
          """)
  void fireLensTypeNamesTheLogRouterKind(String type, String expected) {
    List<Container> classified =
        classifier.classify(
            taskDefinition("t")
                .containers(
                    logRouter("log_router", PLAIN_IMAGE, type), container("shop", APP_IMAGE))
                .spec());

    assertThat(describe(classified, "log_router")).isEqualTo(expected);
  }

  @Test
  void containerOnTheXrayDaemonAddressIsTheXrayDaemonWhateverItsImage() {
    List<Container> classified =
        classifier.classify(
            pod("p")
                .containers(
                    container("shop", APP_IMAGE).env("AWS_XRAY_DAEMON_ADDRESS", "localhost:2000"),
                    container("tracer", "acme/trace-forwarder:2").port(Port.udp(2000)))
                .spec());

    assertThat(describe(classified, "tracer")).isEqualTo("sidecar xray-daemon sidecar");
  }

  @Test
  void xrayDaemonAddressOnACustomPortFindsTheContainerDeclaringIt() {
    List<Container> classified =
        classifier.classify(
            pod("p")
                .containers(
                    container("shop", APP_IMAGE)
                        .env("AWS_XRAY_DAEMON_ADDRESS", "tcp:127.0.0.1:3000 udp:127.0.0.1:3001"),
                    container("tracer", "acme/trace-forwarder:2").port(Port.udp(3001)))
                .spec());

    assertThat(describe(classified, "tracer")).isEqualTo("sidecar xray-daemon sidecar");
  }

  @Test
  void xrayDaemonAddressNamingAContainerFindsThatContainer() {
    // ECS bridge networking: the app reaches a linked container by its name.
    List<Container> classified =
        classifier.classify(
            taskDefinition("t")
                .containers(
                    container("shop", APP_IMAGE).env("AWS_XRAY_DAEMON_ADDRESS", "tracer:2000"),
                    container("tracer", "acme/trace-forwarder:2"))
                .spec());

    assertThat(describe(classified, "tracer")).isEqualTo("sidecar xray-daemon sidecar");
  }

  @Test
  void xrayDaemonAddressOnAnotherHostSaysNothingAboutThePod() {
    List<Container> classified =
        classifier.classify(
            pod("p")
                .containers(
                    container("shop", APP_IMAGE)
                        .env("AWS_XRAY_DAEMON_ADDRESS", "xray-daemon.observability:2100"),
                    container("tracer", "acme/trace-forwarder:2").port(Port.udp(2100)))
                .spec());

    assertThat(describe(classified, "tracer")).isEqualTo("app");
  }
}
