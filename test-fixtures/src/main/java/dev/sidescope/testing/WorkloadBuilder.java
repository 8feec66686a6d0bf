package dev.sidescope.testing;

import static dev.sidescope.testing.Containers.container;
import static dev.sidescope.testing.Containers.running;

import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.ProxyConfig;
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
import java.util.function.UnaryOperator;

/**
 * The one way tests build a Kubernetes pod or an ECS task: as a source observes it ({@link
 * #spec()}, for the classifier and the store) or as the classifier hands it on ({@link #build()},
 * for the doctor, grouping, overlays and exporters).
 *
 * <pre>
 * WorkloadBuilder.pod("order-service-5f7c9-x2k4q")
 *     .owner("Deployment/order-service")
 *     .app("order-service", "order-service:latest")
 *     .sidecar(SidecarKind.XRAY_DAEMON, "xray-daemon", "amazon/aws-xray-daemon:latest")
 *     .build();
 * </pre>
 *
 * <p>A pod is in namespace {@code shop}, a task in cluster {@code prod}, and both are named by
 * {@link IdScheme#DEFAULT} unless the test says otherwise. Containers keep the order they are added
 * in. Those added by name alone are running and ready; those added as a {@link
 * ContainerSpec.Builder} are as the builder says (see {@link Containers}). A container added with
 * {@link #containers} has no declared role: such a workload is for the classifier, and {@link
 * #build()} refuses it.
 *
 * <p>A builder can be changed after the fact ({@link #change}, {@link #without}), so that a test
 * derives the variant it needs from a shared workload such as {@link SeedSample}'s.
 */
public final class WorkloadBuilder {
  private final Platform platform;
  private final String name;
  private String namespace;
  private IdScheme ids = IdScheme.DEFAULT;
  private Optional<String> source = Optional.empty();
  private Optional<String> owner = Optional.empty();
  private Optional<String> phase = Optional.empty();
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final Map<String, String> annotations = new LinkedHashMap<>();
  private Optional<ProxyConfig> proxy = Optional.empty();
  private int replicas = 1;
  private final List<Entry> containers = new ArrayList<>();

  /** A container with the role the test declared, if it declared one. */
  private record Entry(ContainerSpec spec, Role role, SidecarKind kind, Variant variant) {
    Entry with(ContainerSpec other) {
      return new Entry(other, role, kind, variant);
    }
  }

  private WorkloadBuilder(Platform platform, String name, String namespace) {
    this.platform = platform;
    this.name = name;
    this.namespace = namespace;
  }

  /** A Kubernetes pod in namespace {@code shop}. */
  public static WorkloadBuilder pod(String name) {
    return new WorkloadBuilder(Platform.KUBERNETES, name, "shop");
  }

  /** A running ECS task in cluster {@code prod}. */
  public static WorkloadBuilder task(String taskId) {
    return new WorkloadBuilder(Platform.ECS, taskId, "prod");
  }

  /**
   * An ECS task definition as {@code --manifests} reads it: a task named after its family, owned by
   * {@code TaskDefinition/<family>:1}.
   */
  public static WorkloadBuilder taskDefinition(String family) {
    return task(family).owner("TaskDefinition/" + family + ":1");
  }

  /** The pod's namespace. */
  public WorkloadBuilder namespace(String value) {
    namespace = value;
    return this;
  }

  /** The task's cluster (held where a pod holds its namespace). */
  public WorkloadBuilder cluster(String value) {
    return namespace(value);
  }

  /** Names the workload, its containers and its source after another scheme. */
  public WorkloadBuilder ids(IdScheme value) {
    ids = value;
    return this;
  }

  /** The Kubernetes context the pod's id and source name. */
  public WorkloadBuilder context(String value) {
    return ids(ids.inContext(value));
  }

  /** The AWS region the task's id and source name. */
  public WorkloadBuilder region(String value) {
    return ids(ids.inRegion(value));
  }

  /** The source that reported it, where not the platform's source of the id scheme. */
  public WorkloadBuilder source(String value) {
    source = Optional.of(value);
    return this;
  }

  /** The top controller, e.g. {@code Deployment/order-service}, {@code Service/orders}. */
  public WorkloadBuilder owner(String value) {
    owner = Optional.of(value);
    return this;
  }

