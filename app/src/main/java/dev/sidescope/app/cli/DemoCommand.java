package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.samples.BuiltInSamples;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.TopologySnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sidescope demo [NAME]}: a built-in sample cluster. Until the console lands, it prints the
 * sample's topology as read from its manifests (Mermaid by default, ready for any Mermaid viewer).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Shows a built-in sample cluster (default: seed), read from its manifests.")
public final class DemoCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "NAME",
      description = "The sample: ${COMPLETION-CANDIDATES}.",
      completionCandidates = SampleNames.class)
  String name = BuiltInSamples.DEFAULT;

  @Option(
      names = "--group",
      paramLabel = "pod|workload|service",
      defaultValue = "workload",
      description = "Grouping (default: workload).")
  Grouping group;

  @Option(
      names = "--format",
      paramLabel = "json|mermaid|dot",
      defaultValue = "mermaid",
      description = "Output format (default: mermaid).")
  OutputFormat format;

  @Override
  public Integer call() {
    Path folder;
    try {
      folder =
          BuiltInSamples.folder(name)
              .orElseThrow(
                  () ->
                      new UserError(
                          "there is no built-in sample called '"
                              + name
                              + "'; try one of: "
                              + String.join(", ", BuiltInSamples.names())
                              + "."));
    } catch (IOException e) {
      throw new UserError(e.getMessage(), e);
    }
    TopologySnapshot snapshot =
        ManifestSnapshots.read(List.of(folder), group, spec.commandLine().getErr());
    spec.commandLine()
        .getErr()
        .println(
            "sidescope: sample '"
                + name
                + "' from its manifests: "
                + snapshot.workloads().size()
                + " workloads, "
                + snapshot.edges().size()
                + " edges, "
                + snapshot.findings().size()
                + " findings (the live console is not part of this build yet).");
    SnapshotOutput.write(format.render(snapshot), null, spec.commandLine().getOut());
    return 0;
  }

  /** Completion candidates for NAME. */
  static final class SampleNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return BuiltInSamples.names().iterator();
    }
  }
}
