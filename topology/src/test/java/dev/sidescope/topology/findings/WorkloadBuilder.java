package dev.sidescope.topology.findings;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.ContainerState.Phase;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.Role;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Variant;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.WorkloadSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds classified workloads by hand, as the classifier would hand them to the doctor. */
final class WorkloadBuilder {
  static final String CONTEXT = "kind-dev";
  static final String REGION = "us-east-1";

  private final Platform platform;
  private final String name;
  private String namespace;
  private Optional<String> owner = Optional.empty();
  private Optional<String> phase = Optional.empty();
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final Map<String, String> annotations = new LinkedHashMap<>();
  private final List<Entry> containers = new ArrayList<>();

  private record Entry(ContainerSpec spec, Role role, SidecarKind kind) {}

  private WorkloadBuilder(Platform platform, String name, String namespace) {
    this.platform = platform;
    this.name = name;
    this.namespace = namespace;
  }

  /** A Kubernetes pod in namespace {@code shop}. */
  static WorkloadBuilder pod(String name) {
    return new WorkloadBuilder(Platform.KUBERNETES, name, "shop");
  }

  /** An ECS task in cluster {@code prod}. */
  static WorkloadBuilder task(String taskId) {
    return new WorkloadBuilder(Platform.ECS, taskId, "prod");
  }

  /** A container spec builder with an image named after the container. */
  static ContainerSpec.Builder container(String name) {
    return ContainerSpec.builder(name, name + ":latest");
  }

  static ContainerState running() {
    return ContainerState.runningReady();
  }

  static ContainerState notReady() {
    return new ContainerState(
        Phase.RUNNING,
        Optional.of(false),
        Optional.of(0),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  static ContainerState waiting(String reason, int restarts) {
    return new ContainerState(
        Phase.WAITING,
        Optional.of(false),
        Optional.of(restarts),
        Optional.of(reason),
        Optional.empty(),
        Optional.empty());
  }

  static ContainerState restartedRunning(int restarts) {
    return new ContainerState(
        Phase.RUNNING,
        Optional.of(true),
        Optional.of(restarts),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  static ContainerState terminated(int exitCode) {
    return new ContainerState(
        Phase.TERMINATED,
        Optional.of(false),
        Optional.empty(),
        Optional.empty(),
        Optional.of(exitCode),
        Optional.empty());
  }

  static ServiceSpec service(String namespace, String name, int... ports) {
    return new ServiceSpec(
        "service/" + CONTEXT + "/" + namespace + "/" + name,
        Platform.KUBERNETES,
        namespace,
        name,
        Map.of("app", name),
        Arrays.stream(ports).mapToObj(Port::tcp).toList());
  }

  static ServiceSpec ecsService(String cluster, String name) {
    return new ServiceSpec(
        "ecs-service/" + REGION + "/" + cluster + "/" + name,
        Platform.ECS,
        cluster,
        name,
        Map.of(),
        List.of());
  }

  WorkloadBuilder namespace(String value) {
    this.namespace = value;
    return this;
  }

  WorkloadBuilder owner(String value) {
    this.owner = Optional.of(value);
    return this;
  }

  WorkloadBuilder phase(String value) {
    this.phase = Optional.of(value);
    return this;
  }

  WorkloadBuilder label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  WorkloadBuilder annotation(String key, String value) {
    annotations.put(key, value);
    return this;
  }

  WorkloadBuilder app(ContainerSpec.Builder spec) {
    containers.add(new Entry(spec.build(), Role.APP, null));
    return this;
  }

  WorkloadBuilder app(String name) {
    return app(container(name));
  }

  WorkloadBuilder init(ContainerSpec.Builder spec) {
    containers.add(new Entry(spec.initContainer(true).build(), Role.INIT, null));
    return this;
  }

  WorkloadBuilder sidecar(SidecarKind kind, ContainerSpec.Builder spec) {
    containers.add(new Entry(spec.build(), Role.SIDECAR, kind));
    return this;
  }

  WorkloadBuilder sidecar(SidecarKind kind, String name) {
    return sidecar(kind, container(name));
  }

  String id() {
    return platform == Platform.ECS
        ? "ecs/" + REGION + "/" + namespace + "/" + name
        : "kubernetes/" + CONTEXT + "/" + namespace + "/" + name;
  }

  Workload build() {
    String id = id();
    List<ContainerSpec> specs = containers.stream().map(Entry::spec).toList();
    WorkloadSpec spec =
        new WorkloadSpec(
            id,
            platform,
            platform == Platform.ECS ? "ecs/" + REGION : "kubernetes/" + CONTEXT,
            namespace,
            name,
            owner,
            labels,
            annotations,
            specs,
            Optional.empty(),
            phase);
    List<Container> classified =
        containers.stream()
            .map(
                e ->
                    e.role() == Role.SIDECAR
                        ? Container.sidecar(id, e.spec(), e.kind(), Variant.SIDECAR)
                        : Container.of(id, e.spec(), e.role()))
            .toList();
    return new Workload(spec, classified);
  }
}
