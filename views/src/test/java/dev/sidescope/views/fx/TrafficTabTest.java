package dev.sidescope.views.fx;

import static dev.sidescope.testing.SeedSample.ORDER_POD;
import static dev.sidescope.testing.SeedSample.ORDER_XRAY;
import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.console.ConsoleViewModel;
import dev.sidescope.views.console.Reply;
import dev.sidescope.views.console.TrafficViewModel;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import dev.sidescope.views.testing.CannedTraces;
import dev.sidescope.views.testing.FakeFeed;
import dev.sidescope.views.testing.TracedSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The Traffic tab in a console window: its figures, its traces, and a trace's waterfall driven by
 * the keys. Writes screenshots of both for a person to look at.
 */
class TrafficTabTest extends OnStageTest {
  private final AtomicLong more = new AtomicLong();
  private final CannedTraces queries = TracedSeed.queries(Instant.now());
  private FakeFeed feed;
  private ConsoleWindow window;

  private void open(ThemeChoice theme) throws Exception {
    Path dir = Files.createTempDirectory("sidescope-traffic-test");
    feed = new FakeFeed(SeedSample.observations(), s -> TracedSeed.traced(s, more.get()));
    ConsoleOptions options =
        ConsoleOptions.of("Sidescope — traffic", dir, feed).withTraces(queries);
    onFx(
        () -> {
          window =
              new ConsoleWindow(
                  options,
                  new SettingsStore(dir),
                  ConsoleSettings.DEFAULTS.withTheme(theme),
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

  private ConsoleViewModel model() {
    return window.model();
  }

  private TrafficPane pane() {
    return onFx(
        () -> ((SidePane) stage.getScene().lookup("#side-tabs").getParent().getParent()).traffic());
  }

  /** Selects the node, inspects it and brings the Traffic tab forward. */
  private void trafficOf(FxRobot robot, String id) {
    onFx(
        () -> {
          window.select(id, true, true);
          return null;
        });
    await(() -> stage.getScene().lookup("#tab-traffic") != null || tabShown());
    robot.clickOn("#tab-traffic");
    await(() -> pane().isVisible() && pane().getScene() != null);
    await(() -> model().traffic().traces().get().state() == Reply.State.READY);
  }

  private boolean tabShown() {
    TabPane tabs = (TabPane) stage.getScene().lookup("#side-tabs");
    return tabs.getTabs().stream().anyMatch(t -> "tab-traffic".equals(t.getId()));
  }

  private String text(String selector) {
    return onFx(() -> ((Label) stage.getScene().lookup(selector)).getText());
  }

  private void shoot(String name) throws Exception {
    ConsoleFixture.settle(window);
    var image = onFx(() -> stage.getScene().snapshot(null));
    Path dir = Path.of(System.getProperty("sidescope.screenshots.dir", "target/screenshots"));
    Files.createDirectories(dir);
    ImageIO.write(
        SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name + ".png").toFile());
  }

  @Test
  void theTabShowsTheFiguresOfTheTracedNode(FxRobot robot) throws Exception {
    open(ThemeChoice.LIGHT);
    onFx(
        () -> {
          window.select(ORDER_XRAY, true, true);
          return null;
        });
    await(() -> !tabShown());
    trafficOf(robot, ORDER_POD);
    CallStats stats = TracedSeed.order(0);
    assertThat(text("#traffic-heading")).isEqualTo("order-service");
    assertThat(text("#traffic-summary")).startsWith("1,240 requests in 5 min · 4.1 rps");
    assertThat(text("#traffic-p99"))
        .isEqualTo(String.format(java.util.Locale.ROOT, "%.0f ms", stats.p99Ms().getAsDouble()));
    assertThat(text("#traffic-ok")).isEqualTo(stats.ok() + " ok");
    assertThat(text("#traffic-faults")).isEqualTo("7 faults");
    assertThat(text("#traffic-throttles")).isEqualTo("3 throttled");
    assertThat(onFx(() -> pane().histogram().bars())).hasSize(16);
    assertThat(onFx(() -> pane().callList().getItems())).hasSize(3);
    assertThat(onFx(() -> pane().traceList().getItems())).hasSize(8);
    shoot("traffic-tab-light");
    onFx(
        () -> {
          pane().scroll().setVvalue(1);
          return null;
        });
    shoot("traffic-tab-traces-light");
  }

  @Test
  void aNewSnapshotChangesTheFiguresInPlaceAndKeepsTheScroll(FxRobot robot) throws Exception {
    open(ThemeChoice.LIGHT);
    trafficOf(robot, ORDER_POD);
    Node p99 = onFx(() -> stage.getScene().lookup("#traffic-p99"));
    onFx(
        () -> {
          pane().scroll().setVvalue(1);
          return null;
        });
    more.set(100);
    feed.publish(SeedSample.observations());
    await(() -> text("#traffic-summary").startsWith("1,340 requests"));
    ConsoleFixture.settle(window);
    assertThat(onFx(() -> pane().scroll().getVvalue())).isEqualTo(1.0);
    assertThat(onFx(() -> stage.getScene().lookup("#traffic-p99"))).isSameAs(p99);
  }

  @Test
  void aTraceOpensAsAWaterfallThatTheKeysWalk(FxRobot robot) throws Exception {
    open(ThemeChoice.DARK);
    trafficOf(robot, ORDER_POD);
    onFx(
        () -> {
          pane().traceList().requestFocus();
          pane().traceList().getSelectionModel().select(0);
          return null;
        });
    robot.type(KeyCode.DOWN);
    robot.type(KeyCode.ENTER);
    TrafficViewModel traffic = model().traffic();
    await(() -> traffic.trace().get().value().isPresent());
    WaterfallPane waterfall = pane().waterfall();
    await(() -> waterfall.isVisible() && waterfall.spans().isFocused());
    assertThat(text("#waterfall-title")).isEqualTo("1.42 s · 7 spans");
    assertThat(onFx(() -> waterfall.traceId().getText())).isEqualTo(TracedSeed.FAILED_TRACE);

    robot.type(KeyCode.DOWN, 2);
    await(() -> waterfall.spans().getSelectionModel().getSelectedIndex() == 2);
    assertThat(model().selection().get()).as("arrows stay in the waterfall").contains(ORDER_POD);
    robot.type(KeyCode.RIGHT);
    await(() -> traffic.expanded().get().contains("a000000000000003"));
    shoot("traffic-waterfall-dark");
    robot.type(KeyCode.ENTER);
    await(() -> traffic.expanded().get().isEmpty());
    robot.type(KeyCode.DOWN);
    robot.type(KeyCode.ENTER);
    await(() -> traffic.expanded().get().contains("a000000000000004"));
    robot.type(KeyCode.LEFT);
    await(() -> traffic.expanded().get().isEmpty());

    robot.type(KeyCode.ESCAPE);
    await(() -> !waterfall.isVisible());
    assertThat(traffic.trace().get().state()).isEqualTo(Reply.State.NONE);
    assertThat(model().selection().get()).as("Esc closed the trace only").contains(ORDER_POD);
    await(() -> pane().traceList().isFocused());
  }
}
