package dev.sidescope.views.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The folder an export's save dialog opens in: the folder the person last exported to, while it is
 * there; else their Pictures folder (the XDG one when {@code user-dirs.dirs} names it, else {@code
 * ~/Pictures}), when there is one; else their home folder. Never the working directory, which is
 * wherever the console happened to be started.
 */
public final class ExportFolder {
  private ExportFolder() {}

  /**
   * The folder to open in, from what is known.
   *
   * @param remembered the folder last exported to, from the settings
   * @param home the person's home folder
   * @param pictures their Pictures folder, which may not exist
   * @param isFolder whether a path is an existing folder
   */
  public static Path choose(
      Optional<Path> remembered, Path home, Path pictures, Predicate<Path> isFolder) {
    if (remembered.isPresent() && isFolder.test(remembered.get())) {
      return remembered.get();
    }
    if (isFolder.test(pictures)) {
      return pictures;
    }
    return home;
  }

  /** The folder to open in on this machine: reads the home folder and {@code user-dirs.dirs}. */
  public static Path initial(Optional<Path> remembered) {
    Path home = Path.of(System.getProperty("user.home"));
    Optional<String> userDirs = Optional.empty();
    String configHome = System.getenv("XDG_CONFIG_HOME");
    Path config =
        (configHome == null || configHome.isBlank() ? home.resolve(".config") : Path.of(configHome))
            .resolve("user-dirs.dirs");
    try {
      if (Files.isRegularFile(config) && Files.size(config) < 64 * 1024) {
        userDirs = Optional.of(Files.readString(config, StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      // No XDG folders to go by: ~/Pictures it is.
    }
    return choose(remembered, home, pictures(home, userDirs), Files::isDirectory);
  }

  /**
   * The Pictures folder: {@code XDG_PICTURES_DIR} from the text of {@code user-dirs.dirs} when it
   * names one ({@code XDG_PICTURES_DIR="$HOME/Bilder"}), else {@code ~/Pictures}.
   */
  public static Path pictures(Path home, Optional<String> userDirs) {
    if (userDirs.isPresent()) {
      for (String line : userDirs.get().lines().toList()) {
        String l = line.strip();
        if (!l.startsWith("XDG_PICTURES_DIR=")) {
          continue;
        }
        String value = l.substring("XDG_PICTURES_DIR=".length()).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        if (value.startsWith("$HOME/")) {
          return home.resolve(value.substring("$HOME/".length()));
        }
        if (value.startsWith("/")) {
          return Path.of(value);
        }
      }
    }
    return home.resolve("Pictures");
  }
}
