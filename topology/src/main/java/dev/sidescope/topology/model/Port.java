package dev.sidescope.topology.model;

import java.util.Optional;

/**
 * A port a container declares.
 *
 * @param number the container port
 * @param protocol {@code TCP} or {@code UDP} (upper case)
 * @param name the port's name, where the manifest gives one
 */
public record Port(int number, String protocol, Optional<String> name) {
  public Port {
    protocol = protocol == null || protocol.isBlank() ? "TCP" : protocol.toUpperCase();
    name = name == null ? Optional.empty() : name;
  }

  /** A TCP port with no name. */
  public static Port tcp(int number) {
    return new Port(number, "TCP", Optional.empty());
  }

  /** A UDP port with no name. */
  public static Port udp(int number) {
    return new Port(number, "UDP", Optional.empty());
  }
}
