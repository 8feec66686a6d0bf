package dev.sidescope.views.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportFolderTest {
  private static final Path HOME = Path.of("/home/ana");
  private static final Path PICTURES = HOME.resolve("Pictures");
  private static final Path LAST = Path.of("/home/ana/reports/mesh");

  @Test
  void theFolderLastExportedToShouldComeFirstWhileItIsThere() {
    assertThat(
            ExportFolder.choose(
                Optional.of(LAST), HOME, PICTURES, Set.of(LAST, PICTURES)::contains))
        .isEqualTo(LAST);
  }

  @Test
  void withoutAUsableRememberedFolderThePicturesFolderShouldBeUsedWhenItExists() {
    assertThat(ExportFolder.choose(Optional.empty(), HOME, PICTURES, Set.of(PICTURES)::contains))
        .isEqualTo(PICTURES);
    // The folder remembered was removed since.
    assertThat(ExportFolder.choose(Optional.of(LAST), HOME, PICTURES, Set.of(PICTURES)::contains))
        .isEqualTo(PICTURES);
  }

  @Test
  void withNeitherTheHomeFolderShouldBeUsedNotTheWorkingDirectory() {
    assertThat(ExportFolder.choose(Optional.of(LAST), HOME, PICTURES, Set.<Path>of()::contains))
        .isEqualTo(HOME);
    assertThat(ExportFolder.choose(Optional.empty(), HOME, PICTURES, p -> false)).isEqualTo(HOME);
  }

  @Test
  void thePicturesFolderShouldBeTheOneUserDirsNamesElsePicturesInHome() {
    assertThat(ExportFolder.pictures(HOME, Optional.empty())).isEqualTo(PICTURES);
    String dirs =
        "# written by xdg-user-dirs-update\n"
            + "XDG_DESKTOP_DIR=\"$HOME/Schreibtisch\"\n"
            + "XDG_PICTURES_DIR=\"$HOME/Bilder\"\n";
    assertThat(ExportFolder.pictures(HOME, Optional.of(dirs))).isEqualTo(HOME.resolve("Bilder"));
    assertThat(ExportFolder.pictures(HOME, Optional.of("XDG_PICTURES_DIR=\"/data/pics\"\n")))
        .isEqualTo(Path.of("/data/pics"));
    assertThat(ExportFolder.pictures(HOME, Optional.of("XDG_MUSIC_DIR=\"$HOME/Music\"\n")))
        .isEqualTo(PICTURES);
  }

  @Test
  void theRememberedFolderShouldBeSavedAndReadBack(@TempDir Path dir) throws Exception {
    SettingsStore store = new SettingsStore(dir);
    Path folder = dir.resolve("exports with spaces, and commas");
    ConsoleSettings settings = ConsoleSettings.DEFAULTS.withExportFolder(folder);
    store.save(settings);
    assertThat(Files.readString(store.file())).contains("export.folder=");
    SettingsStore.Loaded loaded = store.load();
    assertThat(loaded.problem()).isEmpty();
    assertThat(loaded.settings().exportFolder()).contains(folder);
    assertThat(loaded.settings()).isEqualTo(settings);
    // Remembered across other changes to the settings.
    assertThat(loaded.settings().withTheme(ThemeChoice.DARK).exportFolder()).contains(folder);
  }

  @Test
  void aFileWithoutAnExportFolderShouldRememberNone(@TempDir Path dir) throws Exception {
    SettingsStore store = new SettingsStore(dir);
    store.save(ConsoleSettings.DEFAULTS);
    assertThat(Files.readString(store.file())).doesNotContain("export.folder");
    assertThat(store.load().settings().exportFolder()).isEmpty();
  }
}
