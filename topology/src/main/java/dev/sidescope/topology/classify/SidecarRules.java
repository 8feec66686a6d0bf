package dev.sidescope.topology.classify;

import static dev.sidescope.topology.model.SidecarKind.APPCONFIG_AGENT;
import static dev.sidescope.topology.model.SidecarKind.APPMESH_ENVOY;
import static dev.sidescope.topology.model.SidecarKind.CLOUDWATCH_AGENT;
import static dev.sidescope.topology.model.SidecarKind.CLOUD_SQL_PROXY;
import static dev.sidescope.topology.model.SidecarKind.DATADOG_AGENT;
import static dev.sidescope.topology.model.SidecarKind.ENVOY;
import static dev.sidescope.topology.model.SidecarKind.EXPORTER;
import static dev.sidescope.topology.model.SidecarKind.FLUENTD;
import static dev.sidescope.topology.model.SidecarKind.FLUENT_BIT;
import static dev.sidescope.topology.model.SidecarKind.ISTIO_PROXY;
import static dev.sidescope.topology.model.SidecarKind.LINKERD_PROXY;
import static dev.sidescope.topology.model.SidecarKind.NGINX;
import static dev.sidescope.topology.model.SidecarKind.OTEL_COLLECTOR;
import static dev.sidescope.topology.model.SidecarKind.SECRETS_AGENT;
import static dev.sidescope.topology.model.SidecarKind.VAULT_AGENT;
import static dev.sidescope.topology.model.SidecarKind.XRAY_DAEMON;

import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.Variant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sidecar table: every way Sidescope recognises a sidecar kind, one row per way.
 *
 * <p>How the classifier reads it: a container takes the kind of its strongest evidence — declared
 * by the workload (ECS {@code proxyConfiguration} or {@code firelensConfiguration}, an injector's
 * status annotation), then its image, then another container's address variable pointing at it,
 * then its name, then its ports. Among rows with the same strength of evidence, the earlier row
 * wins; that is why App Mesh's "envoy in an App Mesh pod" row comes before plain Envoy's "envoy".
 *
 * <p>Image patterns match the repository whatever the registry, tag or digest: {@code
 * public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod} and {@code
 * 840364872350.dkr.ecr.us-west-2.amazonaws.com/aws-appmesh-envoy@sha256:...} both read as {@code
 * *}{@code /aws-appmesh-envoy}.
 */
final class SidecarRules {

