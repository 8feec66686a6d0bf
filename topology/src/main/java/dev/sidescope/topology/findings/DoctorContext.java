package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the doctor examines at once: the classified workloads and the services they can call
 * by name, indexed for the questions rules ask. Thread-safe; what it works out on first ask
 * (owners' censuses, parsed addresses, the namespaces seen) depends on its arguments alone, so it
 * is immutable in all that a rule can tell.
 */
public final class DoctorContext {
  private final List<Workload> workloads;
  private final List<ServiceSpec> services;

  private final Map<OwnerKey, List<Workload>> byOwner;

  private final Map<ServiceKey, ServiceSpec> servicesByName;

  /**
   * The namespaces some workload or service was seen in, gathered on first ask (only a rare finding
   * asks); a race gathers them twice, to equal sets.
   */
  private volatile Set<NamespaceKey> namespaces;

  /**
   * {@link XRayDaemonAddress#parse} of each value seen in this examination: the replicas of a
   * workload repeat the same values.
   */
  private final Map<String, Optional<XRayDaemonAddress>> xrayDaemonAddresses =
      new ConcurrentHashMap<>();

  /**
   * Each owner's sidecar census, counted when the first of its workloads is examined: once per
   * owner, and while that owner's workloads are about to be looked at anyway.
   */
  private final Map<OwnerKey, SidecarCensus> censuses = new ConcurrentHashMap<>();

  /** Indexes the given workloads and services. */
  public DoctorContext(List<Workload> workloads, List<ServiceSpec> services) {
    this.workloads = List.copyOf(workloads);
    this.services = List.copyOf(services);
    Map<OwnerKey, List<Workload>> groups = new HashMap<>();
    for (Workload w : this.workloads) {
      if (w.owner().isPresent()) {
        groups.computeIfAbsent(OwnerKey.of(w), k -> new ArrayList<>()).add(w);
      }
    }
    groups.replaceAll((owner, members) -> List.copyOf(members));
    this.byOwner = groups;
    Map<ServiceKey, ServiceSpec> index = new HashMap<>();
    for (ServiceSpec s : this.services) {
      index.putIfAbsent(new ServiceKey(s.platform(), s.namespace(), s.name()), s);
    }
    this.servicesByName = Map.copyOf(index);
  }

  /** All workloads, in the order given. */
  public List<Workload> workloads() {
    return workloads;
  }

  /** All services, in the order given. */
  public List<ServiceSpec> services() {
    return services;
  }

  /**
   * The other workloads of the same owner on the same platform and namespace (cluster); empty for a
   * workload with no owner.
   */
  public List<Workload> siblings(Workload workload) {
    if (workload.owner().isEmpty()) {
      return List.of();
    }
    return byOwner.getOrDefault(OwnerKey.of(workload), List.of()).stream()
        .filter(w -> !w.id().equals(workload.id()))
        .toList();
  }

  /**
   * The sidecars run by the workloads of the same owner on the same platform and namespace, the
   * workload's own included; empty for a workload with no owner.
   */
  Optional<SidecarCensus> ownerCensus(Workload workload) {
    if (workload.owner().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        censuses.computeIfAbsent(
            OwnerKey.of(workload), key -> new SidecarCensus(byOwner.getOrDefault(key, List.of()))));
  }

  /**
   * The address an {@code AWS_XRAY_DAEMON_ADDRESS} value gives, as {@link XRayDaemonAddress#parse}.
   */
  Optional<XRayDaemonAddress> xrayDaemonAddress(String value) {
    return xrayDaemonAddresses.computeIfAbsent(value, XRayDaemonAddress::parse);
  }

  /** The service of this name in this namespace (ECS: cluster), if known. */
  public Optional<ServiceSpec> service(Platform platform, String namespace, String name) {
    return Optional.ofNullable(servicesByName.get(new ServiceKey(platform, namespace, name)));
  }

  /**
   * True when some workload or service was seen in this namespace: only then can the absence of a
   * service there be trusted.
   */
  public boolean knowsNamespace(Platform platform, String namespace) {
    Set<NamespaceKey> known = namespaces;
    if (known == null) {
      Set<NamespaceKey> seen = new HashSet<>();
      workloads.forEach(w -> seen.add(new NamespaceKey(w.platform(), w.namespace())));
      services.forEach(s -> seen.add(new NamespaceKey(s.platform(), s.namespace())));
      known = Set.copyOf(seen);
      namespaces = known;
    }
    return known.contains(new NamespaceKey(platform, namespace));
  }

  private record OwnerKey(Platform platform, String namespace, String owner) {
    static OwnerKey of(Workload w) {
      return new OwnerKey(w.platform(), w.namespace(), w.owner().orElseThrow());
    }
  }

  private record ServiceKey(Platform platform, String namespace, String name) {}

  private record NamespaceKey(Platform platform, String namespace) {}
}
