package dev.sidescope.samples.envoy;

import dev.sidescope.samples.folder.TrafficFlow;
import dev.sidescope.topology.classify.SidecarClassifier;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.WorkloadSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Envoy sidecars of an expanded sample cluster, and which pods each name of its traffic model
 * stands for: what {@link EnvoyCounters} needs to spread the traffic over pods and what {@link
 * EnvoyAdminEndpoint} serves.
 *
 * <p>An Envoy is a container that Sidescope's own {@link SidecarClassifier} calls an Envoy, an
 * Istio proxy or an App Mesh Envoy, in a regular container or a native sidecar. Its upstream
 * clusters are the flows its pod's workload sends, and the Services its containers' environment
 * names in URLs ({@code http://payment-service:8080}); a cluster's hosts are the pods behind the
 * upstream (the Service's pods for Istio, the workload's pods otherwise), or for a name outside the
 * cluster one fixed address.
 *
 * <p>A name of the traffic model stands for the pods of the controller of that name (a Deployment
 * through its ReplicaSet, a StatefulSet, a Job...), of a bare pod of that name, or failing those of
 * the pods whose {@code app} or {@code app.kubernetes.io/name} label is that name, as X-Ray names
 * them.
 *
 * <p>Immutable; thread-safe.
 *
 * @param sidecars every Envoy, in the order of the cluster's pods
 * @param podsByName the pods ({@code <namespace>/<pod>}) each name of the traffic model stands for,
 *     in a fixed order; a name that stands for none is absent
 */
public record SampleEnvoys(List<EnvoySidecar> sidecars, Map<String, List<String>> podsByName) {
  private static final SidecarClassifier CLASSIFIER = new SidecarClassifier();
  private static final Set<SidecarKind> ENVOYS =
      Set.of(SidecarKind.ENVOY, SidecarKind.ISTIO_PROXY, SidecarKind.APPMESH_ENVOY);
  private static final List<String> APP_LABELS = List.of("app", "app.kubernetes.io/name");
  private static final Pattern URL =
      Pattern.compile("\\b[a-z][a-z0-9+.-]*://([^/\\s:?#]+)(?::(\\d+))?");
  private static final Pattern APPMESH_ARN = Pattern.compile("mesh/([^/]+)/virtualNode/(.+)");
  private static final Map<String, String> ISTIO_ENVOY =
      Map.of(
          "1.20", "1.28.7", "1.21", "1.29.7", "1.22", "1.30.4", "1.23", "1.31.2", "1.24", "1.32.3");
  private static final int DEFAULT_ADMIN_PORT = 9901;
  private static final int ISTIO_ADMIN_PORT = 15000;

  public SampleEnvoys {
    sidecars = List.copyOf(sidecars);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    podsByName.forEach((name, pods) -> copy.put(name, List.copyOf(pods)));
    podsByName = Collections.unmodifiableMap(copy);
  }

  /**
   * The Envoys of {@code objects} (an expanded cluster: pods with their status), whose apps send
   * {@code flows}.
   *
   * @param now when a container without a start time is taken to have started
   */
  public static SampleEnvoys find(List<HasMetadata> objects, List<TrafficFlow> flows, Instant now) {
    return new Finder(objects, now).find(flows);
  }

  /** The Envoy of the pod {@code namespace/pod} listening on {@code adminPort}, if any. */
  public Optional<EnvoySidecar> sidecar(String namespace, String pod, int adminPort) {
    return sidecars.stream()
        .filter(
            s ->
                s.namespace().equals(namespace)
                    && s.pod().equals(pod)
                    && s.adminPort() == adminPort)
        .findFirst();
  }

  /** Does the work of {@link #find}, over indexes built once. */
  private static final class Finder {
    private final Instant now;
    private final List<Pod> pods = new ArrayList<>();
    private final Map<String, HasMetadata> controllers = new HashMap<>();
    private final Map<String, List<Service>> servicesByNamespace = new HashMap<>();
    private final Map<String, Service> servicesByName = new HashMap<>();
    private final Map<String, List<Pod>> byController = new LinkedHashMap<>();
    private final Map<String, List<Pod>> byLabel = new LinkedHashMap<>();
    private final Map<String, List<Classified>> classified = new HashMap<>();
    private final Map<String, Set<String>> namesByPod = new HashMap<>();
    private final Map<String, Set<String>> labelNamesByPod = new HashMap<>();
    private final Map<String, List<Pod>> selectedByService = new HashMap<>();
    private final Map<String, List<Pod>> podsByLabel = new HashMap<>();

    Finder(List<HasMetadata> objects, Instant now) {
      this.now = now;
      for (HasMetadata o : objects) {
        if (o.getMetadata() == null || o.getMetadata().getName() == null) {
          continue;
        }
        if (o instanceof Pod pod) {
          pods.add(pod);
        } else if (o instanceof Service service) {
          servicesByNamespace
              .computeIfAbsent(namespace(service), k -> new ArrayList<>())
              .add(service);
          servicesByName.put(namespace(service) + "/" + service.getMetadata().getName(), service);
        } else {
          controllers.put(key(o.getKind(), namespace(o), o.getMetadata().getName()), o);
        }
      }
      for (Pod pod : pods) {
        labels(pod)
            .forEach(
                (k, v) ->
                    podsByLabel
                        .computeIfAbsent(labelKey(namespace(pod), k, v), x -> new ArrayList<>())
                        .add(pod));
        Set<String> names = new LinkedHashSet<>();
        names.add(pod.getMetadata().getName());
        HasMetadata at = pod;
        for (int depth = 0; depth < 4; depth++) {
          Optional<OwnerReference> owner = controller(at);
          if (owner.isEmpty()) {
            break;
          }
          names.add(owner.get().getName());
          at = controllers.get(key(owner.get().getKind(), namespace(pod), owner.get().getName()));
          if (at == null) {
            break;
          }
        }
        names.forEach(n -> byController.computeIfAbsent(n, k -> new ArrayList<>()).add(pod));
        namesByPod.put(podKey(pod), names);
        Map<String, String> labels = labels(pod);
        Set<String> labelNames = new LinkedHashSet<>();
        for (String label : APP_LABELS) {
          String app = labels.get(label);
          if (app != null && !app.isBlank()) {
            byLabel.computeIfAbsent(app, k -> new ArrayList<>()).add(pod);
            labelNames.add(app);
          }
        }
        labelNamesByPod.put(podKey(pod), labelNames);
      }
    }

    SampleEnvoys find(List<TrafficFlow> flows) {
      Map<String, List<String>> podsByName = new LinkedHashMap<>();
      for (TrafficFlow flow : flows) {
        for (String name : List.of(flow.from(), flow.to())) {
          List<Pod> named = podsNamed(name);
          if (!named.isEmpty()) {
            podsByName.put(name, named.stream().map(SampleEnvoys::podKey).toList());
          }
        }
      }
      List<EnvoySidecar> sidecars = new ArrayList<>();
      for (Pod pod : pods) {
        List<Classified> containers = classify(pod);
        for (Classified c : containers) {
          if (c.sidecarKind().filter(ENVOYS::contains).isPresent()) {
            sidecars.add(sidecar(pod, c.name(), c.sidecarKind().get(), containers, flows));
          }
        }
      }
      return new SampleEnvoys(sidecars, podsByName);
    }

    private List<Pod> podsNamed(String name) {
      List<Pod> named = byController.get(name);
      if (named == null) {
        named = byLabel.get(name);
      }
      return named == null ? List.of() : named;
    }

    private List<Classified> classify(Pod pod) {
      return classified.computeIfAbsent(
          podKey(pod),
          k ->
              CLASSIFIER.classify(workload(pod)).stream()
                  .map(
                      c ->
                          new Classified(
                              c.name(),
                              c.isApp(),
                              c.isSidecar() ? c.kind() : Optional.<SidecarKind>empty()))
                  .toList());
    }

    private EnvoySidecar sidecar(
        Pod pod,
        String container,
        SidecarKind kind,
        List<Classified> containers,
        List<TrafficFlow> flows) {
      Container spec = container(pod, container).orElseThrow();
      String namespace = namespace(pod);
      String name = pod.getMetadata().getName();
      String ip = podIp(pod);
      Map<String, String> env = env(spec);
      String workload = workloadName(pod);
      AppMeshNode node = appMeshNode(pod, env, workload);
      int adminPort = kind == SidecarKind.ISTIO_PROXY ? ISTIO_ADMIN_PORT : adminPort(spec);
      int appPort = appPort(pod, containers);
      String nodeId;
      String serviceCluster;
      EnvoyCluster local;
      EnvoyHost localHost = new EnvoyHost("127.0.0.1", appPort, podKey(pod));
      switch (kind) {
        case ISTIO_PROXY -> {
          nodeId =
              "sidecar~"
                  + ip
                  + "~"
                  + name
                  + "."
                  + namespace
                  + "~"
                  + namespace
                  + ".svc.cluster.local";
          serviceCluster = workload + "." + namespace;
          local =
              new EnvoyCluster("inbound|" + appPort + "||", List.of(), List.of(localHost), true);
        }
        case APPMESH_ENVOY -> {
          nodeId = "mesh/" + node.mesh() + "/virtualNode/" + node.name();
          serviceCluster = nodeId;
          local =
              new EnvoyCluster(
                  "cds_ingress_" + node.mesh() + "_" + node.name() + "_http_" + appPort,
                  List.of(),
                  List.of(localHost),
                  true);
        }
        default -> {
          nodeId = name + "." + namespace;
          serviceCluster = workload;
          local = new EnvoyCluster("local_app", List.of(), List.of(localHost), true);
        }
      }
      Map<String, EnvoyCluster> upstreams = new LinkedHashMap<>();
      Set<String> ownNames = namesOf(pod);
      for (TrafficFlow flow : flows) {
        if (ownNames.contains(flow.from())) {
          EnvoyCluster cluster = upstream(pod, kind, node.mesh(), flow.to());
          upstreams.merge(cluster.name(), cluster, (a, b) -> a.withTarget(flow.to()));
        }
      }
      for (String host : urlHosts(pod)) {
        serviceNamed(namespace, host)
            .ifPresent(
                service -> {
                  EnvoyCluster cluster = serviceCluster(kind, node.mesh(), service, "");
                  upstreams.putIfAbsent(cluster.name(), cluster);
                });
      }
      return new EnvoySidecar(
          namespace,
          name,
          container,
          kind,
          adminPort,
          ip,
          nodeId,
          serviceCluster,
          version(kind, spec.getImage()),
          started(pod, container),
          local,
          new ArrayList<>(upstreams.values()));
    }

    /** The cluster that carries the requests to {@code target}, a name of the traffic model. */
    private EnvoyCluster upstream(Pod caller, SidecarKind kind, String mesh, String target) {
      List<Pod> targetPods = podsNamed(target);
      if (targetPods.isEmpty()) {
        int port = urlPort(caller, target).orElse(target.endsWith(".amazonaws.com") ? 443 : 80);
        return new EnvoyCluster(
            target, List.of(target), List.of(new EnvoyHost(externalIp(target), port, "")), false);
      }
      Pod first = targetPods.get(0);
      Optional<Service> service = serviceSelecting(first);
      if (kind == SidecarKind.ISTIO_PROXY && service.isPresent()) {
        // Istio makes one cluster per Service: every version behind it is a host.
        return serviceCluster(kind, mesh, service.get(), target);
      }
      int port = service.map(s -> targetPort(s, first)).orElse(appPort(first, classify(first)));
      int servicePort = service.map(SampleEnvoys::servicePort).orElse(port);
      String serviceName = service.map(s -> s.getMetadata().getName()).orElse(target);
      List<EnvoyHost> hosts =
          targetPods.stream().map(p -> new EnvoyHost(podIp(p), port, podKey(p))).toList();
      String name =
          switch (kind) {
            case ISTIO_PROXY ->
                "outbound|"
                    + servicePort
                    + "||"
                    + serviceName
                    + "."
                    + namespace(first)
                    + ".svc.cluster.local";
            case APPMESH_ENVOY ->
                "cds_egress_" + mesh + "_" + appMeshNodeOf(first).name() + "_http_" + servicePort;
            default -> serviceName;
          };
      return new EnvoyCluster(name, List.of(target), hosts, false);
    }

    /** The cluster for a Service: its pods are the hosts. */
    private EnvoyCluster serviceCluster(
        SidecarKind kind, String mesh, Service service, String target) {
      String namespace = namespace(service);
      List<Pod> selected =
          selectedByService.computeIfAbsent(
              namespace + "/" + service.getMetadata().getName(), k -> selectedBy(service));
      int servicePort = servicePort(service);
      List<EnvoyHost> hosts =
          selected.stream()
              .map(p -> new EnvoyHost(podIp(p), targetPort(service, p), podKey(p)))
              .toList();
      String serviceName = service.getMetadata().getName();
      String name =
          switch (kind) {
            case ISTIO_PROXY ->
                "outbound|"
                    + servicePort
                    + "||"
                    + serviceName
                    + "."
                    + namespace
                    + ".svc.cluster.local";
            case APPMESH_ENVOY ->
                "cds_egress_"
                    + mesh
                    + "_"
                    + (selected.isEmpty()
                        ? serviceName + "_" + namespace
                        : appMeshNodeOf(selected.get(0)).name())
                    + "_http_"
                    + servicePort;
            default -> serviceName;
          };
      return new EnvoyCluster(name, target.isEmpty() ? List.of() : List.of(target), hosts, false);
    }

    /** The pods {@code service} selects, from the pods that carry the rarest of its labels. */
    private List<Pod> selectedBy(Service service) {
      Map<String, String> selector =
          service.getSpec() == null ? null : service.getSpec().getSelector();
      if (selector == null || selector.isEmpty()) {
        return List.of();
      }
      List<Pod> fewest = null;
      for (Map.Entry<String, String> e : selector.entrySet()) {
        List<Pod> carrying =
            podsByLabel.getOrDefault(
                labelKey(namespace(service), e.getKey(), e.getValue()), List.of());
        if (fewest == null || carrying.size() < fewest.size()) {
          fewest = carrying;
        }
      }
      return fewest.stream().filter(p -> selects(service, p)).toList();
    }

    /** The names of the traffic model that stand for {@code pod}, as {@link #podsNamed} reads. */
    private Set<String> namesOf(Pod pod) {
      Set<String> names = new LinkedHashSet<>(namesByPod.get(podKey(pod)));
      for (String app : labelNamesByPod.get(podKey(pod))) {
        if (!byController.containsKey(app)) {
          names.add(app);
        }
      }
      return names;
    }

    /** The name at the top of the pod's owners: its Deployment, StatefulSet... or itself. */
    private String workloadName(Pod pod) {
      String name = pod.getMetadata().getName();
      HasMetadata at = pod;
      for (int depth = 0; depth < 4; depth++) {
        Optional<OwnerReference> owner = controller(at);
        if (owner.isEmpty()) {
          break;
        }
        name = owner.get().getName();
        at = controllers.get(key(owner.get().getKind(), namespace(pod), name));
        if (at == null) {
          String app = labels(pod).get("app");
          return app != null ? app : name;
        }
      }
      return name;
    }

    /** The App Mesh virtual node of a pod whose Envoy may name it. */
    private AppMeshNode appMeshNodeOf(Pod pod) {
      for (Container c : allContainers(pod)) {
        Map<String, String> env = env(c);
        if (env.containsKey("APPMESH_RESOURCE_ARN")) {
          return appMeshNode(pod, env, workloadName(pod));
        }
      }
      return appMeshNode(pod, Map.of(), workloadName(pod));
    }

    private Optional<Service> serviceSelecting(Pod pod) {
      return servicesByNamespace.getOrDefault(namespace(pod), List.of()).stream()
          .filter(s -> selects(s, pod))
          .findFirst();
    }

    private Optional<Service> serviceNamed(String callerNamespace, String host) {
      String[] labels = host.split("\\.");
      String namespace = labels.length >= 2 ? labels[1] : callerNamespace;
      if (labels.length > 2 && !host.endsWith(".svc.cluster.local") && !host.endsWith(".svc")) {
        return Optional.empty();
      }
      return Optional.ofNullable(servicesByName.get(namespace + "/" + labels[0]));
    }

    private List<String> urlHosts(Pod pod) {
      Set<String> hosts = new LinkedHashSet<>();
      for (Container c : allContainers(pod)) {
        for (String value : env(c).values()) {
          Matcher m = URL.matcher(value);
          while (m.find()) {
            String host = m.group(1).toLowerCase(Locale.ROOT);
            if (!host.equals("localhost") && !host.startsWith("127.")) {
              hosts.add(host);
            }
          }
        }
      }
      return new ArrayList<>(hosts);
    }

    /** The port a URL in the caller's environment gives {@code host}, if any. */
    private Optional<Integer> urlPort(Pod caller, String host) {
      for (Container c : allContainers(caller)) {
        for (String value : env(c).values()) {
          Matcher m = URL.matcher(value);
          while (m.find()) {
            if (m.group(1).equalsIgnoreCase(host) && m.group(2) != null) {
              return Optional.of(Integer.parseInt(m.group(2)));
            }
          }
        }
      }
      return Optional.empty();
    }

    private Instant started(Pod pod, String container) {
      if (pod.getStatus() != null) {
        List<ContainerStatus> statuses = new ArrayList<>();
        if (pod.getStatus().getInitContainerStatuses() != null) {
          statuses.addAll(pod.getStatus().getInitContainerStatuses());
        }
        if (pod.getStatus().getContainerStatuses() != null) {
          statuses.addAll(pod.getStatus().getContainerStatuses());
        }
        for (ContainerStatus s : statuses) {
          if (container.equals(s.getName())
              && s.getState() != null
              && s.getState().getRunning() != null) {
            Optional<Instant> at = instant(s.getState().getRunning().getStartedAt());
            if (at.isPresent()) {
              return at.get();
            }
          }
        }
        Optional<Instant> podStart = instant(pod.getStatus().getStartTime());
        if (podStart.isPresent()) {
          return podStart.get();
        }
      }
      return now;
    }

    private static Optional<Instant> instant(String text) {
      if (text == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(Instant.parse(text));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }

  /** What Sidescope's classifier says of one container: whether it is the app, what sidecar. */
  private record Classified(String name, boolean app, Optional<SidecarKind> sidecarKind) {}

  /** An App Mesh virtual node: its mesh, and its name in App Mesh ({@code <name>_<namespace>}). */
  private record AppMeshNode(String mesh, String name) {}

  private static AppMeshNode appMeshNode(Pod pod, Map<String, String> env, String workload) {
    String arn = env.get("APPMESH_RESOURCE_ARN");
    if (arn != null) {
      Matcher m = APPMESH_ARN.matcher(arn);
      if (m.find()) {
        return new AppMeshNode(m.group(1), m.group(2));
      }
    }
    Map<String, String> annotations = annotations(pod);
    String mesh = annotations.getOrDefault("appmesh.k8s.aws/mesh", "mesh");
    String node = annotations.getOrDefault("appmesh.k8s.aws/virtualNode", workload);
    return new AppMeshNode(mesh, node + "_" + namespace(pod));
  }

  private static String version(SidecarKind kind, String image) {
    String tag =
        image == null || image.lastIndexOf(':') < 0
            ? ""
            : image.substring(image.lastIndexOf(':') + 1);
    Matcher m = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?").matcher(tag);
    if (!m.find()) {
      return kind == SidecarKind.ISTIO_PROXY ? "1.30.4" : "1.31.2";
    }
    if (kind == SidecarKind.ISTIO_PROXY) {
      // proxyv2 carries Istio's version; each Istio release ships one Envoy release.
      return ISTIO_ENVOY.getOrDefault(m.group(1) + "." + m.group(2), "1.30.4");
    }
    return m.group(1) + "." + m.group(2) + "." + (m.group(3) == null ? "0" : m.group(3));
  }

  private static int adminPort(Container c) {
    if (c.getPorts() != null) {
      for (ContainerPort p : c.getPorts()) {
        if (p.getContainerPort() != null
            && ("admin".equals(p.getName()) || "stats".equals(p.getName()))) {
          return p.getContainerPort();
        }
      }
    }
    return DEFAULT_ADMIN_PORT;
  }

  /** The app's port: the first port of a container classified as the app, else 8080. */
  private static int appPort(Pod pod, List<Classified> classified) {
    for (Classified c : classified) {
      if (c.app()) {
        Optional<Container> spec = container(pod, c.name());
        if (spec.isPresent() && spec.get().getPorts() != null) {
          for (ContainerPort p : spec.get().getPorts()) {
            if (p.getContainerPort() != null && !"UDP".equals(p.getProtocol())) {
              return p.getContainerPort();
            }
          }
        }
      }
    }
    return 8080;
  }

  private static int servicePort(Service service) {
    List<ServicePort> ports = service.getSpec() == null ? null : service.getSpec().getPorts();
    return ports == null || ports.isEmpty() || ports.get(0).getPort() == null
        ? 80
        : ports.get(0).getPort();
  }

  private static int targetPort(Service service, Pod pod) {
    List<ServicePort> ports = service.getSpec() == null ? null : service.getSpec().getPorts();
    if (ports == null || ports.isEmpty()) {
      return 80;
    }
    ServicePort port = ports.get(0);
    if (port.getTargetPort() != null) {
      if (port.getTargetPort().getIntVal() != null) {
        return port.getTargetPort().getIntVal();
      }
      String named = port.getTargetPort().getStrVal();
      for (Container c : allContainers(pod)) {
        if (c.getPorts() != null) {
          for (ContainerPort p : c.getPorts()) {
            if (named != null && named.equals(p.getName()) && p.getContainerPort() != null) {
              return p.getContainerPort();
            }
          }
        }
      }
    }
    return port.getPort() == null ? 80 : port.getPort();
  }

  private static boolean selects(Service service, Pod pod) {
    Map<String, String> selector =
        service.getSpec() == null ? null : service.getSpec().getSelector();
    if (selector == null || selector.isEmpty() || !namespace(service).equals(namespace(pod))) {
      return false;
    }
    Map<String, String> labels = labels(pod);
    return selector.entrySet().stream()
        .allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
  }

  /** A fixed address for a host outside the cluster, as DNS would give one. */
  private static String externalIp(String host) {
    int h = host.hashCode();
    if (host.endsWith(".amazonaws.com")) {
      return "52.94." + ((h >>> 8) & 0xff) + "." + (1 + (h & 0x7f));
    }
    return "10.0.200." + (1 + Math.floorMod(h, 250));
  }

  private static String podIp(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getPodIP() != null
        ? pod.getStatus().getPodIP()
        : "127.0.0.1";
  }

  static String podKey(Pod pod) {
    return namespace(pod) + "/" + pod.getMetadata().getName();
  }

  private static String labelKey(String namespace, String key, String value) {
    return namespace + "\n" + key + "=" + value;
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }

  private static String namespace(HasMetadata o) {
    return o.getMetadata().getNamespace() == null ? "default" : o.getMetadata().getNamespace();
  }

  private static Map<String, String> labels(HasMetadata o) {
    return o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels();
  }

  private static Map<String, String> annotations(HasMetadata o) {
    return o.getMetadata().getAnnotations() == null ? Map.of() : o.getMetadata().getAnnotations();
  }

  private static Optional<OwnerReference> controller(HasMetadata o) {
    List<OwnerReference> owners = o.getMetadata().getOwnerReferences();
    if (owners == null) {
      return Optional.empty();
    }
    return owners.stream()
        .filter(r -> Boolean.TRUE.equals(r.getController()))
        .findFirst()
        .or(() -> owners.stream().findFirst());
  }

  private static List<Container> allContainers(Pod pod) {
    List<Container> all = new ArrayList<>();
    if (pod.getSpec() != null) {
      if (pod.getSpec().getInitContainers() != null) {
        all.addAll(pod.getSpec().getInitContainers());
      }
      if (pod.getSpec().getContainers() != null) {
        all.addAll(pod.getSpec().getContainers());
      }
    }
    return all;
  }

  private static Optional<Container> container(Pod pod, String name) {
    return allContainers(pod).stream().filter(c -> name.equals(c.getName())).findFirst();
  }

  private static Map<String, String> env(Container c) {
    Map<String, String> env = new LinkedHashMap<>();
    if (c.getEnv() != null) {
      for (EnvVar e : c.getEnv()) {
        if (e.getName() != null && e.getValue() != null) {
          env.put(e.getName(), e.getValue());
        }
      }
    }
    return env;
  }

  /** The pod as the classifier reads a workload: names, images, ports, literal environment. */
  private static WorkloadSpec workload(Pod pod) {
    List<ContainerSpec> specs = new ArrayList<>();
    if (pod.getSpec() != null && pod.getSpec().getInitContainers() != null) {
      for (Container c : pod.getSpec().getInitContainers()) {
        specs.add(spec(c, true));
      }
    }
    if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
      for (Container c : pod.getSpec().getContainers()) {
        specs.add(spec(c, false));
      }
    }
    return new WorkloadSpec(
        podKey(pod),
        Platform.KUBERNETES,
        "sample",
        namespace(pod),
        pod.getMetadata().getName(),
        Optional.empty(),
        labels(pod),
        annotations(pod),
        specs,
        Optional.empty(),
        Optional.empty());
  }

  private static ContainerSpec spec(Container c, boolean init) {
    ContainerSpec.Builder b =
        ContainerSpec.builder(c.getName(), c.getImage())
            .initContainer(init)
            .restartAlways(init && "Always".equals(c.getRestartPolicy()));
    if (c.getPorts() != null) {
      for (ContainerPort p : c.getPorts()) {
        if (p.getContainerPort() != null) {
          b.port(
              new Port(
                  p.getContainerPort(),
                  p.getProtocol() == null ? "TCP" : p.getProtocol(),
                  Optional.ofNullable(p.getName())));
        }
      }
    }
    env(c).forEach(b::env);
    List<String> command = new ArrayList<>();
    if (c.getCommand() != null) {
      command.addAll(c.getCommand());
    }
    if (c.getArgs() != null) {
      command.addAll(c.getArgs());
    }
    b.command(command);
    return b.build();
  }
}
