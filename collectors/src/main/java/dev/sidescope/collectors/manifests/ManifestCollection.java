package dev.sidescope.collectors.manifests;

import dev.sidescope.topology.model.MeshVirtualNode;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.WorkloadSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * What one read has found so far, in reading order. Ids must be unique in a snapshot: a second
 * object with an id already taken is not added but reported, naming where the first came from.
 * Confined to the thread of one {@link ManifestReader#read} call.
 */
final class ManifestCollection {
  /** Where something was read from, and what it was, for messages about duplicates. */
  private record Origin(String what, Path file, Supplier<OptionalInt> line) {
    String describe() {
      OptionalInt at = line.get();
      return what + " in " + file + (at.isPresent() ? " line " + at.getAsInt() : "");
    }
  }

  private final List<WorkloadSpec> workloads = new ArrayList<>();
  private final List<ServiceSpec> services = new ArrayList<>();
  private final List<MeshVirtualNode> meshNodes = new ArrayList<>();
  private final List<ManifestProblem> problems = new ArrayList<>();
  private final Map<String, Origin> seen = new HashMap<>();

  void problem(Path file, OptionalInt line, String message) {
    problems.add(new ManifestProblem(file, line, message));
  }

  /** A document that was read and is not a manifest: said, but no finding. */
  void skipped(Path file, OptionalInt line, String message) {
    problems.add(new ManifestProblem(file, line, message, false));
  }

  void workload(WorkloadSpec workload, String what, Path file, Supplier<OptionalInt> line) {
    if (claim(workload.id(), what, file, line)) {
      workloads.add(workload);
    }
  }

  void service(ServiceSpec service, String what, Path file, Supplier<OptionalInt> line) {
    if (claim(service.id(), what, file, line)) {
      services.add(service);
    }
  }

  void meshNode(MeshVirtualNode node, String what, Path file, Supplier<OptionalInt> line) {
    if (claim("virtualnode/" + node.namespace() + "/" + node.name(), what, file, line)) {
      meshNodes.add(node);
    }
  }

  List<ManifestProblem> problems() {
    return List.copyOf(problems);
  }

  Observations observations(SourceStatus status) {
    return new Observations(workloads, services, meshNodes, List.of(status));
  }

  private boolean claim(String id, String what, Path file, Supplier<OptionalInt> line) {
    Origin first = seen.putIfAbsent(id, new Origin(what, file, line));
    if (first == null) {
      return true;
    }
    problem(
        file,
        line.get(),
        what + " has the same id as " + first.describe() + ", so only the first is read");
    return false;
  }
}
