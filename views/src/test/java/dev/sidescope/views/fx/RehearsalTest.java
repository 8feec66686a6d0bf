package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.topology.model.Grouping;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.SnapshotFeed;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Rgb;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import dev.sidescope.views.testing.GeneratedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console rehearses a large picture before its window shows, so that the first real one costs
 * less: the rehearsal must be of a large picture, and nothing of it may be left on screen.
 */
class RehearsalTest extends OnStageTest {
  private ConsoleWindow window;

  @AfterEach
  void closeWindow() {
    onFx(
        () -> {
          if (window != null) {
            window.close();
          }
          return null;
        });
  }

  @Test
  void theRehearsalPictureShouldBeDrawnTheWayLargePicturesAre() {
    assertThat(RehearsalPicture.make().large()).isTrue();
  }

  @Test
  void aWindowWaitingForItsFirstSnapshotShouldShowNothingOfTheRehearsal() throws Exception {
    Path dir = Files.createTempDirectory("sidescope-rehearsal-test");
    SnapshotFeed silent =
        new SnapshotFeed() {
          @Override
          public AutoCloseable subscribe(
              java.util.function.Consumer<dev.sidescope.topology.model.TopologySnapshot> listener) {
            return () -> {};
          }

          @Override
          public void setGrouping(Grouping grouping) {}
        };
    onFx(
        () -> {
          window =
              new ConsoleWindow(
                  ConsoleOptions.of("Sidescope — test", dir, silent),
                  new SettingsStore(dir),
                  ConsoleSettings.DEFAULTS.withTheme(ThemeChoice.DARK),
                  Optional.empty(),
                  Theme.LIGHT);
          window.show(stage);
          return null;
        });
    ConsoleFixture.settle(window);

    assertThat(onFx(() -> window.model().shown())).isEmpty();
    assertThat(onFx(() -> window.picture().shown())).isEmpty();
    long legendRows =
        onFx(
            () ->
                ((javafx.scene.Parent) stage.getScene().lookup("#legend"))
                    .getChildrenUnmodifiable().stream().filter(Node::isVisible).count());
    assertThat(legendRows).isZero();
    WritableImage picture = onFx(() -> window.topologyView().snapshot());
    int[] background = ConsoleFixture.rgb(Rgb.hex(PicturePalette.of(Theme.DARK).background()));
    PixelReader pixels = picture.getPixelReader();
    long drawn = 0;
    for (int y = 0; y < (int) picture.getHeight(); y++) {
      for (int x = 0; x < (int) picture.getWidth(); x++) {
        if (!Arrays.equals(ConsoleFixture.rgb(pixels.getArgb(x, y)), background)) {
          drawn++;
        }
      }
    }
    assertThat(drawn).as("pixels other than the background").isZero();
  }

  @Test
  void aFirstPictureOfTheKindsRehearsedShouldStillShowItsLegend() {
    ConsoleFixture console =
        onFx(
            () -> {
              try {
                return new ConsoleFixture(
                    stage, GeneratedCluster.observations(RehearsalPicture.PODS), ThemeChoice.LIGHT);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    window = console.window;
    ConsoleFixture.await(() -> window.model().shown().isPresent());
    ConsoleFixture.await(
        () ->
            ((javafx.scene.Parent) stage.getScene().lookup("#legend"))
                    .getChildrenUnmodifiable().stream().filter(Node::isVisible).count()
                >= 5);
  }
}