  /** The table, in priority order. */
  static final List<Rule> STANDARD =
      table(
          // Declared by the workload: stronger than anything an image or a name suggests.
          Rule.of(APPMESH_ENVOY).proxyConfiguration("APPMESH"),
          Rule.of(FLUENT_BIT).firelens("fluentbit"),
          Rule.of(FLUENTD).firelens("fluentd"),
          Rule.of(ISTIO_PROXY).listedIn("sidecar.istio.io/status"),

          // Mesh proxies. Istio and App Mesh ship Envoy too, so they come before plain Envoy.
          Rule.of(ISTIO_PROXY)
              .images("istio/proxyv2", "istio-release/proxyv2", "*/proxyv2")
              .names("istio-proxy"),
          Rule.of(APPMESH_ENVOY).images("appmesh/aws-appmesh-envoy", "*/aws-appmesh-envoy"),
          // The App Mesh injector names its Envoy "envoy"; the pod's annotations tell it apart.
          Rule.of(APPMESH_ENVOY).names("envoy").whenAnnotation("appmesh.k8s.aws/"),
          Rule.of(LINKERD_PROXY).images("linkerd/proxy", "linkerd-io/proxy").names("linkerd-proxy"),
          // Linkerd's inbound (4143) and admin (4191) ports, in a pod Linkerd has touched.
          Rule.of(LINKERD_PROXY)
              .ports(Port.tcp(4143), Port.tcp(4191))
              .whenAnnotation("linkerd.io/"),
          Rule.of(ENVOY)
              .images(
                  "envoyproxy/envoy*", "*/envoy", "kumahq/kuma-dp", "hashicorp/consul-dataplane")
              .names("envoy", "envoy-sidecar", "envoy-proxy"),
          // ECS Service Connect's proxy is Envoy: ECS adds it to every task of a Service Connect
          // service (it shows in DescribeTasks, never in the task definition), named
          // ecs-service-connect-<suffix>.
          Rule.of(ENVOY).images("*/ecs-service-connect-agent").names("ecs-service-connect-*"),

          // Telemetry and logs.
          Rule.of(XRAY_DAEMON)
              .images("amazon/aws-xray-daemon", "xray/aws-xray-daemon", "*/aws-xray-daemon")
              .names("xray-daemon", "xray-sidecar", "xray", "aws-xray-daemon", "xray-agent")
              .ports(Port.udp(2000))
              .addressedBy("AWS_XRAY_DAEMON_ADDRESS"),
          Rule.of(OTEL_COLLECTOR)
              .images(
                  "otel/opentelemetry-collector*",
                  "*/opentelemetry-collector*",
                  "*/aws-otel-collector",
                  "*/splunk-otel-collector")
              .names("otel-collector", "aws-otel-collector", "opentelemetry-collector"),
          Rule.of(CLOUDWATCH_AGENT)
              .images("amazon/cloudwatch-agent", "*/cloudwatch-agent")
              .names("cloudwatch-agent", "cwagent", "cw-agent"),
          Rule.of(DATADOG_AGENT)
              .images(
                  "datadog/agent", "datadoghq/agent", "datadog/docker-dd-agent", "*/datadog-agent")
              .names("datadog-agent"),
          Rule.of(FLUENT_BIT)
              .images("fluent/fluent-bit", "*/fluent-bit*", "*/aws-for-fluent-bit*")
              .names("fluent-bit*", "fluentbit*"),
          Rule.of(FLUENTD).images("fluent/fluentd*", "*/fluentd*").names("fluentd*"),

          // Config and secrets, each on its well-known localhost port.
          Rule.of(APPCONFIG_AGENT)
              .images("aws-appconfig/aws-appconfig-agent", "*/aws-appconfig-agent")
              .names("appconfig-agent", "aws-appconfig-agent")
              .ports(Port.tcp(2772)),
          Rule.of(VAULT_AGENT).names("vault-agent"),
          // The Vault image is also the Vault server: only "vault agent" is a sidecar.
          Rule.of(VAULT_AGENT)
              .images("hashicorp/vault", "*/vault", "*/vault-enterprise")
              .whenCommand("agent"),
          Rule.of(VAULT_AGENT)
              .images("hashicorp/vault", "*/vault", "*/vault-enterprise")
              .whenAnnotation("vault.hashicorp.com/agent-inject"),
          // AWS ships the Secrets Manager Agent as source; teams name their own images.
          Rule.of(SECRETS_AGENT)
              .images("*/*secretsmanager-agent*", "*/*secrets-manager-agent*")
              .names(
                  "secrets-manager-agent",
                  "secretsmanager-agent",
                  "aws-secretsmanager-agent",
                  "secrets-agent")
              .ports(Port.tcp(2773)),

          // Outbound only: the app dials localhost and the proxy dials the database.
          Rule.of(CLOUD_SQL_PROXY)
              .variant(Variant.AMBASSADOR)
              .images(
                  "cloudsql-docker/gce-proxy",
                  "cloud-sql-connectors/cloud-sql-proxy",
                  "*/cloud-sql-proxy")
              .names("cloud-sql-proxy", "cloudsql-proxy"),

          // Exporters restate the app's metrics for Prometheus (and the NGINX exporter is one of
          // them, not an nginx).
          Rule.of(EXPORTER)
              .variant(Variant.ADAPTER)
              .images(
                  "prom/statsd-exporter", "bitnami/jmx-exporter", "*/*-exporter", "*/*_exporter"),

          // A health or reverse proxy in front of the app; a lone nginx is the app.
          Rule.of(NGINX)
              .images("nginx", "*/nginx", "nginxinc/nginx-unprivileged", "*/nginx-unprivileged")
              .names("nginx")
              .onlyBesideAnApp());

  private SidecarRules() {}

  private static List<Rule> table(Rule.Builder... rows) {
    return Stream.of(rows).map(Rule.Builder::build).toList();
  }
}
