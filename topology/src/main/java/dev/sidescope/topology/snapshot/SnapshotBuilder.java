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
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Turns observations into a complete, immutable {@link TopologySnapshot}: classify every container,
 * derive the edges the manifests justify, ask the sidecar doctor, then group.
 *
 * <p>Findings are made per pod before grouping, so a box standing for three replicas still says
 * which replica is broken.
 *
 * <p>Stateless apart from its collaborators; safe to call from any thread, typically the store's
 * single writer thread. A large cluster is built on two threads: the calling one and one helper
 * shared by every builder. Each classifies half the workloads, then one derives the edges while the
 * other runs the doctor; both read the same immutable workloads, and the result is the same as on
 * one thread.
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

  /** From this many workloads on, a build shares its work with the helper thread. */
  static final int SHARED_FROM = 2_000;

  /**
   * One daemon thread for every builder: builds are rare (at most a few per second per store), and
   * a second thread is what a two-core laptop can give without starving the window.
   */
  private static final ExecutorService HELPER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "sidescope-snapshot-helper");
            t.setDaemon(true);
            return t;
          });

  private final Classifier classifier;
  private final Doctor doctor;
  private final ManifestEdges edges = new ManifestEdges();
  private final Clock clock;
  private final int sharedFrom;

  public SnapshotBuilder(Classifier classifier, Doctor doctor, Clock clock) {
    this(classifier, doctor, clock, SHARED_FROM);
  }

  /** A builder that shares its work from {@code sharedFrom} workloads on. */
  public SnapshotBuilder(Classifier classifier, Doctor doctor, Clock clock, int sharedFrom) {
    this.classifier = Objects.requireNonNull(classifier);
    this.doctor = Objects.requireNonNull(doctor);
    this.clock = Objects.requireNonNull(clock);
    this.sharedFrom = sharedFrom;
  }

  /** The production pipeline: the sidecar classifier and the sidecar doctor. */
  public static SnapshotBuilder standard(Clock clock) {
    return standard(clock, SHARED_FROM);
  }

  /**
   * The production pipeline, sharing its work with the helper thread from {@code sharedFrom}
   * workloads on ({@link Integer#MAX_VALUE}: never). The result does not depend on it.
   */
  public static SnapshotBuilder standard(Clock clock, int sharedFrom) {
    SidecarClassifier classifier = new SidecarClassifier();
    SidecarDoctor doctor = new SidecarDoctor();
    return new SnapshotBuilder(classifier::classify, doctor::examine, clock, sharedFrom);
  }

  /** A snapshot of these observations, grouped as asked. */
  public TopologySnapshot build(Observations observations, Grouping grouping) {
    List<WorkloadSpec> specs = byId(observations.workloads());
    boolean shared = specs.size() >= sharedFrom;
    List<Workload> workloads;
    ManifestEdges.Result derived;
    List<Finding> findings;
    if (shared) {
      int half = specs.size() / 2;
      CompletableFuture<List<Workload>> secondHalf =
          CompletableFuture.supplyAsync(() -> classify(specs.subList(half, specs.size())), HELPER);
      workloads = classify(specs.subList(0, half));
      workloads.addAll(joined(secondHalf));
      List<Workload> classified = List.copyOf(workloads);
      CompletableFuture<List<Finding>> examined =
          CompletableFuture.supplyAsync(
              () -> doctor.examine(classified, observations.services()), HELPER);
      derived = edges.derive(classified, observations.services(), observations.meshNodes());
      findings = joined(examined);
      workloads = classified;
    } else {
      workloads = classify(specs);
      derived = edges.derive(workloads, observations.services(), observations.meshNodes());
      findings = doctor.examine(workloads, observations.services());
    }
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
    java.util.Arrays.sort(sorted, (a, b) -> a.id().compareTo(b.id()));
    return java.util.Arrays.asList(sorted);
  }

  private List<Workload> classify(List<WorkloadSpec> specs) {
    List<Workload> workloads = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      WorkloadSpec spec = specs.get(i);
      workloads.add(new Workload(spec, classifier.classify(spec)));
    }
    return workloads;
  }

  /** The helper's result, with its exception rethrown as it was thrown there. */
  private static <T> T joined(CompletableFuture<T> work) {
    try {
      return work.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
