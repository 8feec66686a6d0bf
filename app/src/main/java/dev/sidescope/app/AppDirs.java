package dev.sidescope.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where Sidescope keeps its settings (config directory) and its log file (state directory).
 *
 * <p>The config directory is, first found: {@code --config-dir}, {@code SIDESCOPE_CONFIG_DIR}, the
 * {@code sidescope.config.dir} system property (tests set it), else the platform's place ({@code
 * $XDG_CONFIG_HOME/sidescope} or {@code ~/.config/sidescope}, {@code ~/Library/Application
 * Support/Sidescope}, {@code %APPDATA%\Sidescope}). When the config directory is chosen explicitly,
 * the state directory is {@code <config dir>/state}, so that a test or a second profile never
 * touches the real home directory; otherwise {@code $XDG_STATE_HOME/sidescope} or {@code
 * ~/.local/state/sidescope} (on macOS and Windows, the config directory's {@code logs}).
 */
public record AppDirs(Path config, Path state) {

  /** Resolves the directories from the option, the environment and system properties. */
  public static AppDirs resolve(Optional<Path> configDirOption, Map<String, String> env) {
    Optional<Path> explicit =
        configDirOption
            .or(
                () ->
                    Optional.ofNullable(env.get("SIDESCOPE_CONFIG_DIR"))
                        .filter(s -> !s.isBlank())
                        .map(Path::of))
            .or(
                () ->
                    Optional.ofNullable(System.getProperty("sidescope.config.dir")).map(Path::of));
    if (explicit.isPresent()) {
      Path config = explicit.get().toAbsolutePath();
      return new AppDirs(config, config.resolve("state"));
    }
    Path home = Path.of(System.getProperty("user.home"));
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      Path config = home.resolve("Library/Application Support/Sidescope");
      return new AppDirs(config, home.resolve("Library/Logs/Sidescope"));
    }
    if (os.contains("win")) {
      Path config =
          Optional.ofNullable(env.get("APPDATA"))
              .map(Path::of)
              .orElse(home.resolve("AppData/Roaming"))
              .resolve("Sidescope");
      Path state =
          Optional.ofNullable(env.get("LOCALAPPDATA"))
              .map(Path::of)
              .orElse(home.resolve("AppData/Local"))
              .resolve("Sidescope");
      return new AppDirs(config, state);
    }
    Path config =
        Optional.ofNullable(env.get("XDG_CONFIG_HOME"))
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .orElse(home.resolve(".config"));
    Path state =
        Optional.ofNullable(env.get("XDG_STATE_HOME"))
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .orElse(home.resolve(".local/state"));
    return new AppDirs(config.resolve("sidescope"), state.resolve("sidescope"));
  }

  /** The log file, where stack traces go. */
  public Path logFile() {
    return state.resolve("sidescope.log");
  }
}
