package dev.sidescope.views.settings;

import dev.sidescope.views.picture.Theme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads whether the operating system prefers dark: {@code GTK_THEME} ending in {@code :dark},
 * GNOME's {@code color-scheme}, macOS's {@code AppleInterfaceStyle}, Windows' {@code
 * AppsUseLightTheme}. Anything unreadable means light. Runs small commands with a one-second limit:
 * call it off the FX thread, once at start.
 */
public final class OsTheme {
  private OsTheme() {}

  public static Theme detect() {
    return detect(System.getenv(), System.getProperty("os.name", ""));
  }

  static Theme detect(Map<String, String> env, String osName) {
    String gtk = env.getOrDefault("GTK_THEME", "");
    if (gtk.toLowerCase(Locale.ROOT).endsWith(":dark")
        || gtk.toLowerCase(Locale.ROOT).contains("-dark")) {
      return Theme.DARK;
    }
    String os = osName.toLowerCase(Locale.ROOT);
    Optional<String> out;
    if (os.contains("mac")) {
      out = run(List.of("defaults", "read", "-g", "AppleInterfaceStyle"));
      return out.filter(s -> s.toLowerCase(Locale.ROOT).contains("dark")).isPresent()
          ? Theme.DARK
          : Theme.LIGHT;
    }
    if (os.contains("win")) {
      out =
          run(
              List.of(
                  "reg",
                  "query",
                  "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                  "/v",
                  "AppsUseLightTheme"));
      return out.filter(s -> s.contains("0x0")).isPresent() ? Theme.DARK : Theme.LIGHT;
    }
    out = run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
    return out.filter(s -> s.contains("dark")).isPresent() ? Theme.DARK : Theme.LIGHT;
  }

  private static Optional<String> run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(1, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