  /** The pod phase or ECS {@code lastStatus}, e.g. {@code Running}, {@code RUNNING}. */
  public WorkloadBuilder phase(String value) {
    phase = Optional.of(value);
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

  public WorkloadBuilder annotations(Map<String, String> values) {
    annotations.putAll(values);
    return this;
  }

  /** The ECS task's {@code proxyConfiguration}. */
  public WorkloadBuilder proxy(ProxyConfig value) {
    proxy = Optional.of(value);
    return this;
  }

  /** An App Mesh {@code proxyConfiguration} naming the task's proxy container. */
  public WorkloadBuilder appMeshProxy(String containerName) {
    return proxy(new ProxyConfig("APPMESH", containerName, Map.of()));
  }

  /** How many pods or tasks {@link #build()}'s workload stands for (a grouped box). */
  public WorkloadBuilder replicas(int value) {
    replicas = value;
    return this;
  }

  /** Containers as observed, with no declared role: for the classifier to name. */
  public WorkloadBuilder containers(ContainerSpec.Builder... specs) {
    for (ContainerSpec.Builder spec : specs) {
      containers.add(new Entry(spec.build(), null, null, null));
    }
    return this;
  }

  public WorkloadBuilder app(ContainerSpec.Builder spec) {
    containers.add(new Entry(spec.build(), Role.APP, null, null));
    return this;
  }

  /** A running, ready app whose image is named after it. */
  public WorkloadBuilder app(String containerName) {
    return app(container(containerName).state(running()));
  }

  /** A running, ready app. */
  public WorkloadBuilder app(String containerName, String image) {
    return app(container(containerName, image).state(running()));
  }

  /** An init container: the spec is marked as one. */
  public WorkloadBuilder init(ContainerSpec.Builder spec) {
    containers.add(new Entry(spec.initContainer(true).build(), Role.INIT, null, null));
    return this;
  }

  public WorkloadBuilder init(String containerName, String image) {
    return init(container(containerName, image));
  }

  /**
   * A sidecar of this kind, in the variant DESIGN.md gives the kind: outbound-only proxies ({@code
   * cloud-sql-proxy}) are ambassadors, exporters adapters, every other kind a plain sidecar.
   */
  public WorkloadBuilder sidecar(SidecarKind kind, ContainerSpec.Builder spec) {
    return sidecar(kind, variantOf(kind), spec);
  }

  public WorkloadBuilder sidecar(SidecarKind kind, Variant variant, ContainerSpec.Builder spec) {
    containers.add(new Entry(spec.build(), Role.SIDECAR, kind, variant));
    return this;
  }

  /** A running, ready sidecar whose image is named after it. */
  public WorkloadBuilder sidecar(SidecarKind kind, String containerName) {
    return sidecar(kind, container(containerName).state(running()));
  }

  /** A running, ready sidecar. */
  public WorkloadBuilder sidecar(SidecarKind kind, String containerName, String image) {
    return sidecar(kind, container(containerName, image).state(running()));
  }

  /**
   * Changes one container, keeping its role and place: {@code change("xray", c -> c.state(...))}.
   */
  public WorkloadBuilder change(String containerName, UnaryOperator<ContainerSpec.Builder> edit) {
    int at = indexOf(containerName);
    Entry entry = containers.get(at);
    containers.set(at, entry.with(edit.apply(entry.spec().toBuilder()).build()));
    return this;
  }

  /** Leaves a container out. */
  public WorkloadBuilder without(String containerName) {
    containers.remove(indexOf(containerName));
    return this;
  }

  /** The workload's id under the id scheme. */
  public String id() {
    return platform == Platform.ECS ? ids.task(namespace, name) : ids.pod(namespace, name);
  }

  /** The workload as a source observes it. */
  public WorkloadSpec spec() {
    return new WorkloadSpec(
        id(),
        platform,
        source.orElse(platform == Platform.ECS ? ids.ecsSource() : ids.kubernetesSource()),
        namespace,
        name,
        owner,
        labels,
        annotations,
        containers.stream().map(Entry::spec).toList(),
        proxy,
        phase);
  }

  /** The workload as the classifier hands it on, with the roles the test declared. */
  public Workload build() {
    String id = id();
    List<Container> classified = new ArrayList<>();
    for (Entry e : containers) {
      if (e.role() == null) {
        throw new IllegalStateException(
            "container "
                + e.spec().name()
                + " of "
                + id
                + " has no declared role: add it as an app, init or sidecar, or classify spec()");
      }
      classified.add(
          e.role() == Role.SIDECAR
              ? Container.sidecar(id, e.spec(), e.kind(), e.variant())
              : Container.of(id, e.spec(), e.role()));
    }
    return new Workload(spec(), classified, replicas);
  }

  private int indexOf(String containerName) {
    for (int i = 0; i < containers.size(); i++) {
      if (containers.get(i).spec().name().equals(containerName)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no container " + containerName + " in " + id());
  }

  private static Variant variantOf(SidecarKind kind) {
    return switch (kind) {
      case CLOUD_SQL_PROXY -> Variant.AMBASSADOR;
      case EXPORTER -> Variant.ADAPTER;
      default -> Variant.SIDECAR;
    };
  }
}
