package dev.sidescope.collectors.kubernetes;

import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.MeshVirtualNode;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.Resources;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.VolumeMount;
import dev.sidescope.topology.model.WorkloadSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns fabric8 Kubernetes objects into model observations: a {@link Pod} or a controller's pod
 * template into a {@link WorkloadSpec}, a {@link Service} into a {@link ServiceSpec}, an App Mesh
 * {@code VirtualNode} into a {@link MeshVirtualNode}.
 *
 * <p>The same conversion serves the manifest reader (objects read from files) and the live
 * collector (objects from informers); the caller names its source and kube context, which go into
 * every id ({@code kubernetes/<context>/<ns>/<name>}, {@code service/<context>/<ns>/<name>}).
 *
 * <p>Pure and immutable: no I/O, no logging; an instance may be shared and called from any thread
 * at once. Objects are read, never changed. Missing fields give empty values, never exceptions; a
 * missing namespace is {@code default}.
 */
public final class KubernetesWorkloads {
  /** The namespace Kubernetes puts an object in when its manifest names none. */
  public static final String DEFAULT_NAMESPACE = "default";

  private static final String APP_MESH_GROUP = "appmesh.k8s.aws";

  private final String sourceId;
  private final String context;

  /**
   * @param sourceId the id of the reporting source, written into each workload's {@code source},
   *     e.g. {@code kubernetes/kind-dev} or {@code manifests}
   * @param context the kube context (or, for files, a fixed name) that ids are built from
   */
  public KubernetesWorkloads(String sourceId, String context) {
    this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
    this.context = Objects.requireNonNull(context, "context");
  }

  /** The source id given at construction. */
  public String sourceId() {
    return sourceId;
  }

  /** The workload id of the pod or controller {@code name} in {@code namespace}. */
  public String workloadId(String namespace, String name) {
    return "kubernetes/" + context + "/" + namespace + "/" + name;
  }

  /** The id of the Service {@code name} in {@code namespace}. */
  public String serviceId(String namespace, String name) {
    return "service/" + context + "/" + namespace + "/" + name;
  }

  /**
   * A pod as it runs: its containers joined with their run-time state from {@code status}.
   *
   * @param owner the pod's top controller ({@code Deployment/orders}), as the caller resolved it;
   *     empty for a bare pod
   */
  public WorkloadSpec pod(Pod pod, Optional<String> owner) {
    ObjectMeta meta = meta(pod);
    String namespace = namespaceOf(meta);
    String name = nameOf(meta);
    var status = pod.getStatus();
    Map<String, ContainerStatus> initStatuses =
        status == null ? Map.of() : byName(status.getInitContainerStatuses());
    Map<String, ContainerStatus> statuses =
        status == null ? Map.of() : byName(status.getContainerStatuses());
    return new WorkloadSpec(
        workloadId(namespace, name),
        Platform.KUBERNETES,
        sourceId,
        namespace,
        name,
        owner == null ? Optional.empty() : owner,
        stringMap(meta.getLabels()),
        stringMap(meta.getAnnotations()),
        containers(pod.getSpec(), initStatuses, statuses),
        Optional.empty(),
        status == null ? Optional.empty() : nonBlank(status.getPhase()));
  }

  /**
   * The one workload that stands for a controller's pod template, named after the controller and
   * owned by it ({@code Deployment/<name>}). Handles Deployment, StatefulSet, DaemonSet,
   * ReplicaSet, ReplicationController, Job and CronJob (whose template is under {@code
   * jobTemplate}).
   *
   * @return empty for any other kind of object
   */
  public Optional<WorkloadSpec> controller(HasMetadata controller) {
    return podTemplate(controller)
        .map(template -> fromTemplate(controller.getKind(), meta(controller), template));
  }

