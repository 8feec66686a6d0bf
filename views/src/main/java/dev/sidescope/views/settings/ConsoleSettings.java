package dev.sidescope.views.settings;

import dev.sidescope.topology.model.Grouping;
import java.util.Optional;

/**
 * What the console remembers between runs: the theme, the grouping and the window's place.
 *
 * @param window the window's last bounds, empty the first time
 */
public record ConsoleSettings(
    ThemeChoice theme, Grouping grouping, Optional<WindowBounds> window, boolean maximized) {

  /** A window's position and size in screen pixels. */
  public record WindowBounds(double x, double y, double width, double height) {
    public WindowBounds {
      if (!(width > 0 && height > 0) || !Double.isFinite(x) || !Double.isFinite(y)) {
        throw new IllegalArgumentException("window bounds must be finite with a positive size");
      }
    }
  }

  public static final ConsoleSettings DEFAULTS =
      new ConsoleSettings(ThemeChoice.SYSTEM, Grouping.POD, Optional.empty(), false);

  public ConsoleSettings {
    window = window == null ? Optional.empty() : window;
  }

  public ConsoleSettings withTheme(ThemeChoice value) {
    return new ConsoleSettings(value, grouping, window, maximized);
  }

  public ConsoleSettings withGrouping(Grouping value) {
    return new ConsoleSettings(theme, value, window, maximized);
  }

  public ConsoleSettings withWindow(WindowBounds value, boolean isMaximized) {
    return new ConsoleSettings(theme, grouping, Optional.of(value), isMaximized);
  }
}
