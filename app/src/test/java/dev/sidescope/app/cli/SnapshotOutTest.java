package dev.sidescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sidescope.testing.RepositoryFolders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code snapshot} puts its output: a regular file is replaced whole, anything else at the
 * path is written as it is, and a folder that is not there is not made.
 */
class SnapshotOutTest {
  @TempDir Path config;
  @TempDir Path work;

  private CommandLineRun snapshotTo(Path out) {
    return CommandLineRun.of(
        config,
        "snapshot",
        "--manifests",
        RepositoryFolders.seedSample().toString(),
        "--out",
        out.toString());
  }

  private static void assertOneSentence(CommandLineRun run) {
    assertThat(run.err().lines().filter(l -> !l.isBlank()))
        .singleElement()
        .satisfies(l -> assertThat(l).startsWith("sidescope: ").endsWith("."));
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void aRegularFileIsReplacedWhole() throws Exception {
    Path out = work.resolve("topology.json");
    Files.writeString(out, "old contents that are longer than nothing");

    CommandLineRun run = snapshotTo(out);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(out)).startsWith("{").doesNotContain("old contents");
    try (var left = Files.list(work)) {
      assertThat(left).containsExactly(out);
    }
  }

  @Test
  void aSymlinkIsWrittenThroughAndStaysALink() throws Exception {
    Path target = work.resolve("real.json");
    Files.writeString(target, "old");
    Path link = Files.createSymbolicLink(work.resolve("link.json"), target);

    CommandLineRun run = snapshotTo(link);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).as("still a link").isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(target);
    assertThat(Files.readString(target)).startsWith("{").contains("\"workloads\"");
  }

  @Test
  void aMissingFolderIsOneSentenceExitTwoAndCreatesNothing() {
    Path out = work.resolve("nonexistent/dir/x.json");

    CommandLineRun run = snapshotTo(out);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertOneSentence(run);
    assertThat(run.err()).contains(out.getParent().toString());
    assertThat(work.resolve("nonexistent")).doesNotExist();
  }

  @Test
  void aFifoIsWrittenToAndStaysAFifo() throws Exception {
    Path fifo = work.resolve("pipe");
    assumeTrue(mkfifo(fifo), "mkfifo is not available here");
    CompletableFuture<String> read =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            },
            task -> {
              Thread reader = new Thread(task, "fifo-reader");
              reader.setDaemon(true);
              reader.start();
            });

    CommandLineRun run = snapshotTo(fifo);
    if (!read.isDone()) {
      // The command never opened the pipe: open it once so that the reader is let go.
      Files.newOutputStream(fifo).close();
    }

    assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).as("a regular file").isFalse();
    assertThat(isOther(fifo)).as("still a pipe").isTrue();
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(read.get(10, TimeUnit.SECONDS)).startsWith("{").contains("\"workloads\"");
  }

  @Test
  void devNullTakesTheOutputAndStaysADevice() {
    Path devNull = Path.of("/dev/null");
    assumeTrue(isOther(devNull), "no /dev/null device here");

    CommandLineRun run = snapshotTo(devNull);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.isRegularFile(devNull, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(isOther(devNull)).isTrue();
  }

  @Test
  void aFullDeviceIsOneSentenceAndExitTwo() {
    Path devFull = Path.of("/dev/full");
    assumeTrue(isOther(devFull), "no /dev/full device here");

    CommandLineRun run = snapshotTo(devFull);

    assertThat(run.exitCode()).isEqualTo(2);
    assertOneSentence(run);
    assertThat(run.err()).containsIgnoringCase("no space left on device");
    assertThat(isOther(devFull)).isTrue();
  }

  /** A device or a pipe: neither a regular file, a folder nor a link. */
  private static boolean isOther(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isOther();
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean mkfifo(Path at) throws InterruptedException {
    try {
      Process p = new ProcessBuilder("mkfifo", at.toString()).redirectErrorStream(true).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(at);
    } catch (IOException absent) {
      return false;
    }
  }
}
