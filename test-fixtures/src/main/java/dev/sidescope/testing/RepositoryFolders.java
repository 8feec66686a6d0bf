package dev.sidescope.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Folders of the repository that tests read, found from any module's working directory (Surefire
 * runs a module's tests in the module's folder, an IDE often in the repository's).
 */
public final class RepositoryFolders {
  private RepositoryFolders() {}

  /**
   * The repository's root: the folder with the parent {@code pom.xml}, {@code docs/} and {@code
   * fixtures/}.
   */
  public static Path root() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml"))
          && Files.isDirectory(p.resolve("docs"))
          && Files.isDirectory(p.resolve("fixtures"))) {
        return p;
      }
    }
    throw new IllegalStateException("not inside the repository: " + here);
  }

  /** {@code docs/}, where the snapshot schema is published. */
  public static Path docs() {
    return root().resolve("docs");
  }

  /** {@code fixtures/}: real payloads from public projects, with their provenance. */
  public static Path fixtures() {
    return root().resolve("fixtures");
  }

  /** The seed sample cluster's files in the source tree. */
  public static Path seedSample() {
    return root().resolve("sample-clusters/src/main/resources/samples/seed");
  }
}
