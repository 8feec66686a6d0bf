package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import dev.sidescope.samples.folder.BuiltInSamples;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.TopologySnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sidescope demo [NAME]}: the console on a built-in sample cluster served on loopback; with
 * {@code --format}, the sample's topology as read from its manifests, printed instead.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Opens the console on a built-in sample cluster.",
      "The sample (default: seed) is served on loopback and read by the same Kubernetes and ECS"
          + " sources as a real cluster. Samples: seed, mesh, broken."
    })
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
      description = "With --format: grouping (default: workload).")
  Grouping group;

  @Option(
      names = "--format",
      paramLabel = "json|mermaid|dot",
      description =
          "Print the sample's topology from its manifests instead of opening the console"
              + " (for a terminal without a display).")
  OutputFormat format;

  @picocli.CommandLine.ParentCommand SidescopeCommand parent;

  @Override
  public Integer call() {
    Path folder = SampleClusterCommand.Serve.builtIn(name);
    if (format != null) {
      TopologySnapshot snapshot =
          ManifestSnapshots.read(List.of(folder), group, spec.commandLine().getErr());
      SnapshotOutput.write(format.render(snapshot), null, spec.commandLine().getOut());
      return 0;
    }
    if (!displayAvailable(parent.env)) {
      throw new UserError(
          "there is no display to open the console on; 'sidescope demo "
              + name
              + " --format mermaid' prints the sample instead.");
    }
    DemoConsole.open(folder, name, parent.dirs.config(), parent.env);
    return 0;
  }

  /** Linux needs an X or Wayland display; macOS and Windows always have one for a desktop user. */
  static boolean displayAvailable(java.util.Map<String, String> env) {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    if (!os.contains("linux")) {
      return true;
    }
    return !env.getOrDefault("DISPLAY", "").isBlank()
        || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
  }

  /** Completion candidates for NAME. */
  static final class SampleNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return BuiltInSamples.names().iterator();
    }
  }
}
