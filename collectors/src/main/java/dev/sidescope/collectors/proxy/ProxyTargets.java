package dev.sidescope.collectors.proxy;

import dev.sidescope.collectors.manifests.ManifestReader;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The proxy sidecars of a picture's workloads that the proxy source can read, and how many it
 * cannot.
 *
 * <p>A Kubernetes pod's proxy sidecar is read through a port-forward of its admin port: {@code
 * istio-proxy} on 15000; another Envoy (plain or App Mesh's) on its container port named {@code
 * admin}, else 9901; Linkerd's proxy on 4191, where it serves {@code /metrics}. A pod that is not
 * running (pending, finished), a proxy container that is not running, and workloads read from
 * manifest files (they are no pods) are left out. An ECS task's proxy is counted, not read: its
 * admin port is inside the task's network, out of this machine's reach.
 *
 * @param targets the sidecars to read, in the order of their subjects
 * @param ecsProxies proxy sidecars of ECS tasks, which cannot be reached from this machine
 */
public record ProxyTargets(List<ProxyTarget> targets, int ecsProxies) {
  /** Istio's proxy serves Envoy's admin API on this port, inside the pod only. */
  public static final int ISTIO_ADMIN_PORT = 15000;

  /** Envoy's usual admin port, App Mesh's too. */
  public static final int ENVOY_ADMIN_PORT = 9901;

  /** Linkerd's proxy serves {@code /metrics} and {@code /ready} on this port. */
  public static final int LINKERD_ADMIN_PORT = 4191;

  /** No sidecar at all. */
  public static final ProxyTargets NONE = new ProxyTargets(List.of(), 0);

  public ProxyTargets {
    targets = List.copyOf(targets);
    if (ecsProxies < 0) {
      throw new IllegalArgumentException("a count cannot be negative: " + ecsProxies);
    }
  }

  /**
   * Every proxy sidecar of {@code workloads}, as the Kubernetes and ECS sources report them (one
   * pod or task each, not grouped into boxes).
   */
  public static ProxyTargets fromWorkloads(List<Workload> workloads) {
    return fromWorkloads(workloads, Optional.empty());
  }

  /** As {@link #fromWorkloads(List)}, only in {@code namespace} where one is given. */
  public static ProxyTargets fromWorkloads(List<Workload> workloads, Optional<String> namespace) {
    List<ProxyTarget> targets = new ArrayList<>();
    int ecs = 0;
    for (Workload w : workloads) {
      if (namespace.isPresent() && !namespace.get().equals(w.namespace())) {
        continue;
      }
      for (Container c : w.containers()) {
        Optional<ProxyTarget.Kind> kind = c.kind().flatMap(ProxyTargets::proxyKind);
        if (kind.isEmpty()) {
          continue;
        }
        if (w.platform() == Platform.ECS) {
          ecs++;
        } else if (readable(w, c)) {
          targets.add(
              ProxyTarget.podPort(
                  c.id(), kind.get(), w.namespace(), w.name(), adminPort(c, kind.get())));
        }
      }
    }
    targets.sort(Comparator.comparing(ProxyTarget::subject));
    return new ProxyTargets(targets, ecs);
  }

  /** The proxy a sidecar kind is, where it is one the source reads. */
  static Optional<ProxyTarget.Kind> proxyKind(SidecarKind kind) {
    return switch (kind) {
      case ENVOY, ISTIO_PROXY, APPMESH_ENVOY -> Optional.of(ProxyTarget.Kind.ENVOY);
      case LINKERD_PROXY -> Optional.of(ProxyTarget.Kind.LINKERD);
      default -> Optional.empty();
    };
  }

  /** A live pod's proxy: reported by a live source, a single pod, running as far as is known. */
  private static boolean readable(Workload w, Container c) {
    if (w.replicas() > 1 || w.spec().source().equals(ManifestReader.SOURCE_ID)) {
      return false;
    }
    if (w.spec().phase().isPresent() && !w.spec().phase().get().equalsIgnoreCase("Running")) {
      return false;
    }
    ContainerState.Phase phase = c.state().phase();
    return phase == ContainerState.Phase.RUNNING || phase == ContainerState.Phase.UNKNOWN;
  }

  /** The port its admin API listens on inside the pod. */
  static int adminPort(Container c, ProxyTarget.Kind kind) {
    if (kind == ProxyTarget.Kind.LINKERD) {
      return LINKERD_ADMIN_PORT;
    }
    if (c.is(SidecarKind.ISTIO_PROXY)) {
      return ISTIO_ADMIN_PORT;
    }
    for (Port p : c.spec().ports()) {
      if (p.name().filter(n -> n.equalsIgnoreCase("admin")).isPresent()) {
        return p.number();
      }
    }
    return ENVOY_ADMIN_PORT;
  }
}
