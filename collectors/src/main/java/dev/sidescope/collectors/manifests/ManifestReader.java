package dev.sidescope.collectors.manifests;

import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Kubernetes manifests (YAML, several documents a file, {@code kind: List} expanded; or JSON)
 * and ECS task definitions (JSON or YAML; {@code RegisterTaskDefinition} input or {@code
 * DescribeTaskDefinition} output) from a folder or a single file into model observations: what
 * {@code sidescope snapshot --manifests DIR} shows and lints.
 *
 * <p>A folder is read recursively, files sorted by path, hidden files and folders skipped; only
 * {@code .yaml}, {@code .yml} and {@code .json} files are read (a single file is read whatever its
 * name). Each bare Pod is one workload; each controller one workload standing for its pod template;
 * each task definition one workload owned by {@code TaskDefinition/<family>:<revision>}. Services
 * and App Mesh {@code VirtualNode}s are read too; other kinds are ignored, as are the
 * sample-cluster files {@code cluster.yaml} and {@code ecs/services.yaml} and kustomize's {@code
 * kustomization.yaml}.
 *
 * <p>Bad input never throws: a file or document that cannot be read becomes a {@link
 * ManifestProblem} naming the file (and the line, where known), and everything else is still read.
 * The source status {@value #SOURCE_ID} is live, or degraded when there were problems.
 *
 * <p>Threading: stateless; one instance may be called from any number of threads at once. It does
 * blocking file I/O, so never call it on the JavaFX Application Thread.
 */
public final class ManifestReader {
  /** The id of the source status the reader reports, and of every workload's source. */
  public static final String SOURCE_ID = "manifests";

  /**
   * The largest file read: 16 MiB, well above a bundle of CRDs, well below what would hurt the
   * console's memory.
   */
  public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  /**
   * What a file over the limit is, without its own size: rounded to whole megabytes, a file just
   * over the limit would read "16 MB, larger than 16 MB".
   */
  private static final String TOO_LARGE =
      "larger than " + megabytes(MAX_FILE_BYTES) + ", the most Sidescope reads of one file";

  private static final Logger LOG = LoggerFactory.getLogger(ManifestReader.class);

  private final Clock clock;

  /** A reader that stamps its source status with the system clock. */
  public ManifestReader() {
    this(Clock.systemUTC());
  }

  /** A reader that stamps its source status with {@code clock}. */
  public ManifestReader(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Reads a folder (recursively) or a single file.
   *
   * @param path a folder or a file; a missing path, an empty folder or an unreadable file is a
   *     problem in the result, not an exception
   */
  public ManifestReadResult read(Path path) {
    Objects.requireNonNull(path, "path");
    ManifestCollection collection = new ManifestCollection();
    int filesRead = 0;
    if (!Files.exists(path)) {
      collection.problem(path, OptionalInt.empty(), "does not exist");
    } else if (Files.isDirectory(path)) {
      List<Path> files = findManifestFiles(path, collection);
      if (files.isEmpty() && collection.problems().isEmpty()) {
        collection.problem(
            path,
            OptionalInt.empty(),
            "no Kubernetes manifests or ECS task definitions found in " + path);
      }
      for (Path file : files) {
        filesRead += readFile(file, collection) ? 1 : 0;
      }
    } else if (!Files.isRegularFile(path)) {
      collection.problem(path, OptionalInt.empty(), "is not a regular file");
    } else {
      filesRead += readFile(path, collection) ? 1 : 0;
    }
    return new ManifestReadResult(
        collection.observations(status(collection.problems())), collection.problems(), filesRead);
  }

  private SourceStatus status(List<ManifestProblem> problems) {
    if (problems.isEmpty()) {
      return SourceStatus.live(SOURCE_ID, clock.instant());
    }
    String message =
        problems.size() == 1
            ? "1 problem reading manifests: " + problems.get(0).summary()
            : problems.size()
                + " problems reading manifests; the first: "
                + problems.get(0).summary();
    return SourceStatus.of(SOURCE_ID, SourceState.DEGRADED, message, clock.instant());
  }

  /** The manifest files under a folder, sorted by path; unreadable folders become problems. */
  private static List<Path> findManifestFiles(Path root, ManifestCollection collection) {
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return !dir.equals(root) && isHidden(dir)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (isHidden(file) || !hasManifestExtension(file)) {
                return FileVisitResult.CONTINUE;
              }
              if (attrs.isRegularFile()) {
                files.add(file);
              } else if (attrs.isSymbolicLink()) {
                collection.problem(
                    file, OptionalInt.empty(), "is a symbolic link to a file that does not exist");
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (e instanceof FileSystemLoopException) {
                LOG.debug("Not following {}: it links back to a folder above it", file);
              } else if (!isHidden(file)) {
                collection.problem(file, OptionalInt.empty(), "cannot be read: " + reason(e));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException | RuntimeException e) {
      LOG.debug("Walking {} failed", root, e);
      collection.problem(root, OptionalInt.empty(), "cannot be read: " + reason(e));
    }
    files.sort(null);
    return files;
  }

  /** Reads one file; true when its bytes were read from disk. */
  private static boolean readFile(Path file, ManifestCollection collection) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        collection.problem(file, OptionalInt.empty(), "is " + TOO_LARGE);
        return false;
      }
      bytes = readAtMost(file, MAX_FILE_BYTES);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Reading {} failed", file, e);
      collection.problem(file, OptionalInt.empty(), "cannot be read: " + reason(e));
      return false;
    }
    if (bytes.length > MAX_FILE_BYTES) {
      collection.problem(file, OptionalInt.empty(), "grew while being read and is " + TOO_LARGE);
      return true;
    }
    String text;
    try {
      text = ManifestText.decode(bytes);
    } catch (ManifestText.NotText e) {
      collection.problem(file, OptionalInt.empty(), e.getMessage());
      return true;
    }
    LOG.debug("Reading {} ({} bytes)", file, bytes.length);
    new ManifestFile(file, text, collection).read();
    return true;
  }

  private static byte[] readAtMost(Path file, long limit) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(Math.toIntExact(limit + 1));
    }
  }

  private static String reason(Exception e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "it disappeared while being read";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      // The reason without the path, which the problem names already.
      return fs.getReason().strip().toLowerCase(Locale.ROOT);
    }
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? "an input/output error occurred"
        : message.strip().lines().findFirst().orElse("");
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.0f MB", bytes / (1024.0 * 1024.0));
  }

  private static boolean isHidden(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  private static boolean hasManifestExtension(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }
}
