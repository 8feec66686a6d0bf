package dev.sidescope.views.settings;

import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.picture.TrafficThresholds;
import dev.sidescope.views.sources.SourceChoice;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the console remembers between runs: the theme, the grouping, the window's place and the
 * sources last chosen in the Sources dialog; and where measured traffic on an arrow starts to warn
 * and to be bad, which a person sets in the file.
 *
 * @param window the window's last bounds, empty the first time
 * @param sources the sources last applied in the Sources dialog; empty until one is
 * @param envoySidecars the most Envoy sidecars read at once (their admin APIs polled every 5 s)
 * @param logBufferLines the log lines kept per stream tailed, and in the Logs tab's list ({@code
 *     logs.buffer.lines})
 * @param exportFolder the folder the last export went to, where the next one's dialog opens ({@code
 *     export.folder}); empty until something is exported
 */
public record ConsoleSettings(
    ThemeChoice theme,
    Grouping grouping,
    Optional<WindowBounds> window,
    boolean maximized,
    Optional<SourceChoice> sources,
    TrafficThresholds traffic,
    int envoySidecars,
    int logBufferLines,
    Optional<Path> exportFolder) {

  /** How many Envoy sidecars the console reads at once when the file does not say. */
  public static final int DEFAULT_ENVOY_SIDECARS = 50;

  /** Log lines kept per stream when the file does not say. */
  public static final int DEFAULT_LOG_BUFFER_LINES = 10_000;

  /** A window's position and size in screen pixels. */
  public record WindowBounds(double x, double y, double width, double height) {
    public WindowBounds {
      if (!(width > 0 && height > 0) || !Double.isFinite(x) || !Double.isFinite(y)) {
        throw new IllegalArgumentException("window bounds must be finite with a positive size");
      }
    }
  }

  public static final ConsoleSettings DEFAULTS =
      new ConsoleSettings(
          ThemeChoice.SYSTEM,
          Grouping.POD,
          Optional.empty(),
          false,
          Optional.empty(),
          TrafficThresholds.DEFAULTS,
          DEFAULT_ENVOY_SIDECARS,
          DEFAULT_LOG_BUFFER_LINES,
          Optional.empty());

  public ConsoleSettings {
    exportFolder = exportFolder == null ? Optional.empty() : exportFolder;
    window = window == null ? Optional.empty() : window;
    sources = sources == null ? Optional.empty() : sources.filter(c -> !c.isEmpty());
    traffic = traffic == null ? TrafficThresholds.DEFAULTS : traffic;
    if (envoySidecars < 1) {
      throw new IllegalArgumentException("the most Envoy sidecars read at once is 1 or more");
    }
    if (logBufferLines < 100) {
      throw new IllegalArgumentException("a log stream keeps at least 100 lines");
    }
  }

  /** Settings with no export folder remembered. */
  public ConsoleSettings(
      ThemeChoice theme,
      Grouping grouping,
      Optional<WindowBounds> window,
      boolean maximized,
      Optional<SourceChoice> sources,
      TrafficThresholds traffic,
      int envoySidecars,
      int logBufferLines) {
    this(
        theme,
        grouping,
        window,
        maximized,
        sources,
        traffic,
        envoySidecars,
        logBufferLines,
        Optional.empty());
  }

  /** Settings with the default number of log lines kept. */
  public ConsoleSettings(
      ThemeChoice theme,
      Grouping grouping,
      Optional<WindowBounds> window,
      boolean maximized,
      Optional<SourceChoice> sources,
      TrafficThresholds traffic,
      int envoySidecars) {
    this(
        theme,
        grouping,
        window,
        maximized,
        sources,
        traffic,
        envoySidecars,
        DEFAULT_LOG_BUFFER_LINES);
  }

  /** Settings with the default number of Envoy sidecars read at once. */
  public ConsoleSettings(
      ThemeChoice theme,
      Grouping grouping,
      Optional<WindowBounds> window,
      boolean maximized,
      Optional<SourceChoice> sources,
      TrafficThresholds traffic) {
    this(theme, grouping, window, maximized, sources, traffic, DEFAULT_ENVOY_SIDECARS);
  }

  /** Settings with the default traffic thresholds. */
  public ConsoleSettings(
      ThemeChoice theme,
      Grouping grouping,
      Optional<WindowBounds> window,
      boolean maximized,
      Optional<SourceChoice> sources) {
    this(
        theme,
        grouping,
        window,
        maximized,
        sources,
        TrafficThresholds.DEFAULTS,
        DEFAULT_ENVOY_SIDECARS);
  }

  public ConsoleSettings withTheme(ThemeChoice value) {
    return new ConsoleSettings(
        value,
        grouping,
        window,
        maximized,
        sources,
        traffic,
        envoySidecars,
        logBufferLines,
        exportFolder);
  }

  public ConsoleSettings withGrouping(Grouping value) {
    return new ConsoleSettings(
        theme,
        value,
        window,
        maximized,
        sources,
        traffic,
        envoySidecars,
        logBufferLines,
        exportFolder);
  }

  public ConsoleSettings withWindow(WindowBounds value, boolean isMaximized) {
    return new ConsoleSettings(
        theme,
        grouping,
        Optional.of(value),
        isMaximized,
        sources,
        traffic,
        envoySidecars,
        logBufferLines,
        exportFolder);
  }

  public ConsoleSettings withSources(SourceChoice value) {
    return new ConsoleSettings(
        theme,
        grouping,
        window,
        maximized,
        Optional.of(value),
        traffic,
        envoySidecars,
        logBufferLines,
        exportFolder);
  }

  public ConsoleSettings withTraffic(TrafficThresholds value) {
    return new ConsoleSettings(
        theme,
        grouping,
        window,
        maximized,
        sources,
        value,
        envoySidecars,
        logBufferLines,
        exportFolder);
  }

  public ConsoleSettings withEnvoySidecars(int value) {
    return new ConsoleSettings(
        theme, grouping, window, maximized, sources, traffic, value, logBufferLines, exportFolder);
  }

  public ConsoleSettings withLogBufferLines(int value) {
    return new ConsoleSettings(
        theme, grouping, window, maximized, sources, traffic, envoySidecars, value, exportFolder);
  }

  public ConsoleSettings withExportFolder(Path value) {
    return new ConsoleSettings(
        theme,
        grouping,
        window,
        maximized,
        sources,
        traffic,
        envoySidecars,
        logBufferLines,
        Optional.of(value));
  }
}
