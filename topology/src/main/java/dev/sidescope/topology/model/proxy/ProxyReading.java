package dev.sidescope.topology.model.proxy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One poll of one proxy sidecar's admin API.
 *
 * @param subject the sidecar container's id in the picture; for a proxy given only by its admin URL
 *     and matching no container, {@code proxy/<admin URL>}
 * @param admin where it was read, e.g. {@code http://127.0.0.1:15000} or {@code port-forward
 *     shop/order-service-5f7c9-x2k4q:9901}
 * @param kind {@code envoy} or {@code linkerd}
 * @param server what {@code /server_info} says; for Linkerd, a server named after the pod, {@code
 *     LIVE} when its {@code /ready} answers
 * @param upstreams the upstream clusters, by name
 * @param measuring true until a second poll gives rates: the figures are not there yet
 * @param at when the poll finished
 */
public record ProxyReading(
    String subject,
    String admin,
    String kind,
    ProxyServer server,
    List<UpstreamReading> upstreams,
    boolean measuring,
    Instant at) {

  /** The subject of a proxy known only by its admin URL. */
  public static String unmatchedSubject(String adminUrl) {
    return "proxy/" + adminUrl;
  }

  public ProxyReading {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(server, "server");
    upstreams = List.copyOf(upstreams);
    Objects.requireNonNull(at, "at");
  }
}
