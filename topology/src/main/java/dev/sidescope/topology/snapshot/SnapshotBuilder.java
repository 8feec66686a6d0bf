package dev.sidescope.topology.snapshot;

import dev.sidescope.topology.classify.SidecarClassifier;
import dev.sidescope.topology.edges.ManifestEdges;
import dev.sidescope.topology.findings.SidecarDoctor;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.WorkloadSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns observations into a complete, immutable {@link TopologySnapshot}: classify every container,
 * derive the edges the manifests justify, ask the sidecar doctor, then group.
 *
 * <p>Findings are made per pod before grouping, so a box standing for three replicas still says
 * which replica is broken.
 *
 * <p>Stateless apart from its collaborators; safe to call from any thread, typically the store's
 * single writer thread.
 */
public final class SnapshotBuilder {

  /** Classifies one workload's containers. */
  @FunctionalInterface
  public interface Classifier {
    List<Container> classify(WorkloadSpec workload);
  }

  /** Examines classified workloads for findings. */
  @FunctionalInterface
  public interface Doctor {
    List<Finding> examine(List<Workload> workloads, List<ServiceSpec> services);
  }

  private final Classifier classifier;
  private final Doctor doctor;
  private final ManifestEdges edges = new ManifestEdges();
  private final Clock clock;

  public SnapshotBuilder(Classifier classifier, Doctor doctor, Clock clock) {
    this.classifier = Objects.requireNonNull(classifier);
    this.doctor = Objects.requireNonNull(doctor);
    this.clock = Objects.requireNonNull(clock);
  }

  /** The production pipeline: the sidecar classifier and the sidecar doctor. */
  public static SnapshotBuilder standard(Clock clock) {
    SidecarClassifier classifier = new SidecarClassifier();
    SidecarDoctor doctor = new SidecarDoctor();
    return new SnapshotBuilder(classifier::classify, doctor::examine, clock);
  }

  /** A snapshot of these observations, grouped as asked. */
  public TopologySnapshot build(Observations observations, Grouping grouping) {
    List<WorkloadSpec> specs = byId(observations.workloads());
    List<Workload> workloads = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      WorkloadSpec spec = specs.get(i);
      workloads.add(new Workload(spec, classifier.classify(spec)));
    }
    ManifestEdges.Result derived =
        edges.derive(workloads, observations.services(), observations.meshNodes());
    List<Finding> findings = doctor.examine(workloads, observations.services());
    Grouper.Grouped grouped =
        Grouper.group(
            grouping,
            workloads,
            observations.services(),
            derived.nodes(),
            derived.edges(),
            findings);
    return new TopologySnapshot(
        clock.instant(),
        grouping,
        observations.sources(),
        grouped.workloads(),
        grouped.nodes(),
        grouped.edges(),
        grouped.findings());
  }

  /**
   * The workloads in the order of their ids, which is the snapshot's order. Everything made from
   * them (containers, edges, findings) then comes out nearly in order too, and sorting it for the
   * snapshot costs little; sorting 90,000 edges made in a source's own order does not.
   */
  private static List<WorkloadSpec> byId(List<WorkloadSpec> specs) {
    WorkloadSpec[] sorted = specs.toArray(new WorkloadSpec[0]);
    Arrays.sort(sorted, (a, b) -> a.id().compareTo(b.id()));
    return Arrays.asList(sorted);
  }
}
