package dev.sidescope.samples.logs;

import java.util.List;
import java.util.Locale;

/**
 * The format a container writes its log in, told from its name and image as Sidescope's classifier
 * tells sidecars apart: each sidecar's own, checked against real ones, and JSON lines for apps.
 */
public enum LogFormat {
  /** Envoy's default access log, after its start-up lines. */
  ENVOY,
  /**
   * The App Mesh Envoy's: Envoy's default access log with the request's {@code x-amzn-trace-id}
   * after it, as App Mesh meshes traced by X-Ray log it, so that an access line opens its trace.
   */
  APPMESH_ENVOY,
  /** Istio's access log, with response details, upstream cluster and peer addresses. */
  ISTIO_PROXY,
  /** {@code istio-init}'s iptables listing (a classic init container). */
  ISTIO_INIT,
  /** Fluent Bit's {@code [YYYY/MM/DD HH:MM:SS] [ info] [...]} lines. */
  FLUENT_BIT,
  /** The X-Ray daemon's {@code [Info]} lines. */
  XRAY,
  /** Vault agent's {@code [INFO] agent...} lines. */
  VAULT,
  /** NGINX's combined format (health checks). */
  NGINX,
  /** The AppConfig agent's lines. */
  APPCONFIG,
  /**
   * {@code key=value} lines of the other sidecars (collectors, exporters, proxies to databases).
   */
  LOGFMT,
  /** An application's JSON lines. */
  APP_JSON;

  private static final List<String> LOGFMT_SIDECARS =
      List.of("otel", "datadog", "cloud-sql-proxy", "exporter", "linkerd", "cloudwatch-agent");

  /**
   * The format of the container {@code name} running {@code image}.
   *
   * @param classicInit whether it is an init container that runs to completion before the others
   */
  public static LogFormat of(String name, String image, boolean classicInit) {
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
    String i = image == null ? "" : image.toLowerCase(Locale.ROOT);
    if (classicInit) {
      return n.contains("istio") ? ISTIO_INIT : LOGFMT;
    }
    if (n.equals("istio-proxy") || i.contains("istio/proxyv2")) {
      return ISTIO_PROXY;
    }
    if (i.contains("aws-appmesh-envoy")) {
      return APPMESH_ENVOY;
    }
    if (i.contains("envoy") || n.contains("envoy")) {
      return ENVOY;
    }
    if (i.contains("fluent-bit") || n.contains("fluent-bit") || n.contains("fluentbit")) {
      return FLUENT_BIT;
    }
    if (i.contains("xray") || n.contains("xray")) {
      return XRAY;
    }
    if (i.contains("vault") || n.contains("vault")) {
      return VAULT;
    }
    if (i.contains("nginx")) {
      return NGINX;
    }
    if (i.contains("appconfig") || n.contains("appconfig")) {
      return APPCONFIG;
    }
    for (String sidecar : LOGFMT_SIDECARS) {
      if (i.contains(sidecar) || n.contains(sidecar)) {
        return LOGFMT;
      }
    }
    return APP_JSON;
  }
}
