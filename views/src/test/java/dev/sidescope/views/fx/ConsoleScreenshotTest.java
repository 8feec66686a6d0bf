package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.views.settings.ThemeChoice;
import dev.sidescope.views.testing.GeneratedCluster;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Writes pictures of the window, light and dark, to {@code target/screenshots/} for a person to
 * look at: app, sidecar and upstream must be told apart at a glance and every label read.
 */
class ConsoleScreenshotTest extends OnStageTest {
  private ConsoleFixture console;

  private Path shoot(Observations o, ThemeChoice theme, String name, String select)
      throws Exception {
    return shoot(o, theme, name, select, false);
  }

  private Path shoot(
      Observations o, ThemeChoice theme, String name, String select, boolean actualSize)
      throws Exception {
    onFx(
        () -> {
          try {
            console = new ConsoleFixture(stage, o, theme);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return null;
        });
    await(() -> console.window.model().shown().isPresent());
    if (select != null) {
      onFx(
          () -> {
            console.window.select(select, actualSize, true);
            return null;
          });
    }
    if (actualSize) {
      console.settle();
      onFx(
          () -> {
            console.window.picture().actualSize();
            return null;
          });
    }
    console.settle();
    WritableImage image = onFx(() -> stage.getScene().snapshot(null));
    Path dir = Path.of(System.getProperty("sidescope.screenshots.dir", "target/screenshots"));
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".png");
    ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    return file;
  }

  @Test
  void seedLight() throws Exception {
    Path file =
        shoot(
            SeedSample.observations(),
            ThemeChoice.LIGHT,
            "console-seed-light",
            SeedSample.ORDER_POD_2 + "/xray-daemon");
    assertThat(new File(file.toString())).isFile();
  }

  @Test
  void seedDark() throws Exception {
    Path file =
        shoot(
            SeedSample.observations(),
            ThemeChoice.DARK,
            "console-seed-dark",
            SeedSample.ORDER_XRAY);
    assertThat(new File(file.toString())).isFile();
  }

  @Test
  void seedAtActualSize() throws Exception {
    Path file =
        shoot(
            SeedSample.observations(),
            ThemeChoice.LIGHT,
            "console-seed-light-100pct",
            SeedSample.ORDER_XRAY,
            true);
    assertThat(new File(file.toString())).isFile();
  }

  @Test
  void findDimsWhatDoesNotMatch() throws Exception {
    onFx(
        () -> {
          try {
            console = new ConsoleFixture(stage, SeedSample.observations(), ThemeChoice.DARK);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return null;
        });
    await(() -> console.window.model().shown().isPresent());
    onFx(
        () -> {
          ((javafx.scene.control.TextField) stage.getScene().lookup("#find")).setText("kind:envoy");
          return null;
        });
    console.settle();
    WritableImage image = onFx(() -> stage.getScene().snapshot(null));
    Path dir = Path.of(System.getProperty("sidescope.screenshots.dir", "target/screenshots"));
    Files.createDirectories(dir);
    Path file = dir.resolve("console-seed-find-dark.png");
    ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    assertThat(new File(file.toString())).isFile();
  }

  @Test
  void sixtyPodsLight() throws Exception {
    Path file =
        shoot(GeneratedCluster.observations(60), ThemeChoice.LIGHT, "console-60-pods-light", null);
    assertThat(new File(file.toString())).isFile();
  }
}
