package dev.sidescope.samples.folder;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sample clusters that ship inside Sidescope, each a folder in the sample-cluster format
 * (DESIGN.md, "Sample clusters") under {@code samples/<name>/} on the class path.
 *
 * <p>The folders are handed out as {@link Path}s that may live inside the application's jar (a zip
 * file system): read them with {@link java.nio.file.Files}, never with {@code toFile()}.
 * Thread-safe.
 */
public final class BuiltInSamples {
  /** The sample the demo opens when no name is given. */
  public static final String DEFAULT = "seed";

  private static final List<String> NAMES = List.of("seed", "mesh", "broken");

  private BuiltInSamples() {}

  /** The names of the built-in samples, the default first. */
  public static List<String> names() {
    return NAMES;
  }

  /** The folder of the named sample, if there is one by that name. */
  public static Optional<Path> folder(String name) throws IOException {
    if (!NAMES.contains(name)) {
      return Optional.empty();
    }
    URL marker = BuiltInSamples.class.getResource("/samples/" + name + "/cluster.yaml");
    if (marker == null) {
      throw new IOException("the built-in sample " + name + " is missing from this installation");
    }
    try {
      URI uri = marker.toURI();
      if ("jar".equals(uri.getScheme())) {
        try {
          FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException alreadyOpen) {
          // Opened by an earlier call; Path.of below finds it.
        }
      }
      return Optional.of(Path.of(uri).getParent());
    } catch (URISyntaxException e) {
      throw new IOException("cannot locate the built-in sample " + name, e);
    }
  }
}
