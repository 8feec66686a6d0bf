package dev.sidescope.views;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the app gives the console: the window title, the folder its settings live in ({@code
 * console.properties}), the snapshot feed, and optionally the file chooser and clipboard (the
 * defaults use the real ones).
 */
public record ConsoleOptions(
    String title,
    Path configDir,
    SnapshotFeed feed,
    Optional<ExportFileChooser> fileChooser,
    Optional<TextClipboard> clipboard) {

  public ConsoleOptions {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(configDir, "configDir");
    Objects.requireNonNull(feed, "feed");
    fileChooser = fileChooser == null ? Optional.empty() : fileChooser;
    clipboard = clipboard == null ? Optional.empty() : clipboard;
  }

  /** Options with the real file chooser and clipboard. */
  public static ConsoleOptions of(String title, Path configDir, SnapshotFeed feed) {
    return new ConsoleOptions(title, configDir, feed, Optional.empty(), Optional.empty());
  }

  public ConsoleOptions withFileChooser(ExportFileChooser chooser) {
    return new ConsoleOptions(title, configDir, feed, Optional.of(chooser), clipboard);
  }

  public ConsoleOptions withClipboard(TextClipboard value) {
    return new ConsoleOptions(title, configDir, feed, fileChooser, Optional.of(value));
  }
}
