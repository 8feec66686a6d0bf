package dev.sidescope.views.settings;

import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.picture.TrafficThresholds;
import dev.sidescope.views.sources.SourceChoice;
import java.util.Optional;

/**
 * What the console remembers between runs: the theme, the grouping, the window's place and the
 * sources last chosen in the Sources dialog; and where measured traffic on an arrow starts to warn
 * and to be bad, which a person sets in the file.
 *
 * @param window the window's last bounds, empty the first time
 * @param sources the sources last applied in the Sources dialog; empty until one is
 */
public record ConsoleSettings(
    ThemeChoice theme,
    Grouping grouping,
    Optional<WindowBounds> window,
    boolean maximized,
    Optional<SourceChoice> sources,
    TrafficThresholds traffic) {

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
          TrafficThresholds.DEFAULTS);

  public ConsoleSettings {
    window = window == null ? Optional.empty() : window;
    sources = sources == null ? Optional.empty() : sources.filter(c -> !c.isEmpty());
    traffic = traffic == null ? TrafficThresholds.DEFAULTS : traffic;
  }

  /** Settings with the default traffic thresholds. */
  public ConsoleSettings(
      ThemeChoice theme,
      Grouping grouping,
      Optional<WindowBounds> window,
      boolean maximized,
      Optional<SourceChoice> sources) {
    this(theme, grouping, window, maximized, sources, TrafficThresholds.DEFAULTS);
  }

  public ConsoleSettings withTheme(ThemeChoice value) {
    return new ConsoleSettings(value, grouping, window, maximized, sources, traffic);
  }

  public ConsoleSettings withGrouping(Grouping value) {
    return new ConsoleSettings(theme, value, window, maximized, sources, traffic);
  }

  public ConsoleSettings withWindow(WindowBounds value, boolean isMaximized) {
    return new ConsoleSettings(theme, grouping, Optional.of(value), isMaximized, sources, traffic);
  }

  public ConsoleSettings withSources(SourceChoice value) {
    return new ConsoleSettings(theme, grouping, window, maximized, Optional.of(value), traffic);
  }

  public ConsoleSettings withTraffic(TrafficThresholds value) {
    return new ConsoleSettings(theme, grouping, window, maximized, sources, value);
  }
}
