package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.views.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class SettingsProblemTest {
  private ConsoleFixture console;
  private Path dir;

  @Start
  void start(Stage stage) throws Exception {
    dir = Files.createTempDirectory("sidescope-settings-test");
    Files.writeString(dir.resolve(SettingsStore.FILE_NAME), "theme=plaid\nwindow.width=-3\n");
    SettingsStore.Loaded loaded = new SettingsStore(dir).load();
    console = new ConsoleFixture(stage, SeedSample.observations(), dir, loaded);
  }

  @Test
  void aCorruptSettingsFileShouldBeReportedOnceAndReplacedOnClose(FxRobot robot) {
    Label status = robot.lookup("#status").queryAs(Label.class);
    assertThat(onFx(status::getText)).contains("was not used").contains("plaid");
    await(() -> console.window.model().shown().isPresent());
    onFx(
        () -> {
          console.stage.close();
          return null;
        });
    await(() -> new SettingsStore(dir).load().problem().isEmpty());
  }
}
