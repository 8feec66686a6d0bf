package dev.sidescope.testing.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Compares text a test produced with a golden file under {@code src/test/resources/golden/} of the
 * module under test, and rewrites the golden files when asked to:
 *
 * <pre>
 * mvn -B -pl topology test -Dsidescope.golden.update=true
 * </pre>
 *
 * <p>Then review the diff with {@code git diff} like code. Files are read from and written to the
 * source tree (not {@code target/}), so one update run followed by a plain run passes. A mismatch
 * fails with the first differing line, a little context, and the update command.
 */
public final class GoldenFiles {

  /** The system property that turns comparing into rewriting. */
  public static final String UPDATE_PROPERTY = "sidescope.golden.update";

  private static final int CONTEXT_LINES = 3;

  private GoldenFiles() {}

  /**
   * Asserts that {@code actual} equals the golden file {@code name} (a path relative to the golden
   * folder, e.g. {@code seed.mmd}); in update mode, writes {@code actual} there instead.
   */
  public static void assertMatches(String name, String actual) {
    Path file = directory().resolve(name);
    if (updating()) {
      if (!Files.isRegularFile(file) || !read(file).equals(actual)) {
        write(file, actual);
        System.err.println("Golden file written: " + file);
      }
      return;
    }
    if (!Files.isRegularFile(file)) {
      throw new AssertionFailedError(
          "Golden file "
              + file
              + " does not exist. Create it with:\n  "
              + updateCommand()
              + "\nthen review it before committing.");
    }
    String expected = read(file);
    if (!expected.equals(actual)) {
      throw new AssertionFailedError(
          "Output differs from golden file "
              + file
              + "\n"
              + firstDifference(expected, actual)
              + "\nIf the change is intended, refresh the golden files with:\n  "
              + updateCommand()
              + "\nand review `git diff` before committing.",
          expected,
          actual);
    }
  }

  /** True when this run rewrites golden files instead of comparing with them. */
  public static boolean updating() {
    return Boolean.parseBoolean(System.getProperty(UPDATE_PROPERTY, "false"));
  }

  /** The golden folder of the module under test: {@code src/test/resources/golden}. */
  public static Path directory() {
    // Surefire sets basedir to the module folder; an IDE usually runs from it.
    String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
    return Path.of(basedir, "src", "test", "resources", "golden");
  }

  private static String updateCommand() {
    String module =
        Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath()
            .normalize()
            .getFileName()
            .toString();
    return "mvn -B -pl " + module + " test -D" + UPDATE_PROPERTY + "=true";
  }

  /** Where two texts first differ, with a few lines of each around it. */
  static String firstDifference(String expected, String actual) {
    List<String> want = expected.lines().toList();
    List<String> got = actual.lines().toList();
    int line = 0;
    while (line < want.size() && line < got.size() && want.get(line).equals(got.get(line))) {
      line++;
    }
    StringBuilder out = new StringBuilder();
    if (line == want.size() && line == got.size()) {
      return "The lines are equal; the texts differ in line endings or a final newline.";
    }
    out.append("First difference at line ").append(line + 1).append(":\n");
    int from = Math.max(0, line - CONTEXT_LINES);
    for (int i = from; i < line; i++) {
      out.append("    ").append(want.get(i)).append('\n');
    }
    for (int i = line; i < Math.min(want.size(), line + CONTEXT_LINES); i++) {
      out.append("  - ").append(want.get(i)).append('\n');
    }
    for (int i = line; i < Math.min(got.size(), line + CONTEXT_LINES); i++) {
      out.append("  + ").append(got.get(i)).append('\n');
    }
    out.append("(- golden, + actual; ").append(want.size()).append(" golden lines, ");
    out.append(got.size()).append(" actual lines)");
    return out.toString();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read golden file " + file, e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write golden file " + file, e);
    }
  }
}
