package dev.sidescope.topology.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A classified pod or task (or, when grouped, a box standing for several of them).
 *
 * <p>The pipeline's hot paths walk {@code containers} (and each container's environment) by index:
 * a for-each over these immutable lists allocates an iterator for every walk, which the JIT cannot
 * remove where lists of one and of several elements (two classes) meet.
 *
 * @param spec what the source said
 * @param containers classified containers, in the order of {@code spec.containers()}
 * @param replicas how many pods or tasks this box stands for: 1 unless grouped
 */
public record Workload(WorkloadSpec spec, List<Container> containers, int replicas) {
  /** The order of workloads in a snapshot: by id. */
  public static final Comparator<Workload> ORDER = (a, b) -> a.id().compareTo(b.id());

  public Workload {
    containers = List.copyOf(containers);
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be at least 1: " + replicas);
    }
  }

  public Workload(WorkloadSpec spec, List<Container> containers) {
    this(spec, containers, 1);
  }

  public String id() {
    return spec.id();
  }

  public String name() {
    return spec.name();
  }

  public String namespace() {
    return spec.namespace();
  }

  public Platform platform() {
    return spec.platform();
  }

  public Optional<String> owner() {
    return spec.owner();
  }

  public Stream<Container> apps() {
    return containers.stream().filter(Container::isApp);
  }

  public Stream<Container> sidecars() {
    return containers.stream().filter(Container::isSidecar);
  }

  /** The container of this name. */
  public Optional<Container> container(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The first sidecar of this kind. */
  public Optional<Container> sidecar(SidecarKind kind) {
    return containers.stream().filter(c -> c.is(kind)).findFirst();
  }
}
