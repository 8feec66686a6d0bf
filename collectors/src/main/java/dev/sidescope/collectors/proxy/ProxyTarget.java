package dev.sidescope.collectors.proxy;

import dev.sidescope.topology.model.proxy.ProxyReading;
import java.net.URI;
import java.util.Objects;

/**
 * One proxy sidecar to read, and how to reach its admin API: a URL this machine can open, or a
 * Kubernetes pod's port, reached through a port-forward.
 *
 * @param subject the sidecar container's id in the picture, or {@link
 *     ProxyReading#unmatchedSubject(String)} for a proxy known only by its admin URL
 * @param kind Envoy (its admin API) or Linkerd (its {@code /metrics})
 * @param reach where its admin API is
 */
public record ProxyTarget(String subject, Kind kind, Reach reach) {

  /** Which proxy it is, which decides what is asked of it. */
  public enum Kind {
    /**
     * Envoy, Istio's proxy, App Mesh's Envoy: {@code /server_info}, {@code /clusters}, {@code
     * /stats}.
     */
    ENVOY("envoy", "Envoy"),
    /** Linkerd's proxy: {@code /metrics} and {@code /ready} on its admin port. */
    LINKERD("linkerd", "Linkerd");

    private final String id;
    private final String label;

    Kind(String id, String label) {
      this.id = id;
      this.label = label;
    }

    /** {@code envoy} or {@code linkerd}, as {@link ProxyReading#kind()} says it. */
    public String id() {
      return id;
    }

    /** "Envoy" or "Linkerd", for sentences. */
    public String label() {
      return label;
    }
  }

  /** Where a proxy's admin API is. */
  public sealed interface Reach {
    /** How it appears in a reading and in sentences. */
    String describe();
  }

  /**
   * An admin API this machine reaches directly, e.g. {@code http://127.0.0.1:9901} ({@code
   * --envoy-admin}).
   */
  public record Direct(URI url) implements Reach {
    public Direct {
      Objects.requireNonNull(url, "url");
      if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
        throw new IllegalArgumentException("an admin URL is http://HOST:PORT, not " + url);
      }
    }

    @Override
    public String describe() {
      return url.toString();
    }
  }

  /** A port of a Kubernetes pod, reached through a port-forward of the Kubernetes API. */
  public record PodPort(String namespace, String pod, int port) implements Reach {
    public PodPort {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(pod, "pod");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("not a port: " + port);
      }
    }

    /** {@code port-forward shop/order-service-5f7c9-x2k4q:9901}. */
    @Override
    public String describe() {
      return "port-forward " + namespace + "/" + pod + ":" + port;
    }
  }

  public ProxyTarget {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reach, "reach");
  }

  /** A proxy at an admin URL that matches no container: its subject is made from the URL. */
  public static ProxyTarget direct(Kind kind, URI adminUrl) {
    return new ProxyTarget(
        ProxyReading.unmatchedSubject(adminUrl.toString()), kind, new Direct(adminUrl));
  }

  /** A sidecar of a Kubernetes pod, read through a port-forward. */
  public static ProxyTarget podPort(
      String subject, Kind kind, String namespace, String pod, int port) {
    return new ProxyTarget(subject, kind, new PodPort(namespace, pod, port));
  }

  /**
   * How a person knows this sidecar in a sentence: {@code shop/order-service-5f7c9-x2k4q} for a
   * pod's, the admin URL for one given by URL.
   */
  public String displayName() {
    return reach instanceof PodPort p ? p.namespace() + "/" + p.pod() : reach.describe();
  }
}
