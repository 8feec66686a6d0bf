package dev.sidescope.samples.kubernetes;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where a port-forward to a sample pod leads: for a pod and a port in it, the loopback address of
 * whatever the sample runs in that pod's place (an Envoy admin endpoint, for instance), or empty
 * when nothing listens there, in which case the forward fails as on a real node when the port is
 * closed.
 *
 * <p>Asked on the API server's event-loop threads once per port of each forward: implementations
 * are thread-safe and answer at once, without I/O.
 */
@FunctionalInterface
public interface PortForwardTargets {
  /** No pod has anything listening: every forward to an existing pod fails on its error channel. */
  PortForwardTargets NONE = (namespace, pod, port) -> Optional.empty();

  /** The address to relay to for {@code port} of pod {@code namespace/pod}, if any. */
  Optional<InetSocketAddress> target(String namespace, String pod, int port);
}
