package dev.sidescope.collectors.manifests;

import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Something in a manifest folder that Sidescope could not read, said for a person.
 *
 * @param file the file (or folder) concerned, as the reader found it under the path it was given
 * @param line the 1-based line the problem is on, where known
 * @param message one sentence without the file name, e.g. {@code mapping values are not allowed
 *     here}; no Java class names, no stack traces
 * @param unreadable the file, or a document in it, could not be read (a syntax error, a value of
 *     the wrong shape, an unreadable file); false for a document that was read and is simply not a
 *     manifest (a Helm values file, a list), which a lint of a mixed folder must not fail on
 */
public record ManifestProblem(Path file, OptionalInt line, String message, boolean unreadable) {
  /**
   * The code of the finding each problem is: a file that cannot be read is an error, since a lint
   * that skips it passes whatever it holds.
   */
  public static final String FINDING_CODE = "MANIFEST_UNREADABLE";

  /** A problem of a file that could not be read. */
  public ManifestProblem(Path file, OptionalInt line, String message) {
    this(file, line, message, true);
  }

  public ManifestProblem {
    Objects.requireNonNull(file, "file");
    line = line == null ? OptionalInt.empty() : line;
    Objects.requireNonNull(message, "message");
  }

  /** The problem as one line: {@code kubernetes/orders.yaml line 14: mapping values ...}. */
  public String summary() {
    return file + (line.isPresent() ? " line " + line.getAsInt() : "") + ": " + message;
  }

  /**
   * The problem as an error finding about the source {@value ManifestReader#SOURCE_ID}: a file is
   * no workload, and the source is what it failed to give. The message is {@link #summary()}.
   */
  public Finding finding() {
    return new Finding(
        Severity.ERROR, FINDING_CODE, ManifestReader.SOURCE_ID, Optional.empty(), summary() + ".");
  }
}
