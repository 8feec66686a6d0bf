package dev.sidescope.topology.model.proxy;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A proxy's account of itself, from Envoy's {@code /server_info}.
 *
 * @param name the name it runs under ({@code node.id}, else {@code command_line_options
 *     .service_node} or {@code service_cluster}); how an Envoy given only by its admin URL is named
 *     in the picture
 * @param state {@code LIVE}, {@code DRAINING}, {@code PRE_INITIALIZING} or {@code INITIALIZING}
 * @param version e.g. {@code 1.29.6}, where printed
 * @param uptimeSeconds {@code uptime_current_epoch}, where printed
 */
public record ProxyServer(
    String name, String state, Optional<String> version, OptionalLong uptimeSeconds) {

  /** The state of a proxy that serves traffic. */
  public static final String LIVE = "LIVE";

  public ProxyServer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    version = version == null ? Optional.empty() : version;
    uptimeSeconds = uptimeSeconds == null ? OptionalLong.empty() : uptimeSeconds;
  }

  public boolean live() {
    return LIVE.equals(state);
  }
}
