package dev.sidescope.views.fx;

import static dev.sidescope.testing.SeedSample.ORDER_POD;
import static dev.sidescope.testing.SeedSample.PAYMENT_POD;
import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.findings.SidecarRestartingRule;
import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState;
import dev.sidescope.topology.model.Finding;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.console.LogViewModel;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import dev.sidescope.views.testing.FakeFeed;
import dev.sidescope.views.testing.RecordingLogTails;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The Logs tab in a console window: a tail opened for the pod selected while the tab shows, lines
 * from a producer thread listed in a virtualized list that makes a screenful of cells for 10,000
 * lines, copy, the tail closed when the selection moves, a detached window, and the sentence of a
 * session with no log source. Writes a screenshot for a person to look at.
 */
class LogTabTest extends OnStageTest {
  private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");
  private static final LogStream APP = RecordingLogTails.stream(ORDER_POD, "order-service");
  private static final LogStream ENVOY = RecordingLogTails.stream(ORDER_POD, "envoy");
  private static final LogStream XRAY = RecordingLogTails.stream(ORDER_POD, "xray-daemon");

  private final RecordingLogTails tails = new RecordingLogTails();
  private final List<String> clipboard = new CopyOnWriteArrayList<>();
  private ConsoleWindow window;

  private void open(boolean withLogs) throws Exception {
    open(withLogs, s -> s);
  }

