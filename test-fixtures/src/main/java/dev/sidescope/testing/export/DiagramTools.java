package dev.sidescope.testing.export;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the real diagram renderers on this machine, for tests that check exported text with them:
 * the Mermaid CLI ({@code mmdc}) and Graphviz ({@code dot}). {@code .ci/install-tools.sh} installs
 * both. Where one is missing, tests skip (see {@link #MERMAID_CLI_MISSING}), they never fail.
 *
 * <p>Where {@code mmdc} is looked for, first match wins:
 *
 * <ol>
 *   <li>{@code $SIDESCOPE_MMDC}, the path of an {@code mmdc} executable;
 *   <li>{@code $SIDESCOPE_TOOLS_DIR/node_modules/.bin/mmdc}, else {@code
 *       $HOME/.cache/sidescope-tools/node_modules/.bin/mmdc} (where the install script puts it);
 *   <li>{@code mmdc} on {@code PATH}.
 * </ol>
 *
 * Its puppeteer config is {@code $SIDESCOPE_PUPPETEER_CONFIG}, else {@code puppeteer-config.json}
 * in the tool folder, else one written on the fly for a {@code chromium} on {@code PATH}, else none
 * (mmdc then uses puppeteer's own browser). {@code dot} is {@code $SIDESCOPE_DOT}, else {@code dot}
 * on {@code PATH}.
 */
public final class DiagramTools {

  /** Why a Mermaid CLI test skips. */
  public static final String MERMAID_CLI_MISSING =
      "Mermaid CLI not found (looked at $SIDESCOPE_MMDC, $SIDESCOPE_TOOLS_DIR or"
          + " ~/.cache/sidescope-tools/node_modules/.bin/mmdc, and mmdc and node on PATH);"
          + " run .ci/install-tools.sh as root to install it. Skipping.";

  /** Why a Graphviz test skips. */
  public static final String GRAPHVIZ_MISSING =
      "Graphviz dot not found ($SIDESCOPE_DOT, PATH); run .ci/install-tools.sh as root"
          + " (or apt-get install graphviz) to install it. Skipping.";

  private static final String DEFAULT_TOOLS_DIR = ".cache/sidescope-tools";
  private static final String MMDC_IN_TOOLS_DIR = "node_modules/.bin/mmdc";
  private static final String PUPPETEER_CONFIG = "puppeteer-config.json";

  private DiagramTools() {}

  /** The Mermaid CLI as found here, ready to run. */
  public record MermaidCli(Path mmdc, Optional<Path> puppeteerConfig) {
    /** The command that renders {@code input} (a .mmd file) to {@code output} (.svg or .png). */
    public List<String> command(Path input, Path output) {
      List<String> command = new ArrayList<>(List.of(mmdc.toString(), "--quiet"));
      puppeteerConfig.ifPresent(p -> command.addAll(List.of("-p", p.toString())));
      command.addAll(List.of("-i", input.toString(), "-o", output.toString()));
      return command;
    }
  }

  /** What a finished tool run left: its exit code and what it printed. */
  public record ToolRun(int exitCode, String output) {}

  /**
   * The Mermaid CLI, where one is installed and {@code node} is on {@code PATH} to run it; {@code
   * scratch} is where a puppeteer config may be written.
   */
  public static Optional<MermaidCli> mermaidCli(Path scratch) {
    Optional<Path> mmdc =
        envPath("SIDESCOPE_MMDC")
            .filter(Files::isExecutable)
            .or(
                () ->
                    Optional.of(toolsDir().resolve(MMDC_IN_TOOLS_DIR)).filter(Files::isExecutable))
            .or(() -> onPath("mmdc"));
    if (mmdc.isEmpty() || onPath("node").isEmpty()) {
      return Optional.empty();
    }
    Optional<Path> config =
        envPath("SIDESCOPE_PUPPETEER_CONFIG")
            .filter(Files::isRegularFile)
            .or(
                () ->
                    Optional.of(toolsDir().resolve(PUPPETEER_CONFIG)).filter(Files::isRegularFile))
            .or(() -> onPath("chromium").map(chromium -> writeConfig(chromium, scratch)));
    return Optional.of(new MermaidCli(mmdc.get(), config));
  }

  /** Graphviz {@code dot}, where it is installed. */
  public static Optional<Path> graphvizDot() {
    return envPath("SIDESCOPE_DOT").filter(Files::isExecutable).or(() -> onPath("dot"));
  }

  /**
   * Runs a command in {@code workDir} and waits at most {@code timeout}; past it, kills the command
   * and everything it started (mmdc starts a browser) and throws.
   */
  public static ToolRun run(List<String> command, Path workDir, Duration timeout) {
    Path log = workDir.resolve("tool-output.log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            "timed out after "
                + timeout.toSeconds()
                + " s and was killed: "
                + command
                + "\n"
                + read(log));
      }
      return new ToolRun(process.exitValue(), read(log));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }

  private static Path toolsDir() {
    return envPath("SIDESCOPE_TOOLS_DIR").orElseGet(() -> home().resolve(DEFAULT_TOOLS_DIR));
  }

  private static Path home() {
    return envPath("HOME").orElseGet(() -> Path.of(System.getProperty("user.home")));
  }

  private static Optional<Path> envPath(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }

  /** The first executable of this name in a {@code PATH} folder. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static Path writeConfig(Path chromium, Path scratch) {
    // --no-sandbox: test runs as root (CI) are refused Chromium's sandbox.
    String json =
        "{\"executablePath\": \""
            + chromium.toString().replace("\\", "\\\\").replace("\"", "\\\"")
            + "\", \"args\": [\"--no-sandbox\", \"--disable-background-networking\","
            + " \"--disable-gpu\", \"--disable-dev-shm-usage\"]}\n";
    Path config = scratch.resolve(PUPPETEER_CONFIG);
    try {
      Files.writeString(config, json, StandardCharsets.UTF_8);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
  }
}
