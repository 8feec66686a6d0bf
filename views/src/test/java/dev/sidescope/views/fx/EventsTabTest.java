package dev.sidescope.views.fx;

import static dev.sidescope.testing.SeedSample.ORDER_POD_2;
import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.events.PlatformEvent;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import dev.sidescope.views.testing.FakeFeed;
import dev.sidescope.views.testing.RecordingEventFeeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The Events tab in a console window: E brings it forward for the pod selected and opens a feed; a
 * source's events, delivered from its own thread, are listed with the not-ready container's
 * sentence above them, whole at the default size; Ctrl+C copies the events selected.
 */
class EventsTabTest extends OnStageTest {
  private final RecordingEventFeeds feeds = new RecordingEventFeeds();
  private final List<String> clipboard = new CopyOnWriteArrayList<>();
  private ConsoleWindow window;

  private void open() throws Exception {
    Path dir = Files.createTempDirectory("sidescope-events-test");
    ConsoleOptions options =
        ConsoleOptions.of("Sidescope — events", dir, new FakeFeed(SeedSample.observations()))
            .withClipboard(clipboard::add)
            .withEvents(feeds);
    onFx(
        () -> {
          window =
              new ConsoleWindow(
                  options,
                  new SettingsStore(dir),
                  ConsoleSettings.DEFAULTS.withTheme(ThemeChoice.LIGHT),
                  Optional.empty(),
                  Theme.LIGHT);
          window.show(stage);
          stage.setX(0);
          stage.setY(0);
          stage.setWidth(1600);
          stage.setHeight(1000);
          return null;
        });
    await(() -> window.model().shown().isPresent());
    ConsoleFixture.settle(window);
  }

  private EventsPane pane() {
    return onFx(() -> window.side().events());
  }

  @Test
  void eBringsTheTabForwardAndASourcesEventsAreListedUnderTheNotReadySentence(FxRobot robot)
      throws Exception {
    open();
    onFx(
        () -> {
          window.select(ORDER_POD_2, true, false);
          return null;
        });
    robot.type(KeyCode.E);
    await(
        () ->
            onFx(
                () -> {
                  TabPane tabs = (TabPane) stage.getScene().lookup("#side-tabs");
                  return tabs.getSelectionModel().getSelectedItem() != null
                      && "tab-events".equals(tabs.getSelectionModel().getSelectedItem().getId());
                }));
    await(() -> !feeds.open().isEmpty());

    String probe =
        "Readiness probe failed: Get \"http://10.0.1.12:2000/\": dial tcp 10.0.1.12:2000:"
            + " connect: connection refused";
    Instant now = Instant.now();
    Thread source =
        new Thread(
            () ->
                feeds
                    .last()
                    .events(
                        ORDER_POD_2,
                        new PlatformEvent(
                            ORDER_POD_2,
                            "Pod",
                            "order-service-5f7c9-b7d2m",
                            Optional.of("xray-daemon"),
                            PlatformEvent.Type.WARNING,
                            "Unhealthy",
                            probe,
                            41,
                            now.minusSeconds(1200),
                            now.minusSeconds(12),
                            "kubelet")),
            "test-event-source");
    source.start();
    source.join();

    await(() -> onFx(() -> pane().rows().getItems().size()) == 1);
    ConsoleFixture.settle(window);
    VBox why = (VBox) onFx(() -> stage.getScene().lookup("#events-why"));
    String sentence = onFx(() -> ((Label) why.getChildren().get(0)).getText());
    assertThat(sentence).startsWith("xray-daemon is not ready: " + probe);
    // The sentence wraps: it reads whole at the default size, no ellipsis.
    Label first = onFx(() -> (Label) why.getChildren().get(0));
    assertThat(onFx(() -> first.getHeight() > first.getFont().getSize() * 2)).isTrue();

    onFx(
        () -> {
          pane().focusRows();
          return null;
        });
    robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
    await(() -> !clipboard.isEmpty());
    assertThat(clipboard.get(0)).contains("Unhealthy").contains("xray-daemon").contains(probe);
  }
}
