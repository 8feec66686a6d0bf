package dev.sidescope.views.console;

import dev.sidescope.topology.model.proxy.ProxyReading;
import dev.sidescope.topology.model.proxy.ProxyServer;
import java.util.Objects;

/**
 * What the Envoy tab says of the proxy itself, written out.
 *
 * @param name the name it runs under
 * @param version e.g. "1.29.6"; "unknown" where it does not say
 * @param state e.g. "LIVE", "DRAINING"
 * @param live whether it serves traffic; when not, the state shows in a warning colour
 * @param uptime "3 h 12 min"; "unknown" where it does not say
 * @param admin where it was read, e.g. "http://127.0.0.1:15000"
 * @param measuring true until a second poll gives rates
 */
public record ProxyServerView(
    String name,
    String version,
    String state,
    boolean live,
    String uptime,
    String admin,
    boolean measuring) {

  /** What stands under the figures while the first poll is the only one. */
  public static final String MEASURING = "measuring — rates after the next poll";

  public ProxyServerView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(uptime, "uptime");
    Objects.requireNonNull(admin, "admin");
  }

  static ProxyServerView of(ProxyReading r) {
    ProxyServer s = r.server();
    return new ProxyServerView(
        s.name(),
        s.version().orElse("unknown"),
        s.state(),
        s.live(),
        s.uptimeSeconds().isPresent() ? Figures.uptime(s.uptimeSeconds().getAsLong()) : "unknown",
        r.admin(),
        r.measuring());
  }
}
