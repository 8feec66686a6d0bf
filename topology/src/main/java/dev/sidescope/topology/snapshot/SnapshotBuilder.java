package dev.sidescope.topology.snapshot;

import dev.sidescope.topology.classify.SidecarClassifier;
import dev.sidescope.topology.edges.ManifestEdges;
import dev.sidescope.topology.findings.SidecarDoctor;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Node;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SortedLists;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologyBase;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.model.WorkloadSpec;
import dev.sidescope.topology.overlay.OverlayPipeline;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns observations into a complete, immutable {@link TopologySnapshot}, in two stages:
 *
 * <ol>
 *   <li>the <b>base</b> ({@link #base}): classify every container, derive the edges the manifests
 *       justify, ask the sidecar doctor — everything that depends on what the topology sources
 *       observed, and only on that;
 *   <li>the <b>finish</b> ({@link #finish}): the overlay stage's appenders over the base, the
 *       sources' statuses and the overlay sources' measurements, then grouping.
 * </ol>
 *
 * <p>The store keeps the last base and runs the finish alone when only measurements, statuses or
 * the grouping changed. Findings are made per pod before grouping, so a box standing for three
 * replicas still says which replica is broken.
 *
 * <p>Safe to call from any thread, typically the store's single writer thread. Apart from its
 * collaborators it keeps one thing: how the last base it finished was grouped, reused while the
 * same base is finished again.
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
  private final OverlayPipeline overlays;
  private final ManifestEdges edges = new ManifestEdges();
  private final Clock clock;

  /**
   * How the last base finished was grouped: kept while the store finishes the same base again
   * (measurements, statuses), so that each finish groups only what the appenders changed.
   */
  private volatile Grouper.Plan lastPlan;

  /** A builder with the standard overlay stage. */
  public SnapshotBuilder(Classifier classifier, Doctor doctor, Clock clock) {
    this(classifier, doctor, OverlayPipeline.standard(), clock);
  }

  public SnapshotBuilder(
      Classifier classifier, Doctor doctor, OverlayPipeline overlays, Clock clock) {
    this.classifier = Objects.requireNonNull(classifier);
    this.doctor = Objects.requireNonNull(doctor);
    this.overlays = Objects.requireNonNull(overlays);
    this.clock = Objects.requireNonNull(clock);
  }

  /** The production pipeline: the sidecar classifier, the sidecar doctor, every appender. */
  public static SnapshotBuilder standard(Clock clock) {
    return standard(OverlayPipeline.standard(), clock);
  }

  /** The sidecar classifier and the sidecar doctor, with this overlay stage. */
  public static SnapshotBuilder standard(OverlayPipeline overlays, Clock clock) {
    SidecarClassifier classifier = new SidecarClassifier();
    SidecarDoctor doctor = new SidecarDoctor();
    return new SnapshotBuilder(classifier::classify, doctor::examine, overlays, clock);
  }

  /**
   * A snapshot of these observations, with no measurements, grouped as asked: a build of its own,
   * whose base is not kept for another finish.
   */
  public TopologySnapshot build(Observations observations, Grouping grouping) {
    TopologyBase base = base(observations);
    return finish(base, observations.sources(), OverlayData.EMPTY, Grouper.plan(grouping, base));
  }

  /**
   * The base of a snapshot: every workload classified, the manifests' edges and the doctor's
   * findings, all sorted. Its sources are empty: statuses are the finish's to add.
   */
  public TopologyBase base(Observations observations) {
    List<WorkloadSpec> specs = byId(observations.workloads());
    List<Workload> workloads = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      WorkloadSpec spec = specs.get(i);
      workloads.add(new Workload(spec, classifier.classify(spec)));
    }
    ManifestEdges.Result derived =
        edges.derive(workloads, observations.services(), observations.meshNodes());
    List<Finding> findings = doctor.examine(workloads, observations.services());
    return new TopologyBase(
        SortedLists.sort(workloads, Workload.ORDER),
        observations.services(),
        SortedLists.sort(derived.nodes(), Node.ORDER),
        SortedLists.sort(derived.edges(), Edge.ORDER),
        SortedLists.sort(findings, Finding.ORDER),
        List.of(),
        OverlayData.EMPTY);
  }

  /**
   * A snapshot of a base: the appenders run over it with these statuses and measurements, then it
   * is grouped as asked.
   */
  public TopologySnapshot finish(
      TopologyBase base, List<SourceStatus> sources, OverlayData measurements, Grouping grouping) {
    Grouper.Plan plan = lastPlan;
    if (plan == null || !plan.madeFor(base, grouping)) {
      plan = Grouper.plan(grouping, base);
      lastPlan = plan;
    }
    return finish(base, sources, measurements, plan);
  }

  private TopologySnapshot finish(
      TopologyBase base, List<SourceStatus> sources, OverlayData measurements, Grouper.Plan plan) {
    Instant now = clock.instant();
    TopologyBase enriched = overlays.run(base.withSources(sources), measurements, now);
    Grouper.Grouped grouped = Grouper.group(plan, enriched);
    Grouping grouping = plan.grouping;
    return new TopologySnapshot(
        now,
        grouping,
        enriched.sources(),
        grouped.workloads(),
        grouped.nodes(),
        grouped.edges(),
        grouped.findings(),
        grouped.overlays());
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
