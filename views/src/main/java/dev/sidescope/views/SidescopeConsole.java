package dev.sidescope.views;

import dev.sidescope.views.fx.ConsoleLauncher;

/**
 * Opens the Sidescope console window: the live topology picture, the source bar, the inspector, the
 * findings list, find, grouping, themes and export.
 *
 * <pre>{@code
 * SidescopeConsole.launch(ConsoleOptions.of("Sidescope — kind-dev", configDir, feed));
 * }</pre>
 */
public final class SidescopeConsole {
  private SidescopeConsole() {}

  /**
   * Opens the window and blocks until the person closes it; then stops the JavaFX toolkit. Call it
   * from {@code main} (any thread but the FX thread), once per process. Reads settings and the
   * operating system's theme before the window opens; never fails on a bad settings file.
   */
  public static void launch(ConsoleOptions options) {
    ConsoleLauncher.launch(options);
  }
}
