package dev.sidescope.samples.linkerd;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Linkerd proxies of an expanded sample cluster, and how each name of its traffic model is
 * called through them: what {@link LinkerdCounters} needs to label the traffic as a proxy does.
 *
 * <p>A proxy is a container named {@code linkerd-proxy} (in a regular container or a native
 * sidecar), as the injector names it. A name of the traffic model whose pods a Service selects is
 * called by that Service's authority, {@code <service>.<namespace>.svc.cluster.local:<port>}, and
 * reached on its pods' target port; a name outside the cluster by {@code <name>:<port>} (443 for an
 * AWS endpoint, else 80).
 *
 * <p>Immutable; thread-safe.
 *
 * @param proxies every proxy, in the order of the cluster's pods
 * @param destinations how each name of the traffic model is called, by name
 * @param podIps every pod's IP, by {@code <namespace>/<pod>}
 */
public record SampleLinkerds(
    List<LinkerdProxy> proxies, Map<String, Destination> destinations, Map<String, String> podIps) {

  /**
   * How a name of the traffic model is called.
   *
   * @param authority the {@code :authority} a caller sends
   * @param port the port its pods are reached on (the target address's port)
   */
  public record Destination(String authority, int port) {}

  public SampleLinkerds {
    proxies = List.copyOf(proxies);
    destinations = Collections.unmodifiableMap(new LinkedHashMap<>(destinations));
    podIps = Map.copyOf(podIps);
  }

  /**
   * The proxies of {@code objects} (an expanded cluster: pods with their status), and how each name
   * of {@code podsByName} (the pods each name of the traffic stands for, as {@code
   * <namespace>/<pod>}) and each name in {@code names} without pods is called.
   *
   * @param now when a proxy without a start time is taken to have started
   */
  public static SampleLinkerds find(
      List<HasMetadata> objects,
      Map<String, List<String>> podsByName,
      List<String> names,
      Instant now) {
    Map<String, Pod> pods = new LinkedHashMap<>();
    Map<String, List<Service>> services = new HashMap<>();
    for (HasMetadata o : objects) {
      if (o.getMetadata() == null || o.getMetadata().getName() == null) {
        continue;
      }
      if (o instanceof Pod pod) {
        pods.put(key(pod), pod);
      } else if (o instanceof Service service) {
        services.computeIfAbsent(namespace(service), k -> new ArrayList<>()).add(service);
      }
    }
    Map<String, String> ips = new HashMap<>();
    pods.forEach((k, pod) -> ips.put(k, ip(pod)));
    Map<String, Destination> destinations = new LinkedHashMap<>();
    for (String name : names) {
      List<String> named = podsByName.getOrDefault(name, List.of());
      Pod first = named.isEmpty() ? null : pods.get(named.get(0));
      if (first == null) {
        int port = name.endsWith(".amazonaws.com") ? 443 : 80;
        destinations.put(name, new Destination(name + ":" + port, port));
      } else {
        destinations.put(name, destination(first, services, name));
      }
    }
    List<LinkerdProxy> proxies = new ArrayList<>();
    for (Pod pod : pods.values()) {
      Optional<Container> proxy = containers(pod).filter(SampleLinkerds::isProxy).findFirst();
      if (proxy.isEmpty()) {
        continue;
      }
      Destination own = destination(pod, services, pod.getMetadata().getName());
      proxies.add(
          new LinkerdProxy(
              namespace(pod),
              pod.getMetadata().getName(),
              ip(pod),
              version(pod, proxy.get()),
              started(pod).orElse(now),
              own.authority(),
              own.port()));
    }
    return new SampleLinkerds(proxies, destinations, ips);
  }

  /** The proxy of the pod {@code <namespace>/<pod>}, if it has one. */
  public Optional<LinkerdProxy> proxy(String namespace, String pod) {
    return proxies.stream()
        .filter(p -> p.namespace().equals(namespace) && p.pod().equals(pod))
        .findFirst();
  }

  private static Destination destination(
      Pod pod, Map<String, List<Service>> services, String fallbackName) {
    for (Service service : services.getOrDefault(namespace(pod), List.of())) {
      if (selects(service, pod)) {
        ServicePort port = service.getSpec().getPorts().get(0);
        int servicePort = port.getPort() == null ? 80 : port.getPort();
        return new Destination(
            service.getMetadata().getName()
                + "."
                + namespace(pod)
                + ".svc.cluster.local:"
                + servicePort,
            targetPort(port, pod).orElse(servicePort));
      }
    }
    int appPort = appPort(pod).orElse(80);
    return new Destination(fallbackName + ":" + appPort, appPort);
  }

  private static boolean selects(Service service, Pod pod) {
    if (service.getSpec() == null
        || service.getSpec().getSelector() == null
        || service.getSpec().getSelector().isEmpty()
        || service.getSpec().getPorts() == null
        || service.getSpec().getPorts().isEmpty()) {
      return false;
    }
    Map<String, String> labels =
        Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
    return service.getSpec().getSelector().entrySet().stream()
        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  private static Optional<Integer> targetPort(ServicePort port, Pod pod) {
    IntOrString target = port.getTargetPort();
    if (target == null) {
      return Optional.empty();
    }
    if (target.getIntVal() != null) {
      return Optional.of(target.getIntVal());
    }
    String named = target.getStrVal();
    return containers(pod)
        .flatMap(c -> Objects.requireNonNullElse(c.getPorts(), List.<ContainerPort>of()).stream())
        .filter(p -> named != null && named.equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .filter(Objects::nonNull)
        .findFirst();
  }

  private static Optional<Integer> appPort(Pod pod) {
    return containers(pod)
        .filter(c -> !isProxy(c))
        .flatMap(c -> Objects.requireNonNullElse(c.getPorts(), List.<ContainerPort>of()).stream())
        .map(ContainerPort::getContainerPort)
        .filter(Objects::nonNull)
        .findFirst();
  }

  private static boolean isProxy(Container c) {
    return LinkerdProxy.CONTAINER.equals(c.getName());
  }

  private static Stream<Container> containers(Pod pod) {
    if (pod.getSpec() == null) {
      return Stream.empty();
    }
    return Stream.concat(
        Objects.requireNonNullElse(pod.getSpec().getInitContainers(), List.<Container>of())
            .stream(),
        Objects.requireNonNullElse(pod.getSpec().getContainers(), List.<Container>of()).stream());
  }

  private static String version(Pod pod, Container proxy) {
    Map<String, String> annotations =
        Objects.requireNonNullElse(pod.getMetadata().getAnnotations(), Map.of());
    String annotated = annotations.get("linkerd.io/proxy-version");
    if (annotated != null && !annotated.isBlank()) {
      return annotated;
    }
    String image = Objects.requireNonNullElse(proxy.getImage(), "");
    int colon = image.lastIndexOf(':');
    return colon >= 0 && colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "unknown";
  }

  private static Optional<Instant> started(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    statuses.addAll(
        Objects.requireNonNullElse(
            pod.getStatus().getInitContainerStatuses(), List.<ContainerStatus>of()));
    statuses.addAll(
        Objects.requireNonNullElse(
            pod.getStatus().getContainerStatuses(), List.<ContainerStatus>of()));
    for (ContainerStatus s : statuses) {
      if (LinkerdProxy.CONTAINER.equals(s.getName())
          && s.getState() != null
          && s.getState().getRunning() != null
          && s.getState().getRunning().getStartedAt() != null) {
        try {
          return Optional.of(Instant.parse(s.getState().getRunning().getStartedAt()));
        } catch (DateTimeParseException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static String ip(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getPodIP() != null
        ? pod.getStatus().getPodIP()
        : "127.0.0.1";
  }

  private static String key(Pod pod) {
    return namespace(pod) + "/" + pod.getMetadata().getName();
  }

  private static String namespace(HasMetadata o) {
    return Objects.requireNonNullElse(o.getMetadata().getNamespace(), "default");
  }
}
