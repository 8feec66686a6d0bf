package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.sources.SourceCatalog;
import dev.sidescope.views.sources.SourceChoice;
import dev.sidescope.views.sources.SourceOffer;
import dev.sidescope.views.sources.XRayChoice;
import dev.sidescope.views.testing.FakeFeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The Sources dialog's X-Ray settings reach the catalog with the rest of the choice. */
class XRaySourcesTest extends OnStageTest {
  private final FakeFeed feed = new FakeFeed(Observations.EMPTY);
  private final List<SourceChoice> applied = new CopyOnWriteArrayList<>();
  private ConsoleWindow window;

  private final SourceCatalog catalog =
      new SourceCatalog() {
        @Override
        public SourceOffer offer() {
          return new SourceOffer(
              "/tmp/kubeconfig",
              List.of("kind-dev"),
              Optional.of("kind-dev"),
              Optional.empty(),
              List.of("default"),
              Map.of("default", "eu-west-1"),
              Optional.of("default"),
              List.of("eu-west-1"),
              Optional.empty());
        }

        @Override
        public SourceChoice inUse() {
          return SourceChoice.NONE;
        }

        @Override
        public List<String> ecsClusters(String profile, Optional<String> region) {
          return List.of();
        }

        @Override
        public String apply(SourceChoice choice) {
          applied.add(choice);
          feed.publish(SeedSample.observations());
          return "Sidescope — " + choice.describe();
        }

        @Override
        public String openDemo() {
          return "Sidescope — DEMO";
        }
      };

  private void open() throws Exception {
    Path dir = Files.createTempDirectory("sidescope-xray-sources-test");
    ConsoleOptions options = ConsoleOptions.of("Sidescope", dir, feed).withSources(catalog);
    onFx(
        () -> {
          window =
              new ConsoleWindow(
                  options,
                  new SettingsStore(dir),
                  ConsoleSettings.DEFAULTS,
                  Optional.empty(),
                  Theme.LIGHT);
          window.show(stage);
          return null;
        });
  }

  @Test
  void theXRaySettingsStartAtTheDefaultsAndReachTheCatalog(FxRobot robot) throws Exception {
    open();
    robot.push(KeyCode.S);
    await(() -> robot.lookup("#sources-contexts").tryQuery().isPresent());
    CheckBox api = robot.lookup("#sources-xray-api").queryAs(CheckBox.class);
    CheckBox daemon = robot.lookup("#sources-xray-daemon").queryAs(CheckBox.class);
    TextField address = robot.lookup("#sources-xray-daemon-address").queryAs(TextField.class);
    @SuppressWarnings("unchecked")
    ComboBox<String> windowBox = robot.lookup("#sources-xray-window").queryAs(ComboBox.class);
    await(() -> api.isSelected() && "5 min".equals(windowBox.getValue()));
    assertThat(onFx(daemon::isSelected)).isFalse();
    assertThat(onFx(address::isDisabled)).isTrue();

    robot.clickOn("#sources-xray-daemon");
    String filled = onFx(address::getText);
    assertThat(filled).isEqualTo("127.0.0.1:2000");
    onFx(
        () -> {
          windowBox.setValue("15 min");
          address.setText("nowhere");
          return null;
        });
    var dialog = window.sourcesDialog().orElseThrow();
    Path shots = Path.of(System.getProperty("sidescope.screenshots.dir", "target/screenshots"));
    Files.createDirectories(shots);
    robot.clickOn("#sources-apply");
    Label message = robot.lookup("#sources-message").queryAs(Label.class);
    await(() -> message.getText().equals("The daemon address \"nowhere\" ends in no port number."));
    assertThat(applied).isEmpty();
    ImageIO.write(
        SwingFXUtils.fromFXImage(onFx(() -> dialog.stage().getScene().snapshot(null)), null),
        "png",
        shots.resolve("sources-xray.png").toFile());

    onFx(
        () -> {
          address.setText("0.0.0.0:2001");
          return null;
        });
    robot.clickOn("#sources-apply");
    await(() -> !applied.isEmpty());
    assertThat(applied.get(0).xray())
        .isEqualTo(new XRayChoice(true, Duration.ofMinutes(15), Optional.of("0.0.0.0:2001")));
    await(() -> window.model().settings().sources().isPresent());
    assertThat(onFx(() -> window.model().settings().sources().orElseThrow().xray().daemon()))
        .contains("0.0.0.0:2001");
  }
}
