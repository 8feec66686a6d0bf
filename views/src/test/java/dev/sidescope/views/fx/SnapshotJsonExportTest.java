package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.export.JsonExporter;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.views.settings.ThemeChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class SnapshotJsonExportTest {
  private ConsoleFixture console;

  @Start
  void start(Stage stage) throws Exception {
    console = new ConsoleFixture(stage, SeedSample.observations(), ThemeChoice.LIGHT);
  }

  @AfterEach
  void closeWindow() {
    onFx(
        () -> {
          console.stage.close();
          return null;
        });
  }

  @Test
  void exportingTheSnapshotJsonShouldWriteWhatSidescopeSnapshotPrintsForThePictureShown(
      FxRobot robot) throws Exception {
    await(() -> console.window.model().shown().isPresent());
    console.settle();
    MenuButton export = robot.lookup("#export").queryAs(MenuButton.class);
    MenuItem json =
        onFx(
            () ->
                export.getItems().stream()
                    .filter(i -> "export-json".equals(i.getId()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Snapshot JSON in the Export menu")));
    TopologySnapshot shown =
        onFx(
            () -> {
              TopologySnapshot s = console.window.model().shown().orElseThrow().snapshot();
              json.fire();
              return s;
            });
    await(() -> console.chosen.size() == 1 && written(console.chosen.values().iterator().next()));
    Path file = console.chosen.values().iterator().next();
    assertThat(file.getFileName().toString()).endsWith(".json");
    String text = Files.readString(file);

    JsonNode parsed = new ObjectMapper().readTree(text);
    assertThat(parsed.path("schema").asText()).isEqualTo(TopologySnapshot.SCHEMA);
    assertThat(parsed.path("workloads").size()).isEqualTo(shown.workloads().size());
    // The writer `sidescope snapshot` prints with, byte for byte.
    assertThat(text).isEqualTo(new JsonExporter().export(shown));
  }

  private static boolean written(Path p) {
    try {
      return Files.exists(p) && Files.size(p) > 0 && Files.readString(p).endsWith("\n");
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
