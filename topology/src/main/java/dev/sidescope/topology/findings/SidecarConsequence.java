package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.SidecarKind;

/**
 * What follows for the app when a sidecar of a given kind is not doing its job: the second half of
 * a finding's sentence ("..., so traces from order-service are not reaching X-Ray"), and whether
 * the app's own traffic depends on it.
 */
final class SidecarConsequence {
  private SidecarConsequence() {}

  /**
   * True for sidecars that requests pass through: when one is down, the app is down for its callers
   * or cannot reach what it calls. The rest lose telemetry, logs, config or secrets refresh, which
   * hurts later, not now.
   */
  static boolean carriesTraffic(SidecarKind kind) {
    return kind.isMeshProxy() || kind == SidecarKind.NGINX || kind == SidecarKind.CLOUD_SQL_PROXY;
  }

  /** What goes wrong while the sidecar is down, e.g. "traces from order-service are not ..." */
  static String whileDown(SidecarKind kind, String apps) {
    return switch (kind) {
      case ENVOY, ISTIO_PROXY, APPMESH_ENVOY, LINKERD_PROXY ->
          "requests to and from " + apps + " fail";
      case NGINX -> "requests through it to " + apps + " fail";
      case FLUENT_BIT, FLUENTD -> "logs from " + apps + " are not being shipped";
      case XRAY_DAEMON -> "traces from " + apps + " are not reaching X-Ray";
      case OTEL_COLLECTOR -> "telemetry from " + apps + " is not being exported";
      case CLOUDWATCH_AGENT -> "metrics and logs from " + apps + " are not reaching CloudWatch";
      case APPCONFIG_AGENT ->
          apps + " cannot fetch or refresh its configuration from AWS AppConfig";
      case VAULT_AGENT -> apps + " cannot get or renew its secrets from Vault";
      case SECRETS_AGENT -> apps + " cannot get or refresh its secrets";
      case DATADOG_AGENT -> "metrics and traces from " + apps + " are not reaching Datadog";
      case CLOUD_SQL_PROXY -> apps + " cannot reach its Cloud SQL database";
      case EXPORTER -> "metrics about " + apps + " are not being exported";
      case UNKNOWN -> apps + " goes without whatever this sidecar provides";
    };
  }

  /** What goes wrong when the sidecar was never there. */
  static String whenMissing(SidecarKind kind, String apps) {
    return kind.isMeshProxy()
        ? "traffic to and from " + apps + " bypasses the mesh"
        : whileDown(kind, apps);
  }
}
