package dev.sidescope.samples.linkerd;

import java.time.Instant;
import java.util.Objects;

/**
 * One {@code linkerd-proxy} sidecar of a served sample.
 *
 * @param namespace its pod's namespace
 * @param pod its pod's name
 * @param ip its pod's IP
 * @param version the proxy's version, as its image tag says ({@code stable-2.14.10})
 * @param started when the proxy's container started
 * @param authority what callers of its pod's app name it by ({@code
 *     checkout.payments.svc.cluster.local:8080}), the authority of its inbound series
 * @param appPort the port of its pod's app, the inbound series' target
 */
public record LinkerdProxy(
    String namespace,
    String pod,
    String ip,
    String version,
    Instant started,
    String authority,
    int appPort) {
  public LinkerdProxy {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(authority, "authority");
  }

  /** The container's name, as every injected pod has it. */
  public static final String CONTAINER = "linkerd-proxy";

  /** The port of the proxy's admin server, where it serves {@code /metrics}. */
  public static final int ADMIN_PORT = 4191;

  /** {@code <namespace>/<pod>}. */
  public String podKey() {
    return namespace + "/" + pod;
  }
}
