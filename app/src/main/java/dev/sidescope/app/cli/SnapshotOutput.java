package dev.sidescope.app.cli;

import dev.sidescope.app.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes requested output to stdout, or atomically to a file so a reader never sees half of it. */
final class SnapshotOutput {
  private SnapshotOutput() {}

  static void write(String text, Path outFile, PrintWriter stdout) {
    if (outFile == null) {
      stdout.print(text);
      stdout.flush();
      return;
    }
    Path target = outFile.toAbsolutePath();
    Path temp = null;
    try {
      Path dir = target.getParent();
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException notHere) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UserError("cannot write " + outFile + ": " + reason(e), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // Best effort: a leftover temp file is harmless.
        }
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
