package dev.sidescope.views;

import dev.sidescope.views.sources.SourceCatalog;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the app gives the console: the window title, the folder its settings live in ({@code
 * console.properties}), the snapshot feed, and optionally the file chooser and clipboard (the
 * defaults use the real ones), the catalog of sources behind the Sources dialog, and — when the app
 * found nothing to show — the sentence that says so, which opens the console on its call to action
 * (open the demo, or choose sources).
 */
public record ConsoleOptions(
    String title,
    Path configDir,
    SnapshotFeed feed,
    Optional<ExportFileChooser> fileChooser,
    Optional<TextClipboard> clipboard,
    Optional<SourceCatalog> sources,
    Optional<String> nothingFound) {

  public ConsoleOptions {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(configDir, "configDir");
    Objects.requireNonNull(feed, "feed");
    fileChooser = fileChooser == null ? Optional.empty() : fileChooser;
    clipboard = clipboard == null ? Optional.empty() : clipboard;
    sources = sources == null ? Optional.empty() : sources;
    nothingFound = nothingFound == null ? Optional.empty() : nothingFound;
  }

  /** Options with the real file chooser and clipboard. */
  public static ConsoleOptions of(String title, Path configDir, SnapshotFeed feed) {
    return new ConsoleOptions(
        title,
        configDir,
        feed,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public ConsoleOptions withFileChooser(ExportFileChooser chooser) {
    return new ConsoleOptions(
        title, configDir, feed, Optional.of(chooser), clipboard, sources, nothingFound);
  }

  public ConsoleOptions withClipboard(TextClipboard value) {
    return new ConsoleOptions(
        title, configDir, feed, fileChooser, Optional.of(value), sources, nothingFound);
  }

  /** The Sources dialog (Ctrl+O) chooses and connects sources through this catalog. */
  public ConsoleOptions withSources(SourceCatalog catalog) {
    return new ConsoleOptions(
        title, configDir, feed, fileChooser, clipboard, Optional.of(catalog), nothingFound);
  }

  /**
   * Opens on an empty picture with this sentence ("No kubeconfig at ~/.kube/config and no AWS
   * profile.") and a call to action: the demo in one click, or the Sources dialog.
   */
  public ConsoleOptions withNothingFound(String sentence) {
    return new ConsoleOptions(
        title, configDir, feed, fileChooser, clipboard, sources, Optional.of(sentence));
  }
}