  /**
   * A workload for a pod template owned by the controller of kind {@code controllerKind} with the
   * metadata {@code controllerMeta}; the template's labels and annotations become the workload's.
   */
  public WorkloadSpec fromTemplate(
      String controllerKind, ObjectMeta controllerMeta, PodTemplateSpec template) {
    ObjectMeta meta = controllerMeta == null ? new ObjectMeta() : controllerMeta;
    String namespace = namespaceOf(meta);
    String name = nameOf(meta);
    ObjectMeta templateMeta =
        template == null || template.getMetadata() == null
            ? new ObjectMeta()
            : template.getMetadata();
    return new WorkloadSpec(
        workloadId(namespace, name),
        Platform.KUBERNETES,
        sourceId,
        namespace,
        name,
        Optional.of(controllerKind + "/" + name),
        stringMap(templateMeta.getLabels()),
        stringMap(templateMeta.getAnnotations()),
        containers(template == null ? null : template.getSpec(), Map.of(), Map.of()),
        Optional.empty(),
        Optional.empty());
  }

  /** A Service: its selector and its ports (the service port, not the target port). */
  public ServiceSpec service(Service service) {
    ObjectMeta meta = meta(service);
    String namespace = namespaceOf(meta);
    String name = nameOf(meta);
    var spec = service.getSpec();
    List<Port> ports = new ArrayList<>();
    if (spec != null && spec.getPorts() != null) {
      for (ServicePort p : spec.getPorts()) {
        if (p != null && p.getPort() != null) {
          ports.add(new Port(p.getPort(), p.getProtocol(), nonBlank(p.getName())));
        }
      }
    }
    return new ServiceSpec(
        serviceId(namespace, name),
        Platform.KUBERNETES,
        namespace,
        name,
        spec == null ? Map.of() : stringMap(spec.getSelector()),
        ports);
  }

  /** True for an App Mesh {@code VirtualNode} ({@code apiVersion: appmesh.k8s.aws/*}). */
  public static boolean isVirtualNode(String apiVersion, String kind) {
    return "VirtualNode".equals(kind)
        && apiVersion != null
        && apiVersion.startsWith(APP_MESH_GROUP + "/");
  }

