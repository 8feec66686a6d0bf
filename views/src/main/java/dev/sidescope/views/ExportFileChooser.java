package dev.sidescope.views;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Asks where to write an export. The console's default shows a file chooser; tests put their own in
 * {@link ConsoleOptions}. Called on the FX thread.
 */
@FunctionalInterface
public interface ExportFileChooser {
  /**
   * @param suggestedName a file name with the format's extension, e.g. {@code topology.svg}
   * @return where to write, or empty when the person cancelled
   */
  Optional<Path> choose(ExportFormat format, String suggestedName);
}
