package dev.sidescope.topology.model;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of sidecar Sidescope recognises, with the ids written in snapshots (DESIGN.md). */
public enum SidecarKind {
  ENVOY("envoy", "Envoy"),
  ISTIO_PROXY("istio-proxy", "Istio proxy"),
  APPMESH_ENVOY("appmesh-envoy", "App Mesh Envoy"),
  LINKERD_PROXY("linkerd-proxy", "Linkerd proxy"),
  NGINX("nginx", "NGINX"),
  FLUENT_BIT("fluent-bit", "Fluent Bit"),
  FLUENTD("fluentd", "Fluentd"),
  XRAY_DAEMON("xray-daemon", "X-Ray daemon"),
  OTEL_COLLECTOR("otel-collector", "OpenTelemetry Collector"),
  CLOUDWATCH_AGENT("cloudwatch-agent", "CloudWatch agent"),
  APPCONFIG_AGENT("appconfig-agent", "AppConfig agent"),
  VAULT_AGENT("vault-agent", "Vault agent"),
  SECRETS_AGENT("secrets-agent", "Secrets agent"),
  DATADOG_AGENT("datadog-agent", "Datadog agent"),
  CLOUD_SQL_PROXY("cloud-sql-proxy", "Cloud SQL proxy"),
  EXPORTER("exporter", "Exporter"),
  UNKNOWN("unknown", "Sidecar");

  private final String id;
  private final String label;

  SidecarKind(String id, String label) {
    this.id = id;
    this.label = label;
  }

  /** The id written in snapshots, e.g. {@code xray-daemon}. */
  public String id() {
    return id;
  }

  /** A short human name, e.g. "X-Ray daemon". */
  public String label() {
    return label;
  }

  /** True for proxies that carry the app's traffic (a mesh data plane). */
  public boolean isMeshProxy() {
    return this == ENVOY || this == ISTIO_PROXY || this == APPMESH_ENVOY || this == LINKERD_PROXY;
  }

  /** The kind with this snapshot id, if any. */
  public static Optional<SidecarKind> fromId(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }
}
