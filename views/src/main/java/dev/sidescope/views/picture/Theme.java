package dev.sidescope.views.picture;

import java.util.Locale;

/** Light or dark, for the window and the picture alike. */
public enum Theme {
  LIGHT,
  DARK;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
