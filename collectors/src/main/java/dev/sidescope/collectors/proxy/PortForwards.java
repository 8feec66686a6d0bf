package dev.sidescope.collectors.proxy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port-forwards through which pods' admin ports are read: one per pod and port, opened on a
 * loopback port of this machine on first use ({@code pods().inNamespace(ns).withName(pod)
 * .portForward(port, loopback, 0)}), reused poll after poll (the HTTP client keeps its connection
 * through it), dropped when a poll through it fails so that the next opens it afresh, and closed
 * when its pod leaves the sidecars read or the source closes. A port-forward only reads: the
 * Kubernetes API opens a stream to the pod's port, nothing in the cluster changes.
 *
 * <p>Threading: thread-safe; poll threads ask for forwards at once.
 */
final class PortForwards implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PortForwards.class);

  private final KubernetesClient client; // null: no cluster to forward through
  private final Map<ProxyTarget.PodPort, LocalPortForward> open = new HashMap<>();
  private boolean closed;

  PortForwards(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The loopback URL of {@code pod}'s admin port, through a forward opened now or earlier.
   *
   * @throws IOException when there is no Kubernetes client, or the forward cannot be opened
   */
  URI base(ProxyTarget.PodPort pod) throws IOException {
    if (client == null) {
      throw new PortForwardException("no Kubernetes connection to port-forward through", null);
    }
    LocalPortForward forward;
    synchronized (this) {
      if (closed) {
        throw new IOException("the proxy source is closed");
      }
      forward = open.get(pod);
      if (forward != null && !forward.isAlive()) {
        open.remove(pod);
        quietly(forward);
        forward = null;
      }
      if (forward == null) {
        try {
          forward =
              client
                  .pods()
                  .inNamespace(pod.namespace())
                  .withName(pod.pod())
                  // Loopback only: portForward(port) alone listens on every interface, which
                  // would open the admin API to the network.
                  .portForward(pod.port(), InetAddress.getLoopbackAddress(), 0);
        } catch (RuntimeException e) {
          throw new PortForwardException("cannot port-forward: " + rootMessage(e), e);
        }
        open.put(pod, forward);
      }
    }
    return URI.create("http://127.0.0.1:" + forward.getLocalPort());
  }

  /**
   * A poll through {@code pod}'s forward failed: it is closed, and the next poll opens another.
   * Returns what went wrong inside the forward, where it says (the Kubernetes API refusing the
   * stream, the pod's port closed).
   */
  Optional<String> failed(ProxyTarget.PodPort pod) {
    LocalPortForward forward;
    synchronized (this) {
      forward = open.remove(pod);
    }
    Optional<String> why = Optional.empty();
    if (forward != null) {
      List<Throwable> problems = new ArrayList<>(forward.getServerThrowables());
      problems.addAll(forward.getClientThrowables());
      why = problems.stream().findFirst().map(PortForwards::rootMessage);
    }
    quietly(forward);
    return why;
  }

  /** Closes the forwards of pods not in {@code wanted}. */
  void retain(Set<ProxyTarget.PodPort> wanted) {
    Map<ProxyTarget.PodPort, LocalPortForward> gone = new HashMap<>();
    synchronized (this) {
      open.entrySet()
          .removeIf(
              e -> {
                if (!wanted.contains(e.getKey())) {
                  gone.put(e.getKey(), e.getValue());
                  return true;
                }
                return false;
              });
    }
    gone.values().forEach(PortForwards::quietly);
  }

  /** How many forwards are open now. */
  synchronized int openCount() {
    return open.size();
  }

  /** Closes every forward; none opens after. */
  @Override
  public void close() {
    Map<ProxyTarget.PodPort, LocalPortForward> all;
    synchronized (this) {
      closed = true;
      all = new HashMap<>(open);
      open.clear();
    }
    all.values().forEach(PortForwards::quietly);
  }

  private static void quietly(LocalPortForward forward) {
    if (forward == null) {
      return;
    }
    try {
      forward.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Closing a port-forward failed", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return "the Kubernetes API refused";
    }
    m = m.strip();
    return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
  }
}
