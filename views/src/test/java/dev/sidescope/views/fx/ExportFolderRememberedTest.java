package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.views.ExportFormat;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import java.nio.file.Files;
import java.util.Optional;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ExportFolderRememberedTest {
  private ConsoleFixture console;

  @Start
  void start(Stage stage) throws Exception {
    console = new ConsoleFixture(stage, SeedSample.observations(), ThemeChoice.LIGHT);
  }

  @Test
  void theFolderExportedToShouldBeRememberedInTheSettingsFile() throws Exception {
    await(() -> console.window.model().shown().isPresent());
    assertThat(onFx(() -> console.window.model().settings().exportFolder())).isEmpty();
    onFx(
        () -> {
          console.window.exports().export(ExportFormat.MERMAID);
          return null;
        });
    await(
        () ->
            console
                .window
                .model()
                .settings()
                .exportFolder()
                .equals(Optional.of(console.dir.toAbsolutePath())));
    SettingsStore store = new SettingsStore(console.dir);
    await(() -> Files.exists(store.file()) && store.load().settings().exportFolder().isPresent());
    assertThat(store.load().settings().exportFolder()).contains(console.dir.toAbsolutePath());
    onFx(
        () -> {
          console.stage.close();
          return null;
        });
  }
}