  private void open(boolean withLogs, UnaryOperator<TopologySnapshot> finish) throws Exception {
    Path dir = Files.createTempDirectory("sidescope-logs-test");
    FakeFeed feed = new FakeFeed(SeedSample.observations(), finish);
    ConsoleOptions options =
        ConsoleOptions.of("Sidescope — logs", dir, feed).withClipboard(clipboard::add);
    ConsoleOptions chosen = withLogs ? options.withLogs(tails) : options;
    onFx(
        () -> {
          window =
              new ConsoleWindow(
                  chosen,
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

  private LogPane pane() {
    return onFx(() -> window.side().logs());
  }

  private boolean tabListed() {
    TabPane tabs = (TabPane) stage.getScene().lookup("#side-tabs");
    return tabs.getTabs().stream().anyMatch(t -> "tab-logs".equals(t.getId()));
  }

  /** Selects the node and brings the Logs tab forward, by its key. */
  private void logsOf(FxRobot robot, String id) {
    onFx(
        () -> {
          window.select(id, true, false);
          return null;
        });
    robot.type(KeyCode.L);
    await(() -> tabListed() && pane().isVisible() && pane().getScene() != null);
  }

  private int listed() {
    return onFx(() -> pane().lineList().getItems().size());
  }

  /** Writes lines as a source does: from a thread of its own, in batches. */
  private static void produce(RecordingLogTails.Opened tail, int lines) throws Exception {
    Thread t =
        new Thread(
            () -> {
              List<LogLine> batch = new ArrayList<>();
              for (int i = 0; i < lines; i++) {
                LogStream s = i % 3 == 0 ? APP : i % 3 == 1 ? ENVOY : XRAY;
                batch.add(new LogLine(T0.plusMillis(i), s, s.container() + " line " + i));
                if (batch.size() == 500) {
                  tail.sink.lines(List.copyOf(batch));
                  batch.clear();
                }
              }
              tail.sink.lines(List.copyOf(batch));
            },
            "test-log-source");
    t.start();
    t.join();
  }

  @Test
  void theTabListsAProducersLinesWithAScreenfulOfCellsAndClosesTheTailWithTheSelection(
      FxRobot robot) throws Exception {
    open(true);
    onFx(
        () -> {
          window.select(ORDER_POD, true, true);
          return null;
        });
    await(this::tabListed);
    assertThat(tails.opened).as("no tail before the tab shows").isEmpty();
    robot.clickOn("#tab-logs");
    await(() -> !tails.opened.isEmpty());
    RecordingLogTails.Opened tail = tails.last();
    assertThat(tail.request.workloads()).extracting(w -> w.id()).containsExactly(ORDER_POD);
    tail.live(APP).live(ENVOY).live(XRAY);

    produce(tail, 10_000);
    await(() -> listed() == 10_000);
    ConsoleFixture.settle(window);
    assertThat(onFx(() -> pane().cellsMade()))
        .as("a virtualized list makes cells for the lines in view, not for every line")
        .isLessThan(120);
    assertThat(onFx(() -> pane().firstInView()))
        .as("following: the newest lines show")
        .isGreaterThan(9_900);
    assertThat(onFx(() -> ((Label) stage.getScene().lookup("#logs-counts")).getText()))
        .isEqualTo("10,000 lines");
    assertThat(onFx(() -> pane().lookupAll(".log-stream-row").size())).isEqualTo(3);

    // Ctrl+C copies the lines selected.
    onFx(
        () -> {
          pane().lineList().getSelectionModel().clearAndSelect(9_999);
          pane().lineList().requestFocus();
          return null;
        });
    robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
    await(() -> !clipboard.isEmpty());
    assertThat(clipboard.get(0)).contains("order-service-").contains(" line 9999\n");

    // Another node: the tail closes, the new one opens.
    onFx(
        () -> {
          window.select(PAYMENT_POD, true, true);
          return null;
        });
    await(tail::closed);
    await(() -> tails.opened.size() == 2);
    await(() -> listed() == 0);
  }

  @Test
  void leavingTheTabClosesTheTailAndTheWindowClosesItsOwn(FxRobot robot) throws Exception {
    open(true);
    logsOf(robot, ORDER_POD);
    await(() -> !tails.opened.isEmpty());
    RecordingLogTails.Opened first = tails.last();
    robot.clickOn("#tab-inspector");
    await(first::closed);
    robot.clickOn("#tab-logs");
    await(() -> tails.opened.size() == 2);
    RecordingLogTails.Opened second = tails.last();
    second.lines(ENVOY, T0, 20, "GET /orders ");
    await(() -> listed() == 20);

    // Detached: the same tail goes on in a window of its own; closing it closes the tail.
    onFx(
        () -> {
          pane().lineList().requestFocus();
          return null;
        });
    robot.type(KeyCode.D);
    await(() -> window.logWindows().size() == 1);
    LogWindow detached = window.logWindows().get(0);
    assertThat(onFx(() -> detached.pane().lineList().getItems().size())).isEqualTo(20);
    assertThat(tails.opened).hasSize(2);
    assertThat(onFx(() -> ((Label) stage.getScene().lookup("#logs-absent")).getText()))
        .isEqualTo(LogViewModel.DETACHED);
    second.lines(ENVOY, T0.plusSeconds(1), 5, "GET /more ");
    await(() -> detached.pane().lineList().getItems().size() == 25);
    onFx(
        () -> {
          detached.stage().close();
          return null;
        });
    await(second::closed);
  }

  @Test
  void goingUpPausesEndFollowsAgainAndKShowsAColumnPerContainer(FxRobot robot) throws Exception {
    open(true);
    logsOf(robot, ORDER_POD);
    await(() -> !tails.opened.isEmpty());
    RecordingLogTails.Opened tail = tails.last();
    tail.live(APP).live(ENVOY).live(XRAY);
    produce(tail, 3_000);
    await(() -> listed() == 3_000);
    onFx(
        () -> {
          pane().lineList().requestFocus();
          pane().lineList().getSelectionModel().clearAndSelect(2_999);
          return null;
        });
    robot.type(KeyCode.PAGE_UP);
    await(() -> !window.model().logs().following().get());
    produce(tail, 300);
    await(() -> listed() == 3_300);
    ConsoleFixture.settle(window);
    assertThat(onFx(() -> pane().firstInView()))
        .as("paused: the view holds still")
        .isLessThan(3_000);
    robot.type(KeyCode.END);
    await(() -> window.model().logs().following().get());
    await(() -> pane().firstInView() > 3_200);

    robot.type(KeyCode.K);
    await(() -> pane().columnLists().size() == 3);
    assertThat(onFx(() -> pane().columnLists().get(0).getItems().size())).isEqualTo(1_100);
    assertThat(window.model().theme().get())
        .as("keys of the tab stay in the tab")
        .isEqualTo(Theme.LIGHT);
  }

  @Test
  void aRestartingSidecarsFindingOpensItsPreviousRunInTheLogsTab(FxRobot robot) throws Exception {
    open(true, LogTabTest::restarting);
    onFx(
        () -> {
          window.select(ORDER_POD, true, true);
          return null;
        });
    await(() -> stage.getScene().lookup("#inspector-previous-logs") != null);
    robot.clickOn("#inspector-previous-logs");
    await(() -> tails.opened.size() == 2);
    assertThat(tails.opened).extracting(o -> o.request.previous()).containsExactly(false, true);
    assertThat(tails.last().request.containers()).containsExactly("envoy");
    TabPane tabs = (TabPane) stage.getScene().lookup("#side-tabs");
    assertThat(onFx(() -> tabs.getSelectionModel().getSelectedItem().getId()))
        .isEqualTo("tab-logs");
    assertThat(window.model().selection().get()).contains(ORDER_POD + "/envoy");
  }

  /** The seed with the order pod's Envoy restarting, as the doctor would say. */
  private static TopologySnapshot restarting(TopologySnapshot s) {
    List<Finding> findings = new ArrayList<>(s.findings());
    findings.add(
        new Finding(
            Severity.WARNING,
            SidecarRestartingRule.CODE,
            ORDER_POD,
            Optional.of("envoy"),
            "Sidecar envoy in pod order-service restarted 4 times."));
    return new TopologySnapshot(
        s.takenAt(),
        s.grouping(),
        s.sources(),
        s.workloads(),
        s.nodes(),
        s.edges(),
        findings,
        s.overlays());
  }

  @Test
  void aSelectedLinesFieldsAreMaskedByTheirNamesUntilSecretsAreRevealed(FxRobot robot)
      throws Exception {
    open(true);
    logsOf(robot, ORDER_POD);
    await(() -> !tails.opened.isEmpty());
    RecordingLogTails.Opened tail = tails.last();
    tail.live(APP);
    tail.sink.lines(
        List.of(
            new LogLine(
                T0,
                APP,
                "{\"level\":\"error\",\"msg\":\"login failed\",\"password\":\"hunter22\"}")));
    await(() -> listed() == 1);
    onFx(
        () -> {
          pane().lineList().requestFocus();
          pane().lineList().getSelectionModel().clearAndSelect(0);
          return null;
        });
    await(() -> window.model().logs().details().get().isPresent());
    assertThat(fieldsShown()).contains("password=").doesNotContain("hunter22");

    onFx(
        () -> {
          window.model().logs().setRevealed(true);
          return null;
        });

    await(() -> fieldsShown().contains("hunter22"));
  }

  /** The details strip's text: each field's name and shown value. */
  private String fieldsShown() {
    return onFx(
        () -> {
          StringBuilder out = new StringBuilder();
          for (javafx.scene.Node n : stage.getScene().getRoot().lookupAll("#logs-fields .label")) {
            out.append(((javafx.scene.control.Label) n).getText());
          }
          return out.toString();
        });
  }

  @Test
  void aSessionWithNoLogSourceSaysSo(FxRobot robot) throws Exception {
    open(false);
    logsOf(robot, ORDER_POD);
    await(() -> stage.getScene().lookup("#logs-absent").isVisible());
    assertThat(onFx(() -> ((Label) stage.getScene().lookup("#logs-absent")).getText()))
        .isEqualTo(LogViewModel.NO_SOURCE);
  }

  @Test
  void screenshotOfTheLogsTab(FxRobot robot) throws Exception {
    open(true);
    onFx(
        () -> {
          SplitPane main = (SplitPane) window.side().getParent().getParent();
          main.setDividerPositions(0.45);
          window.side().setDividerPositions(0.97);
          return null;
        });
    logsOf(robot, ORDER_POD);
    await(() -> !tails.opened.isEmpty());
    RecordingLogTails.Opened tail = tails.last();
    tail.live(APP).live(ENVOY);
    tail.sink.state(
        LogStreamState.of(
            XRAY,
            LogStreamState.Phase.RECONNECTING,
            "reconnecting: the stream ended while the container runs"));
    List<LogLine> lines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Instant t = T0.plusMillis(i * 730L);
      int status = i % 17 == 5 ? 503 : 200;
      lines.add(
          new LogLine(
              t,
              ENVOY,
              "["
                  + t
                  + "] \"GET /orders/"
                  + (1000 + i)
                  + " HTTP/1.1\" "
                  + status
                  + " - 0 412 "
                  + (12 + i % 9)
                  + " 11 \"-\" \"curl/8.4\" \"req-"
                  + i
                  + "\" \"order-service\" \"127.0.0.1:8080\""));
      if (i % 4 == 0) {
        lines.add(
            new LogLine(
                t.plusMillis(3),
                APP,
                "{\"level\":\""
                    + (i % 12 == 8 ? "ERROR" : "INFO")
                    + "\",\"msg\":\"order placed\","
                    + "\"order\":"
                    + (1000 + i)
                    + ",\"traceId\":\"1-6571f0a2-0123456789abcdef0123"
                    + String.format("%04d", i)
                    + "\"}"));
      }
      if (i % 9 == 0) {
        lines.add(
            new LogLine(
                t.plusMillis(5),
                XRAY,
                "2026-12-08T10:00:0"
                    + (i % 10)
                    + "Z [Info] Successfully sent batch of 1 segments (0.0"
                    + (10 + i % 50)
                    + " seconds)"));
      }
    }
    tail.sink.lines(lines);
    await(() -> listed() == lines.size());
    int error = lastHolding("\"ERROR\"");
    onFx(
        () -> {
          pane().lineList().getSelectionModel().clearAndSelect(error);
          pane().searchField().setText("503");
          return null;
        });
    await(() -> stage.getScene().lookup("#logs-trace").isVisible());
    shoot("console-logs-tab");

    // The trace id of the line selected opens its trace in the Traffic tab.
    robot.clickOn("#logs-trace");
    await(() -> window.model().traffic().traceOpen());
    TabPane tabs = (TabPane) stage.getScene().lookup("#side-tabs");
    await(() -> "tab-traffic".equals(tabs.getSelectionModel().getSelectedItem().getId()));
  }

  private int lastHolding(String text) {
    return onFx(
        () -> {
          var items = pane().lineList().getItems();
          for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i).line().text().contains(text)) {
              return i;
            }
          }
          throw new AssertionError("no line holds " + text);
        });
  }

  private void shoot(String name) throws Exception {
    ConsoleFixture.settle(window);
    var image = onFx(() -> stage.getScene().snapshot(null));
    Path dir = Path.of(System.getProperty("sidescope.screenshots.dir", "target/screenshots"));
    Files.createDirectories(dir);
    ImageIO.write(
        SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(name + ".png").toFile());
  }
}
