package dev.sidescope.topology.testing;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Role;
import dev.sidescope.topology.model.SidecarKind;
import dev.sidescope.topology.model.Variant;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds classified workloads by hand for tests: {@code Snapshots.pod("shop", "web-1").app(...)}.
 */
public final class Snapshots {
  private Snapshots() {}

  /** A Kubernetes pod in the {@code test} context. */
  public static WorkloadBuilder pod(String namespace, String name) {
    return new WorkloadBuilder(
        "kubernetes/test/" + namespace + "/" + name,
        Platform.KUBERNETES,
        "kubernetes/test",
        namespace,
        name);
  }

  /** An ECS task in {@code us-east-1}. */
  public static WorkloadBuilder task(String cluster, String taskId) {
    return new WorkloadBuilder(
        "ecs/us-east-1/" + cluster + "/" + taskId, Platform.ECS, "ecs/us-east-1", cluster, taskId);
  }

  /** Accumulates containers; {@link #build()} makes the {@link Workload}. */
  public static final class WorkloadBuilder {
    private final String id;
    private final Platform platform;
    private final String source;
    private final String namespace;
    private final String name;
    private Optional<String> owner = Optional.empty();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private final List<ContainerSpec> specs = new ArrayList<>();
    private final List<Container> containers = new ArrayList<>();

    private WorkloadBuilder(
        String id, Platform platform, String source, String namespace, String name) {
      this.id = id;
      this.platform = platform;
      this.source = source;
      this.namespace = namespace;
      this.name = name;
    }

    public WorkloadBuilder owner(String value) {
      owner = Optional.of(value);
      return this;
    }

    public WorkloadBuilder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public WorkloadBuilder annotation(String key, String value) {
      annotations.put(key, value);
      return this;
    }

    public WorkloadBuilder app(ContainerSpec spec) {
      specs.add(spec);
      containers.add(Container.of(id, spec, Role.APP));
      return this;
    }

    public WorkloadBuilder app(String containerName, String image) {
      return app(
          ContainerSpec.builder(containerName, image).state(ContainerState.runningReady()).build());
    }

    public WorkloadBuilder sidecar(ContainerSpec spec, SidecarKind kind) {
      Variant variant =
          kind == SidecarKind.CLOUD_SQL_PROXY
              ? Variant.AMBASSADOR
              : kind == SidecarKind.EXPORTER ? Variant.ADAPTER : Variant.SIDECAR;
      specs.add(spec);
      containers.add(Container.sidecar(id, spec, kind, variant));
      return this;
    }

    public WorkloadBuilder sidecar(String containerName, String image, SidecarKind kind) {
      return sidecar(
          ContainerSpec.builder(containerName, image).state(ContainerState.runningReady()).build(),
          kind);
    }

    public WorkloadBuilder init(String containerName, String image) {
      ContainerSpec spec = ContainerSpec.builder(containerName, image).initContainer(true).build();
      specs.add(spec);
      containers.add(Container.of(id, spec, Role.INIT));
      return this;
    }

    public WorkloadSpec spec() {
      return new WorkloadSpec(
          id,
          platform,
          source,
          namespace,
          name,
          owner,
          labels,
          annotations,
          specs,
          Optional.empty(),
          Optional.of("Running"));
    }

    public Workload build() {
      return new Workload(spec(), containers);
    }
  }
}
