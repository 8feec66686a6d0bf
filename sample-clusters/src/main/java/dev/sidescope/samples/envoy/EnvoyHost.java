package dev.sidescope.samples.envoy;

import java.util.Objects;

/**
 * One host of an {@link EnvoyCluster}.
 *
 * <p>Immutable; thread-safe.
 *
 * @param ip the host's address: a pod's IP, or for an external host a fixed address standing for
 *     what DNS gives
 * @param port its port
 * @param podKey {@code <namespace>/<pod>} of the pod behind it; empty for an external host
 */
public record EnvoyHost(String ip, int port, String podKey) {
  public EnvoyHost {
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(podKey, "podKey");
  }

  /** {@code ip:port}, as {@code /clusters} prints it. */
  public String address() {
    return ip + ":" + port;
  }
}
