package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.app.runtime.SidescopeRuntime;
import dev.sidescope.collectors.manifests.ManifestProblem;
import dev.sidescope.collectors.manifests.ManifestReadResult;
import dev.sidescope.collectors.manifests.ManifestReader;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.MeshVirtualNode;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.WorkloadSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads manifest files and folders into one snapshot, or into the observations of one source to
 * combine with live ones. Every problem is one line on stderr and a {@code MANIFEST_UNREADABLE}
 * finding; the rest still reads. Nothing usable at all is a {@link UserError}.
 */
final class ManifestSnapshots {
  private ManifestSnapshots() {}

  /**
   * What the files gave: the observations of the {@code manifests} source, and a finding for each
   * thing in them that could not be read, which no rule over workloads would see.
   */
  record Read(Observations observations, List<Finding> findings) {
    Read {
      findings = List.copyOf(findings);
    }

    /** The snapshot with these findings added to the doctor's. */
    TopologySnapshot addFindingsTo(TopologySnapshot snapshot) {
      if (findings.isEmpty()) {
        return snapshot;
      }
      List<Finding> all = new ArrayList<>(snapshot.findings());
      all.addAll(findings);
      return new TopologySnapshot(
          snapshot.takenAt(),
          snapshot.grouping(),
          snapshot.sources(),
          snapshot.workloads(),
          snapshot.nodes(),
          snapshot.edges(),
          all,
          snapshot.overlays());
    }
  }

  /** The files' snapshot, built through the runtime as every snapshot is. */
  static TopologySnapshot read(List<Path> paths, Grouping grouping, PrintWriter err) {
    Read read = observations(paths, err);
    try (SidescopeRuntime runtime = SidescopeRuntime.create(grouping, Clock.systemUTC())) {
      runtime.publishOnce("manifests", read.observations());
      return read.addFindingsTo(
          runtime.snapshotNow().get(LiveSnapshots.DISCOVERY_CAP.toSeconds(), TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while building the snapshot.", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new UserError("the snapshot could not be built; the details are in the log.", e);
    }
  }

  /**
   * The files' observations as one source ({@code manifests}), to combine with live sources, and
   * their problems as findings.
   */
  static Read observations(List<Path> paths, PrintWriter err) {
    ManifestReader reader = new ManifestReader();
    List<ManifestReadResult> results = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (Path path : paths) {
      ManifestReadResult result = reader.read(path);
      for (ManifestProblem problem : result.problems()) {
        err.println("sidescope: " + problem.summary());
      }
      findings.addAll(result.findings());
      results.add(result);
    }
    err.flush();
    Observations merged = merge(results);
    if (merged.workloads().isEmpty()) {
      throw new UserError(
          "nothing usable was read from "
              + String.join(", ", paths.stream().map(Path::toString).toList())
              + ": no pods, controllers or ECS task definitions.");
    }
    return new Read(merged, findings);
  }

  /** Several reads as one source: live, or degraded when any of them had problems. */
  private static Observations merge(List<ManifestReadResult> results) {
    if (results.size() == 1) {
      return results.get(0).observations();
    }
    List<WorkloadSpec> workloads = new ArrayList<>();
    List<ServiceSpec> services = new ArrayList<>();
    List<MeshVirtualNode> meshNodes = new ArrayList<>();
    Map<String, SourceStatus> worst = new LinkedHashMap<>();
    for (ManifestReadResult r : results) {
      workloads.addAll(r.observations().workloads());
      services.addAll(r.observations().services());
      meshNodes.addAll(r.observations().meshNodes());
      for (SourceStatus s : r.observations().sources()) {
        worst.merge(s.id(), s, (a, b) -> a.status().ordinal() >= b.status().ordinal() ? a : b);
      }
    }
    return new Observations(workloads, services, meshNodes, List.copyOf(worst.values()));
  }
}
