package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.views.ExportFormat;
import dev.sidescope.views.picture.Rect;
import dev.sidescope.views.settings.ThemeChoice;
import java.awt.image.BufferedImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class PictureExportTest {
  /** The margin around the picture, as the SVG export has. */
  private static final double PAD = 20;

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
  void pngExportShouldHoldTheWholePictureWithItsLegendWhateverTheZoom(FxRobot robot)
      throws Exception {
    await(() -> console.window.model().shown().isPresent());
    console.settle();
    onFx(
        () -> {
          console.window.topologyView().zoom(0.3); // in close: only part of it is in view
          return null;
        });
    console.settle();
    onFx(
        () -> {
          console.window.exports().export(ExportFormat.PNG);
          return null;
        });
    await(() -> console.window.model().status().get().startsWith("Exported"));
    BufferedImage png = ImageIO.read(console.chosen.get(ExportFormat.PNG).toFile());

    Rect b = onFx(() -> console.window.model().shown().orElseThrow().geometry().bounds());
    javafx.scene.Node legend = robot.lookup("#legend").query();
    double legendWidth = onFx(() -> legend.getLayoutBounds().getWidth());
    double legendHeight = onFx(() -> legend.getLayoutBounds().getHeight());
    assertThat(legendHeight).isGreaterThan(10);
    double pictureHeight = Math.ceil(b.h() + 2 * PAD);
    assertThat((double) png.getWidth())
        .isCloseTo(Math.max(Math.ceil(b.w() + 2 * PAD), legendWidth), within(1.0));
    assertThat((double) png.getHeight()).isCloseTo(pictureHeight + legendHeight, within(1.0));
  }
}
