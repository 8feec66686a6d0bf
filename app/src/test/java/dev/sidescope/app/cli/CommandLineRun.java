package dev.sidescope.app.cli;

import dev.sidescope.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the sidescope command line in-process and keeps what it printed. */
record CommandLineRun(int exitCode, String out, String err) {

  /**
   * Runs with an environment whose {@code HOME} is the config directory, so that no test ever reads
   * the real {@code ~/.kube/config}.
   */
  static CommandLineRun of(Path configDir, String... args) {
    return withEnvironment(configDir, Map.of("HOME", configDir.toString()), args);
  }

  /** Runs with exactly this environment ({@code HOME}, {@code KUBECONFIG}, {@code PATH}). */
  static CommandLineRun withEnvironment(
      Path configDir, Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] withConfig = new String[args.length + 2];
    withConfig[0] = "--config-dir";
    withConfig[1] = configDir.toString();
    System.arraycopy(args, 0, withConfig, 2, args.length);
    int code =
        Main.run(withConfig, new PrintWriter(out, true), new PrintWriter(err, true), environment);
    return new CommandLineRun(code, out.toString(), err.toString());
  }
}
