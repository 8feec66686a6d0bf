package dev.sidescope.views.console;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of the Envoy tab that each snapshot brings: which sidecar, what it says of itself and of
 * its upstream clusters, or why there is nothing to show.
 *
 * @param heading the sidecar's name, e.g. "envoy"; for a proxy known only by its admin URL, the
 *     name it runs under
 * @param subtitle where it runs, e.g. "Pod order-service-5f7c9-x2k4q · shop"
 * @param server its account of itself; empty when it has not been read
 * @param absent one sentence on why it has not been read; empty when it has
 * @param upstreams its upstream clusters, in the table's default order
 */
public record ProxyOverview(
    String heading,
    String subtitle,
    Optional<ProxyServerView> server,
    String absent,
    List<UpstreamRow> upstreams) {
  public ProxyOverview {
    Objects.requireNonNull(heading, "heading");
    Objects.requireNonNull(subtitle, "subtitle");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(absent, "absent");
    upstreams = List.copyOf(upstreams);
  }
}