  /**
   * An App Mesh {@code VirtualNode}, read as a generic resource: {@code podSelector.matchLabels},
   * each backend's {@code virtualServiceRef.name} (or the last segment of its {@code
   * virtualServiceARN}), and the first listener's {@code tls.mode}. Fields of the wrong shape are
   * left out.
   */
  public MeshVirtualNode virtualNode(GenericKubernetesResource node) {
    ObjectMeta meta = meta(node);
    Object spec = node.getAdditionalProperties().get("spec");
    Map<String, String> selector = new LinkedHashMap<>();
    if (at(spec, "podSelector", "matchLabels") instanceof Map<?, ?> labels) {
      labels.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              selector.put(k.toString(), v.toString());
            }
          });
    }
    List<String> backends = new ArrayList<>();
    if (at(spec, "backends") instanceof List<?> list) {
      for (Object backend : list) {
        backendName(at(backend, "virtualService")).ifPresent(backends::add);
      }
    }
    Optional<String> tlsMode = Optional.empty();
    if (at(spec, "listeners") instanceof List<?> listeners && !listeners.isEmpty()) {
      tlsMode = text(at(listeners.get(0), "tls", "mode"));
    }
    return new MeshVirtualNode(namespaceOf(meta), nameOf(meta), selector, backends, tlsMode);
  }

  /**
   * The top controller of a pod as far as the pod alone tells: its controller owner reference,
   * where a ReplicaSet named {@code <deployment>-<pod-template-hash>} stands for its Deployment.
   * The live collector knows better (it can look the ReplicaSet up); files know only this.
   */
  public static Optional<String> ownerFromReferences(Pod pod) {
    ObjectMeta meta = pod.getMetadata();
    if (meta == null || meta.getOwnerReferences() == null) {
      return Optional.empty();
    }
    OwnerReference controller =
        meta.getOwnerReferences().stream()
            .filter(Objects::nonNull)
            .filter(r -> Boolean.TRUE.equals(r.getController()))
            .findFirst()
            .orElse(null);
    if (controller == null || controller.getKind() == null || controller.getName() == null) {
      return Optional.empty();
    }
    String hash = meta.getLabels() == null ? null : meta.getLabels().get("pod-template-hash");
    String name = controller.getName();
    if ("ReplicaSet".equals(controller.getKind())
        && hash != null
        && name.endsWith("-" + hash)
        && name.length() > hash.length() + 1) {
      return Optional.of("Deployment/" + name.substring(0, name.length() - hash.length() - 1));
    }
    return Optional.of(controller.getKind() + "/" + name);
  }

  private static Optional<PodTemplateSpec> podTemplate(HasMetadata object) {
    if (object instanceof Deployment d) {
      return Optional.ofNullable(d.getSpec()).map(s -> s.getTemplate());
    }
    if (object instanceof StatefulSet s) {
      return Optional.ofNullable(s.getSpec()).map(spec -> spec.getTemplate());
    }
    if (object instanceof DaemonSet d) {
      return Optional.ofNullable(d.getSpec()).map(s -> s.getTemplate());
    }
    if (object instanceof ReplicaSet r) {
      return Optional.ofNullable(r.getSpec()).map(s -> s.getTemplate());
    }
    if (object instanceof ReplicationController r) {
      return Optional.ofNullable(r.getSpec()).map(s -> s.getTemplate());
    }
    if (object instanceof Job j) {
      return Optional.ofNullable(j.getSpec()).map(s -> s.getTemplate());
    }
    if (object instanceof CronJob c) {
      return Optional.ofNullable(c.getSpec())
          .map(s -> s.getJobTemplate())
          .map(t -> t.getSpec())
          .map(s -> s.getTemplate());
    }
    return Optional.empty();
  }

  private static List<ContainerSpec> containers(
      PodSpec spec,
      Map<String, ContainerStatus> initStatuses,
      Map<String, ContainerStatus> statuses) {
    List<ContainerSpec> result = new ArrayList<>();
    if (spec == null) {
      return result;
    }
    if (spec.getInitContainers() != null) {
      for (Container c : spec.getInitContainers()) {
        if (c != null) {
          result.add(container(c, true, initStatuses.get(c.getName())));
        }
      }
    }
    if (spec.getContainers() != null) {
      for (Container c : spec.getContainers()) {
        if (c != null) {
          result.add(container(c, false, statuses.get(c.getName())));
        }
      }
    }
    return result;
  }

  private static ContainerSpec container(Container c, boolean init, ContainerStatus status) {
    ContainerSpec.Builder b =
        ContainerSpec.builder(c.getName() == null ? "" : c.getName(), c.getImage())
            .initContainer(init)
            .restartAlways("Always".equals(c.getRestartPolicy()));
    if (c.getPorts() != null) {
      for (ContainerPort p : c.getPorts()) {
        if (p != null && p.getContainerPort() != null) {
          b.port(new Port(p.getContainerPort(), p.getProtocol(), nonBlank(p.getName())));
        }
      }
    }
    if (c.getEnv() != null) {
      for (EnvVar e : c.getEnv()) {
        if (e != null && e.getName() != null) {
          b.env(envVar(e));
        }
      }
    }
    if (c.getVolumeMounts() != null) {
      for (var m : c.getVolumeMounts()) {
        if (m != null && m.getName() != null && m.getMountPath() != null) {
          b.mount(
              new VolumeMount(m.getName(), m.getMountPath(), Boolean.TRUE.equals(m.getReadOnly())));
        }
      }
    }
    if (c.getResources() != null && c.getResources().getLimits() != null) {
      Map<String, Quantity> limits = c.getResources().getLimits();
      b.limits(new Resources(quantity(limits.get("cpu")), quantity(limits.get("memory"))));
    }
    List<String> command = new ArrayList<>();
    if (c.getCommand() != null) {
      c.getCommand().stream().filter(Objects::nonNull).forEach(command::add);
    }
    if (c.getArgs() != null) {
      c.getArgs().stream().filter(Objects::nonNull).forEach(command::add);
    }
    b.command(command);
    if (status != null) {
      b.state(state(status));
    }
    return b.build();
  }

  private static dev.sidescope.topology.model.EnvVar envVar(EnvVar e) {
    EnvVarSource from = e.getValueFrom();
    if (from == null) {
      return dev.sidescope.topology.model.EnvVar.literal(
          e.getName(), e.getValue() == null ? "" : e.getValue());
    }
    return dev.sidescope.topology.model.EnvVar.reference(e.getName(), describe(from));
  }

  /** Where a variable's value comes from, in a few words: {@code secret payment-db/password}. */
  private static String describe(EnvVarSource from) {
    if (from.getSecretKeyRef() != null) {
      return "secret " + from.getSecretKeyRef().getName() + "/" + from.getSecretKeyRef().getKey();
    }
    if (from.getConfigMapKeyRef() != null) {
      return "configmap "
          + from.getConfigMapKeyRef().getName()
          + "/"
          + from.getConfigMapKeyRef().getKey();
    }
    if (from.getFieldRef() != null) {
      return "field " + from.getFieldRef().getFieldPath();
    }
    if (from.getResourceFieldRef() != null) {
      return "resource " + from.getResourceFieldRef().getResource();
    }
    if (from.getFileKeyRef() != null) {
      return "file " + from.getFileKeyRef().getPath() + "/" + from.getFileKeyRef().getKey();
    }
    return "valueFrom";
  }

  private static ContainerState state(ContainerStatus status) {
    ContainerState.Phase phase = ContainerState.Phase.UNKNOWN;
    Optional<String> reason = Optional.empty();
    Optional<Integer> exitCode = Optional.empty();
    var state = status.getState();
    if (state != null) {
      if (state.getRunning() != null) {
        phase = ContainerState.Phase.RUNNING;
      } else if (state.getWaiting() != null) {
        phase = ContainerState.Phase.WAITING;
        reason = nonBlank(state.getWaiting().getReason());
      } else if (state.getTerminated() != null) {
        phase = ContainerState.Phase.TERMINATED;
        reason = nonBlank(state.getTerminated().getReason());
        exitCode = Optional.ofNullable(state.getTerminated().getExitCode());
      }
    }
    // A container waiting to restart (CrashLoopBackOff) exited last time: that code says why.
    if (exitCode.isEmpty() && status.getLastState() != null) {
      ContainerStateTerminated last = status.getLastState().getTerminated();
      if (last != null) {
        exitCode = Optional.ofNullable(last.getExitCode());
      }
    }
    return new ContainerState(
        phase,
        Optional.ofNullable(status.getReady()),
        Optional.ofNullable(status.getRestartCount()),
        reason,
        exitCode,
        Optional.empty());
  }

  private static Map<String, ContainerStatus> byName(List<ContainerStatus> statuses) {
    Map<String, ContainerStatus> result = new LinkedHashMap<>();
    if (statuses != null) {
      for (ContainerStatus s : statuses) {
        if (s != null && s.getName() != null) {
          result.putIfAbsent(s.getName(), s);
        }
      }
    }
    return result;
  }

  private static Optional<String> backendName(Object virtualService) {
    Optional<String> ref = text(at(virtualService, "virtualServiceRef", "name"));
    if (ref.isPresent()) {
      return ref;
    }
    Optional<String> arn = text(at(virtualService, "virtualServiceARN"));
    if (arn.isPresent()) {
      String value = arn.get();
      return nonBlank(value.substring(value.lastIndexOf('/') + 1));
    }
    // appmesh.k8s.aws/v1beta1 named the service by its DNS name.
    return text(at(virtualService, "virtualServiceName"));
  }

  /** The value at a path of map keys, or null when any step is missing or not a map. */
  private static Object at(Object root, String... keys) {
    Object current = root;
    for (String key : keys) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  private static Optional<String> text(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean
        ? nonBlank(value.toString())
        : Optional.empty();
  }

  private static Optional<String> quantity(Quantity q) {
    if (q == null || q.getAmount() == null) {
      return Optional.empty();
    }
    return nonBlank(q.getAmount() + (q.getFormat() == null ? "" : q.getFormat()));
  }

  private static ObjectMeta meta(HasMetadata object) {
    return object.getMetadata() == null ? new ObjectMeta() : object.getMetadata();
  }

  private static String namespaceOf(ObjectMeta meta) {
    return nonBlank(meta.getNamespace()).orElse(DEFAULT_NAMESPACE);
  }

  /** The name, or for an object created with {@code generateName} that prefix. */
  private static String nameOf(ObjectMeta meta) {
    return nonBlank(meta.getName()).or(() -> nonBlank(meta.getGenerateName())).orElse("");
  }

  private static Map<String, String> stringMap(Map<String, String> map) {
    Map<String, String> result = new LinkedHashMap<>();
    if (map != null) {
      map.forEach(
          (k, v) -> {
            if (k != null) {
              result.put(k, v == null ? "" : v);
            }
          });
    }
    return result;
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
