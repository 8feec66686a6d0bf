package dev.sidescope.app;

import dev.sidescope.app.cli.SidescopeCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code sidescope} command. Not a JavaFX {@code Application}, so that it runs from a plain
 * class path and the console's toolkit starts only when a window is wanted.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    exitWith(args, Main::run);
  }

  /** A command line run in-process, on the given streams and environment, to its exit code. */
  @FunctionalInterface
  public interface EntryPoint {
    int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env);
  }

  /**
   * Runs an entry point on the process's stdout, stderr (both UTF-8) and environment, and ends the
   * process with its exit code. Every {@code main} of the product (this one, the benchmarks') ends
   * here.
   */
  public static void exitWith(String[] args, EntryPoint entry) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = entry.run(args, out, err, System.getenv());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs one command line and returns its exit code: 0 done, 1 {@code --fail-on} matched, 2 bad
   * usage, unreadable input, no usable source or output that could not be written. Tests call this
   * in-process.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    AppDirs dirs = openLog(configDirOption(args), env);
    int code = SidescopeCommand.commandLine(dirs, env, out, err).execute(args);
    // A PrintWriter keeps a failed write to itself (checkError flushes and asks): without this, a
    // command printing to a full disk or a closed pipe would exit as if all had been printed. A
    // command that failed has said so already.
    if ((code == 0 || code == 1) && out.checkError()) {
      err.println(
          "sidescope: could not write to standard output, so what reached it is incomplete.");
      return 2;
    }
    return code;
  }

  /** The log file must be known before the first logger is made, so before picocli parses. */
  private static Optional<Path> configDirOption(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config-dir") && i + 1 < args.length) {
        return Optional.of(Path.of(args[i + 1]));
      }
      if (args[i].startsWith("--config-dir=")) {
        return Optional.of(Path.of(args[i].substring("--config-dir=".length())));
      }
    }
    return Optional.empty();
  }

  /**
   * Resolves the directories and sends the log to the state directory's file (the temporary
   * folder's when that cannot be made). Every entry point (this one, the benchmarks') calls it
   * before the first logger is made: from then on, the log file is chosen.
   */
  public static AppDirs openLog(Optional<Path> configDir, Map<String, String> env) {
    AppDirs dirs = AppDirs.resolve(configDir, env);
    Path log = dirs.logFile();
    try {
      Files.createDirectories(log.getParent());
    } catch (Exception unwritable) {
      log = Path.of(System.getProperty("java.io.tmpdir"), "sidescope.log");
    }
    System.setProperty("sidescope.log.file", log.toString());
    return dirs;
  }
}
