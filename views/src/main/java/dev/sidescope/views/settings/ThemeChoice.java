package dev.sidescope.views.settings;

import dev.sidescope.views.picture.Theme;
import java.util.Locale;

/** What the person chose: follow the operating system, or always light or dark. */
public enum ThemeChoice {
  SYSTEM,
  LIGHT,
  DARK;

  /** The theme to use, given what the operating system prefers. */
  public Theme resolve(Theme system) {
    return switch (this) {
      case SYSTEM -> system;
      case LIGHT -> Theme.LIGHT;
      case DARK -> Theme.DARK;
    };
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
