package dev.sidescope.views.picture;

import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.picture.NodeStyle;
import java.util.Optional;

/**
 * The short tag a node wears so a person tells its kind at a glance, and the hue that goes with it:
 * {@code APP} blue, each sidecar kind its own tag in its family's hue (mesh proxies violet, log
 * routers green, telemetry amber, config and secrets brown, the rest teal or grey), {@code SVC}
 * fuchsia for an upstream service, {@code AWS} orange for an AWS sink.
 *
 * @param text the tag, at most about ten characters
 * @param hue the tag's colour as {@code #rrggbb}, readable on light and dark backgrounds alike
 * @param description what the tag means, for the legend
 */
public record NodeTag(String text, String hue, String description) {

  public static NodeTag of(NodeStyle style, Optional<SidecarKind> kind) {
    return switch (style) {
      case APP -> new NodeTag("APP", "#2563eb", "app container");
      case INIT -> new NodeTag("INIT", "#64748b", "init container");
      case SIDECAR -> ofSidecar(kind.orElse(SidecarKind.UNKNOWN));
      case SERVICE -> new NodeTag("SVC", "#c026d3", "upstream service");
      case AWS -> new NodeTag("AWS", "#ea580c", "AWS service");
      case VAULT -> new NodeTag("VAULT", "#ca8a04", "HashiCorp Vault");
      case EXTERNAL -> new NodeTag("EXT", "#6b7280", "external host");
    };
  }

  public static NodeTag ofSidecar(SidecarKind kind) {
    String d = kind.label() + " sidecar";
    return switch (kind) {
      case ENVOY -> new NodeTag("ENVOY", "#7c3aed", d);
      case ISTIO_PROXY -> new NodeTag("ISTIO", "#6d28d9", d);
      case APPMESH_ENVOY -> new NodeTag("MESH", "#8b5cf6", d);
      case LINKERD_PROXY -> new NodeTag("LINKERD", "#5b21b6", d);
      case NGINX -> new NodeTag("NGINX", "#9333ea", d);
      case FLUENT_BIT -> new NodeTag("FLUENTBIT", "#16a34a", d);
      case FLUENTD -> new NodeTag("FLUENTD", "#15803d", d);
      case XRAY_DAEMON -> new NodeTag("XRAY", "#d97706", d);
      case OTEL_COLLECTOR -> new NodeTag("OTEL", "#b45309", d);
      case CLOUDWATCH_AGENT -> new NodeTag("CWAGENT", "#f59e0b", d);
      case DATADOG_AGENT -> new NodeTag("DATADOG", "#92400e", d);
      case APPCONFIG_AGENT -> new NodeTag("APPCONFIG", "#a16207", d);
      case VAULT_AGENT -> new NodeTag("VAULT", "#854d0e", d);
      case SECRETS_AGENT -> new NodeTag("SECRETS", "#713f12", d);
      case CLOUD_SQL_PROXY -> new NodeTag("SQLPROXY", "#0891b2", d);
      case EXPORTER -> new NodeTag("EXPORTER", "#0d9488", d);
      case UNKNOWN -> new NodeTag("SIDECAR", "#0f766e", "sidecar of an unknown kind");
    };
  }
}
