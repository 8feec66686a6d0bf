package dev.sidescope.collectors.manifests;

import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Observations;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link ManifestReader} made of a folder or file.
 *
 * @param observations the workloads, services and App Mesh virtual nodes read, with one source
 *     status {@code manifests}: live, or degraded when there were problems
 * @param problems what could not be read, in reading order; the rest was read regardless
 * @param filesRead how many {@code .yaml}, {@code .yml} and {@code .json} files were read from
 *     disk, whether or not they held anything Sidescope reads
 */
public record ManifestReadResult(
    Observations observations, List<ManifestProblem> problems, int filesRead) {
  public ManifestReadResult {
    Objects.requireNonNull(observations, "observations");
    problems = List.copyOf(problems);
  }

  /** True when everything found was read. */
  public boolean clean() {
    return problems.isEmpty();
  }

  /** Each problem as a {@value ManifestProblem#FINDING_CODE} finding, in reading order. */
  public List<Finding> findings() {
    return problems.stream()
        .filter(ManifestProblem::unreadable)
        .map(ManifestProblem::finding)
        .toList();
  }
}
