package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.app.Main;
import dev.sidescope.testing.RepositoryFolders;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output that could not be written to stdout is never reported as success. */
class FullStdoutTest {
  @TempDir Path config;

  /** Runs on a standard output that fails every write, as {@code > /dev/full} does. */
  private CommandLineRun onAFullStdout(String... args) {
    StringWriter err = new StringWriter();
    String[] withConfig = new String[args.length + 2];
    withConfig[0] = "--config-dir";
    withConfig[1] = config.toString();
    System.arraycopy(args, 0, withConfig, 2, args.length);
    int code =
        Main.run(
            withConfig,
            new PrintWriter(new FullDevice(), true, StandardCharsets.UTF_8),
            new PrintWriter(err, true),
            Map.of("HOME", config.toString()));
    return new CommandLineRun(code, "", err.toString());
  }

  private static void assertOneSentenceAboutStdout(CommandLineRun run) {
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines().filter(l -> !l.isBlank()))
        .singleElement()
        .satisfies(l -> assertThat(l).startsWith("sidescope: ").endsWith("."));
    assertThat(run.err()).contains("standard output").doesNotContain("Exception", "\tat ");
  }

  @Test
  void aSnapshotThatCouldNotBePrintedIsExitTwo() {
    assertOneSentenceAboutStdout(
        onAFullStdout("snapshot", "--manifests", RepositoryFolders.seedSample().toString()));
  }

  @Test
  void aSnapshotThatCouldNotBePrintedIsExitTwoEvenWhenAFindingMatched() {
    assertOneSentenceAboutStdout(
        onAFullStdout(
            "snapshot",
            "--manifests",
            RepositoryFolders.seedSample().toString(),
            "--fail-on",
            "warning"));
  }

  @Test
  void theDemoPrintedToAFullStdoutIsExitTwo() {
    assertOneSentenceAboutStdout(onAFullStdout("demo", "--format", "mermaid"));
  }

  @Test
  void theVersionPrintedToAFullStdoutIsExitTwo() {
    assertOneSentenceAboutStdout(onAFullStdout("--version"));
  }

  /** Every write and flush fails with the message a full disk gives. */
  private static final class FullDevice extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      throw new IOException("No space left on device");
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      throw new IOException("No space left on device");
    }

    @Override
    public void flush() throws IOException {
      throw new IOException("No space left on device");
    }
  }
}
