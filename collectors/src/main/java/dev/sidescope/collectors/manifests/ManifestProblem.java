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
 */
public record ManifestProblem(Path file, OptionalInt line, String message) {
  /**
   * The code of the finding each problem is: a file that cannot be read is an error, since a lint
   * that skips it passes whatever it holds.
   */
  public static final String FINDING_CODE = "MANIFEST_UNREADABLE";

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
