package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes requested output to stdout or to {@code --out}. A regular file (or a new one) is replaced
 * atomically, so that a reader never sees half of it; anything else at the path (a link, a device,
 * a pipe, {@code /dev/stdout}) is written to as it is, the way a shell's {@code >} would, because
 * renaming over it would put a file where the device or the link was.
 */
final class SnapshotOutput {
  private SnapshotOutput() {}

  static void write(String text, Path outFile, PrintWriter stdout) {
    if (outFile == null) {
      stdout.print(text);
      // checkError flushes; a PrintWriter keeps a failed write to itself until asked.
      if (stdout.checkError()) {
        throw new UserError(
            "could not write the snapshot to standard output, so what reached it is incomplete.");
      }
      return;
    }
    Path target = outFile.toAbsolutePath();
    try {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
          && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
        writeInPlace(text, target);
        return;
      }
      Path dir = target.getParent();
      if (!Files.isDirectory(dir)) {
        throw new UserError(
            "cannot write "
                + outFile
                + ": "
                + dir
                + (Files.exists(dir) ? " is not a folder." : " does not exist."));
      }
      replace(text, target, dir);
    } catch (IOException e) {
      throw new UserError("cannot write " + outFile + ": " + reason(e) + ".", e);
    }
  }

  /** Opens what is at the path (through a link) for writing, without replacing it. */
  private static void writeInPlace(String text, Path target) throws IOException {
    if (Files.isDirectory(target)) {
      throw new UserError("cannot write " + target + ": it is a folder.");
    }
    try (OutputStream out =
        Files.newOutputStream(
            target,
            StandardOpenOption.WRITE,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A temporary file beside the target, renamed over it: the target is whole or untouched. */
  private static void replace(String text, Path target, Path dir) throws IOException {
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException notHere) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // Best effort: a leftover temp file is harmless.
      }
    }
  }

  static String reason(IOException e) {
    String name = e.getClass().getSimpleName();
    return switch (name) {
      case "AccessDeniedException" -> "permission denied";
      case "NoSuchFileException" -> "no such file or folder";
      case "FileSystemException" -> e.getMessage() == null ? "file system error" : e.getMessage();
      default -> e.getMessage() == null ? name : e.getMessage();
    };
  }
}
