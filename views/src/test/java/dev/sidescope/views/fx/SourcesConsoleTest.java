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
import dev.sidescope.views.testing.FakeFeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The console's side of choosing sources, keyboard first: the empty state and the dialog over a
 * catalog that records what it was asked. (The app's own catalog, on a real kubeconfig and a sample
 * cluster, is tested through the command line in the app module.)
 */
@ExtendWith(ApplicationExtension.class)
class SourcesConsoleTest {
  private final FakeFeed feed = new FakeFeed(Observations.EMPTY);
  private final RecordingCatalog catalog = new RecordingCatalog();
  private ConsoleWindow window;
  private Stage stage;

  /** Answers at once with a fixed offer; the demo publishes the seed, as a store would. */
  private final class RecordingCatalog implements SourceCatalog {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public SourceOffer offer() {
      calls.add("offer");
      return new SourceOffer(
          "/tmp/kubeconfig",
          List.of("kind-dev", "staging"),
          Optional.of("kind-dev"),
          Optional.empty(),
          List.of("default"),
          Map.of("default", "eu-west-1"),
          Optional.of("default"),
          List.of("eu-west-1", "us-east-1"),
          Optional.empty());
    }

    @Override
    public SourceChoice inUse() {
      return SourceChoice.NONE;
    }

    @Override
    public List<String> ecsClusters(String profile, Optional<String> region) {
      throw new Unavailable("Cannot reach ECS in " + region.orElse("?") + ".");
    }

    @Override
    public String apply(SourceChoice choice) {
      calls.add("apply " + choice.describe());
      feed.publish(SeedSample.observations());
      return "Sidescope — " + choice.describe();
    }

    @Override
    public String openDemo() {
      calls.add("demo");
      feed.publish(SeedSample.observations());
      return "Sidescope — DEMO";
    }
  }

  @Start
  void start(Stage s) throws Exception {
    stage = s;
    Path dir = Files.createTempDirectory("sidescope-sources-test");
    ConsoleOptions options =
        ConsoleOptions.of("Sidescope", dir, feed)
            .withSources(catalog)
            .withNothingFound("No kubeconfig at /home/x/.kube/config; no AWS profile.");
    window =
        new ConsoleWindow(
            options,
            new SettingsStore(dir),
            ConsoleSettings.DEFAULTS,
            Optional.empty(),
            Theme.LIGHT);
    window.show(stage);
  }

  @AfterEach
  void close() {
    onFx(
        () -> {
          stage.close();
          return null;
        });
  }

  @Test
  void enterOnTheEmptyStateShouldOpenTheDemo(FxRobot robot) {
    assertThat(onFx(() -> window.model().nothingFound().get())).isTrue();
    assertThat(onFx(() -> robot.lookup("#nothing-found-why").queryAs(Label.class).getText()))
        .contains("No kubeconfig");
    assertThat(
            onFx(
                () ->
                    ((Label)
                            robot
                                .lookup("#findings")
                                .queryAs(javafx.scene.control.TableView.class)
                                .getPlaceholder())
                        .getText()))
        .as("no sources: the findings list does not call anything healthy")
        .isEqualTo("No findings: nothing is watched yet.");

    robot.push(KeyCode.ENTER);

    await(
        () -> window.model().shown().filter(p -> !p.snapshot().workloads().isEmpty()).isPresent());
    assertThat(catalog.calls).containsExactly("demo");
    assertThat(onFx(() -> window.model().nothingFound().get())).isFalse();
    assertThat(onFx(stage::getTitle)).isEqualTo("Sidescope — DEMO");
  }

  @Test
  void sShouldOpenTheDialogOnTheCurrentContextAndAFailedListingShouldSaySoInOneSentence(
      FxRobot robot) {
    robot.push(KeyCode.S);

    await(() -> robot.lookup("#sources-contexts").tryQuery().isPresent());
    Pane contexts = robot.lookup("#sources-contexts").queryAs(Pane.class);
    await(() -> contexts.getChildren().size() == 2);
    List<Boolean> ticked =
        onFx(() -> contexts.getChildren().stream().map(n -> ((CheckBox) n).isSelected()).toList());
    assertThat(ticked).containsExactly(true, false);

    onFx(
        () -> {
          robot.lookup("#sources-ecs").queryAs(CheckBox.class).setSelected(true);
          return null;
        });
    robot.clickOn("#sources-list-clusters");
    Label message = robot.lookup("#sources-message").queryAs(Label.class);
    await(() -> message.getText().equals("Cannot reach ECS in eu-west-1."));

    robot.clickOn("#sources-namespace");
    robot.push(KeyCode.ENTER); // Apply is the dialog's default button, from any field

    await(
        () -> window.model().shown().filter(p -> !p.snapshot().workloads().isEmpty()).isPresent());
    assertThat(catalog.calls).contains("apply kind-dev · ECS default/eu-west-1");
    assertThat(onFx(() -> window.model().settings().sources()))
        .hasValueSatisfying(c -> assertThat(c.kubeContexts()).containsExactly("kind-dev"));
    assertThat(onFx(() -> window.sourcesDialog().orElseThrow().stage().isShowing())).isFalse();
    assertThat(onFx(() -> ((Node) robot.lookup("#nothing-found").query()).isVisible())).isFalse();
  }
}
