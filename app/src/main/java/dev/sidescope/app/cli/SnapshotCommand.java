package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.TopologySnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sidescope snapshot}: discover once and print the topology. */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = {
      "Discovers once and prints the topology: containers classified as app, sidecar or init,",
      "edges to upstreams and to the AWS services sidecars feed, and the sidecar doctor's findings.",
      "Exit codes: 0 printed, 1 --fail-on matched a finding, 2 bad usage, unreadable input or no usable source."
    })
public final class SnapshotCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--manifests",
      paramLabel = "DIR|FILE",
      description =
          "Kubernetes YAML and ECS task-definition JSON files, or folders of them (repeatable). No cluster needed.")
  List<Path> manifests = List.of();

  @Option(
      names = "--group",
      paramLabel = "pod|workload|service",
      defaultValue = "pod",
      description = "One box per pod or task (default), per owner, or per Service.")
  Grouping group;

  @Option(
      names = "--format",
      paramLabel = "json|mermaid|dot",
      defaultValue = "json",
      description = "Output format (default: json, the sidescope.snapshot/v1 contract).")
  OutputFormat format;

  @Option(
      names = "--fail-on",
      paramLabel = "error|warning",
      description = "Exit with 1 when a finding of this severity or worse is present.")
  Severity failOn;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write to this file instead of stdout.")
  Path out;

  @Override
  public Integer call() {
    if (failOn == Severity.INFO) {
      throw new UserError("--fail-on takes error or warning.");
    }
    if (manifests.isEmpty()) {
      throw new UserError(
          "no source given: pass --manifests DIR (live Kubernetes and ECS discovery are not part of this build yet).");
    }
    TopologySnapshot snapshot =
        ManifestSnapshots.read(manifests, group, spec.commandLine().getErr());
    SnapshotOutput.write(format.render(snapshot), out, spec.commandLine().getOut());
    if (failOn != null
        && snapshot.findings().stream().anyMatch(f -> f.severity().atLeast(failOn))) {
      return 1;
    }
    return 0;
  }
}
