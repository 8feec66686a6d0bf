package dev.sidescope.views.fx;

import static dev.sidescope.testing.SeedSample.ORDER_ENVOY;
import static dev.sidescope.testing.SeedSample.ORDER_XRAY;
import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.proxy.ConfigTree;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.console.ProxyServerView;
import dev.sidescope.views.console.Reply;
import dev.sidescope.views.console.StatRow;
import dev.sidescope.views.console.UpstreamRow;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import dev.sidescope.views.testing.CannedProxies;
import dev.sidescope.views.testing.FakeFeed;
import dev.sidescope.views.testing.ProxiedSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The Envoy tab in a console window: a proxy sidecar selected, its server and upstream clusters, a
 * column sorted, stats searched, the configuration loaded and searched, all kept across new
 * snapshots. Writes a screenshot for a person to look at.
 */
class EnvoyTabTest extends OnStageTest {
  private final AtomicLong more = new AtomicLong();
  private final AtomicBoolean measuring = new AtomicBoolean();
  private final CannedProxies queries = ProxiedSeed.queries();
  private FakeFeed feed;
  private ConsoleWindow window;

  private void open(ThemeChoice theme) throws Exception {
    Path dir = Files.createTempDirectory("sidescope-envoy-test");
    feed =
        new FakeFeed(
            SeedSample.observations(), s -> ProxiedSeed.proxied(s, more.get(), measuring.get()));
    ConsoleOptions options = ConsoleOptions.of("Sidescope — envoy", dir, feed).withProxies(queries);
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

  private SidePane side() {
    return (SidePane) stage.getScene().lookup("#side-tabs").getParent().getParent();
  }

  private EnvoyPane pane() {
    return onFx(() -> side().envoy());
  }

  private boolean tabListed() {
    TabPane tabs = (TabPane) stage.getScene().lookup("#side-tabs");
    return tabs.getTabs().stream().anyMatch(t -> "tab-envoy".equals(t.getId()));
  }

  /** Selects the node, inspects it and brings the Envoy tab forward. */
  private void envoyOf(FxRobot robot, String id) {
    onFx(
        () -> {
          window.select(id, true, true);
          return null;
        });
    await(this::tabListed);
    robot.clickOn("#tab-envoy");
    await(() -> pane().isVisible() && pane().getScene() != null);
  }

  private String text(String selector) {
    return onFx(() -> ((Label) stage.getScene().lookup(selector)).getText());
  }

  private List<String> clusters() {
    return onFx(
        () -> pane().upstreamTable().getItems().stream().map(UpstreamRow::cluster).toList());
  }

  /** Scrolls the tab so that the node shows, as a person would before clicking it. */
  private void reveal(Node node) {
    onFx(
        () -> {
          EnvoyPane p = pane();
          double contentHeight = p.getContent().getBoundsInLocal().getHeight();
          double viewport = p.getViewportBounds().getHeight();
          Bounds b = p.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal()));
          double room = contentHeight - viewport;
          p.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, b.getMinY() - 8) / room));
          return null;
        });
    ConsoleFixture.settle(window);
  }

  @Test
  void theTabShowsTheSidecarItsUpstreamsStatsAndConfiguration(FxRobot robot) throws Exception {
    open(ThemeChoice.LIGHT);
    onFx(
        () -> {
          window.select(ORDER_XRAY, true, true);
          return null;
        });
    await(() -> !tabListed());
    envoyOf(robot, ORDER_ENVOY);

    // The server, as it said of itself.
    assertThat(text("#envoy-heading")).isEqualTo("envoy");
    assertThat(text("#envoy-version")).isEqualTo("1.29.6");
    assertThat(text("#envoy-state")).isEqualTo("LIVE");
    assertThat(text("#envoy-uptime")).isEqualTo("3 h 12 min");
    assertThat(text("#envoy-admin")).isEqualTo(ProxiedSeed.ADMIN);
    assertThat(onFx(() -> stage.getScene().lookup("#envoy-measuring").isVisible())).isFalse();

    // The upstreams: most 5xx first, then the busiest; then sorted by p99, twice.
    assertThat(clusters())
        .containsExactly(
            ProxiedSeed.PAYMENT,
            ProxiedSeed.INGRESS,
            ProxiedSeed.INVENTORY,
            ProxiedSeed.DYNAMODB,
            ProxiedSeed.LEGACY);
    onFx(
        () -> {
          pane().upstreamTable().scrollToColumn(pane().upstreamColumn(UpstreamRow.Column.P99));
          return null;
        });
    ConsoleFixture.settle(window);
    robot.clickOn(onFx(() -> stage.getScene().lookup("#envoy-col-p99")));
    await(() -> clusters().get(0).equals(ProxiedSeed.LEGACY));
    robot.clickOn(onFx(() -> stage.getScene().lookup("#envoy-col-p99")));
    await(() -> clusters().get(0).equals(ProxiedSeed.PAYMENT));
    List<String> byP99 = clusters();
    assertThat(byP99.get(1)).isEqualTo(ProxiedSeed.INGRESS);

    // The stats, asked when the tab opened; then searched as a person types.
    await(() -> pane().statList().getItems().size() == 27);
    String search = "payment-service_shop_http_8080.upstream_rq";
    robot.clickOn(pane().statsField());
    robot.write(search);
    await(() -> pane().statList().getItems().size() == 3);
    assertThat(queries.asked).contains("stats " + ORDER_ENVOY + " " + search);
    assertThat(queries.count("stats "))
        .as("typing pauses are waited for: not one question a key")
        .isLessThan(search.length() / 2);
    StatRow total = onFx(() -> pane().statList().getItems().get(2));
    assertThat(total.name()).endsWith("upstream_rq_total");
    assertThat(total.points()).hasSizeGreaterThan(1);

    // The configuration, read only when asked for.
    assertThat(queries.count("configDump")).isZero();
    Node load = onFx(() -> stage.getScene().lookup("#envoy-load-config"));
    reveal(load);
    robot.clickOn(load);
    await(() -> pane().configTree().getRoot() != null);
    TreeItem<ConfigTree> configs = onFx(() -> pane().configTree().getRoot().getChildren().get(0));
    assertThat(configs.getValue().key()).isEqualTo("configs");
    assertThat(onFx(configs::isExpanded)).as("the first level opens").isTrue();
    assertThat(onFx(() -> pane().configTree().getExpandedItemCount())).isEqualTo(4);
    reveal(pane().configField());
    robot.clickOn(pane().configField());
    robot.write("private_key");
    robot.type(KeyCode.ENTER);
    await(
        () ->
            Optional.ofNullable(pane().configTree().getSelectionModel().getSelectedItem())
                .map(i -> i.getValue().key().equals("private_key"))
                .orElse(false));
    TreeItem<ConfigTree> secret =
        onFx(() -> pane().configTree().getSelectionModel().getSelectedItem());
    assertThat(secret.getValue().value()).contains(ConfigTree.REDACTED);
    int expanded = onFx(() -> pane().configTree().getExpandedItemCount());
    assertThat(window.model().paused().get())
        .as("P typed in the tab's fields stays there")
        .isFalse();
    assertThat(window.model().theme().get()).isEqualTo(Theme.LIGHT);

    // A new snapshot: figures change in place; sort, search, tree and scroll stay.
    double scrolled = onFx(() -> pane().getVvalue());
    long asked = queries.count("stats ");
    more.set(50);
    feed.publish(SeedSample.observations());
    await(() -> pane().upstreamTable().getItems().stream().anyMatch(r -> r.rps().orElse(0) > 100));
    await(() -> queries.count("stats ") > asked);
    ConsoleFixture.settle(window);
    assertThat(clusters()).isEqualTo(byP99);
    assertThat(onFx(() -> pane().statsField().getText())).isEqualTo(search);
    assertThat(queries.asked).last().isEqualTo("stats " + ORDER_ENVOY + " " + search);
    assertThat(onFx(() -> pane().configTree().getExpandedItemCount())).isEqualTo(expanded);
    assertThat(onFx(() -> pane().configTree().getSelectionModel().getSelectedItem()))
        .isSameAs(secret);
    assertThat(onFx(() -> pane().getVvalue())).isEqualTo(scrolled);
    assertThat(queries.count("configDump")).isEqualTo(1);
  }

  @Test
  void aSidecarNotReadYetSaysWhyAndAFirstPollSaysItIsMeasuring(FxRobot robot) throws Exception {
    measuring.set(true);
    open(ThemeChoice.LIGHT);
    envoyOf(robot, ORDER_ENVOY);
    await(() -> stage.getScene().lookup("#envoy-measuring").isVisible());
    assertThat(text("#envoy-measuring")).isEqualTo(ProxyServerView.MEASURING);

    onFx(
        () -> {
          window.select(SeedSample.PAYMENT_POD, true, true);
          return null;
        });
    await(() -> stage.getScene().lookup("#envoy-absent").isVisible());
    assertThat(text("#envoy-absent")).startsWith("Not read yet:");
    assertThat(onFx(() -> stage.getScene().lookup("#envoy-upstreams").isVisible())).isFalse();
  }

  @Test
  void escClearsTheStatsSearchFirstThenTheSelection(FxRobot robot) throws Exception {
    open(ThemeChoice.LIGHT);
    envoyOf(robot, ORDER_ENVOY);
    robot.clickOn(pane().statsField());
    robot.write("rq_total");
    await(() -> pane().statList().getItems().size() == 5);
    robot.type(KeyCode.ESCAPE);
    await(() -> pane().statList().getItems().size() == 27);
    assertThat(onFx(() -> pane().statsField().getText())).isEmpty();
    assertThat(window.model().selection().get()).contains(ORDER_ENVOY);
    robot.type(KeyCode.ESCAPE);
    await(() -> window.model().selection().get().isEmpty());
  }

  @Test
  void aQuestionOutShowsItsProgressUntilTheAnswerComes(FxRobot robot) throws Exception {
    queries.holding(true);
    open(ThemeChoice.LIGHT);
    envoyOf(robot, ORDER_ENVOY);
    String question = "stats " + ORDER_ENVOY + " ";
    await(() -> queries.held.containsKey(question));
    await(() -> stage.getScene().lookup("#envoy-stats-busy").isVisible());
    queries.complete(question, ProxiedSeed.stats(2));
    await(() -> pane().statList().getItems().size() == 27);
    assertThat(onFx(() -> stage.getScene().lookup("#envoy-stats-busy").isVisible())).isFalse();
  }

  @Test
  void aFailedQuestionIsOneSentenceInTheTab(FxRobot robot) throws Exception {
    queries.failing("The admin API at " + ProxiedSeed.ADMIN + " refused the connection.");
    open(ThemeChoice.LIGHT);
    envoyOf(robot, ORDER_ENVOY);
    await(() -> pane().isVisible() && text("#envoy-stats-message").endsWith("connection."));
    assertThat(text("#envoy-stats-message"))
        .isEqualTo("The admin API at " + ProxiedSeed.ADMIN + " refused the connection.");
    onFx(
        () -> {
          ((Button) stage.getScene().lookup("#envoy-load-config")).fire();
          return null;
        });
    await(() -> window.model().proxies().config().get().state() == Reply.State.FAILED);
    assertThat(text("#envoy-config-message")).endsWith("refused the connection.");
  }

  @Test
  void screenshotOfTheEnvoyTab(FxRobot robot) throws Exception {
    open(ThemeChoice.LIGHT);
    onFx(
        () -> {
          SplitPane main = (SplitPane) side().getParent().getParent();
          main.setDividerPositions(0.5);
          side().setDividerPositions(0.97);
          return null;
        });
    envoyOf(robot, ORDER_ENVOY);
    await(() -> pane().statList().getItems().size() == 27);
    onFx(
        () -> {
          pane().statsField().setText("payment-service");
          return null;
        });
    await(() -> pane().statList().getItems().size() == 5);
    onFx(
        () -> {
          pane().upstreamTable().getSelectionModel().select(2);
          return null;
        });
    shoot("console-envoy-tab");
    Node load = onFx(() -> stage.getScene().lookup("#envoy-load-config"));
    reveal(load);
    robot.clickOn(load);
    await(() -> pane().configTree().getRoot() != null);
    onFx(
        () -> {
          pane().configField().setText("private_key");
          return null;
        });
    await(() -> pane().configTree().getSelectionModel().getSelectedItem() != null);
    reveal(onFx(() -> stage.getScene().lookup("#envoy-config-search")));
    shoot("console-envoy-tab-config");
  }

  @Test
  void screenshotOfTheInspectorsFiguresBySource(FxRobot robot) throws Exception {
    open(ThemeChoice.LIGHT);
    onFx(
        () -> {
          SplitPane main = (SplitPane) side().getParent().getParent();
          main.setDividerPositions(0.55);
          side().setDividerPositions(0.97);
          window.select(ORDER_ENVOY, true, true);
          return null;
        });
    await(this::tabListed);
    robot.clickOn("#tab-inspector");
    TitledPane arrows =
        onFx(
            () ->
                stage.getScene().getRoot().lookupAll(".inspector-section").stream()
                    .map(n -> (TitledPane) n)
                    .filter(t -> t.getText().equals("Arrows out"))
                    .findFirst()
                    .orElseThrow());
    onFx(
        () -> {
          arrows.setAnimated(false);
          arrows.setExpanded(true);
          return null;
        });
    ConsoleFixture.settle(window);
    await(() -> arrows.getContent().isVisible() && arrows.getHeight() > 100);
    onFx(
        () -> {
          ((ScrollPane) stage.getScene().lookup("#inspector")).setVvalue(1);
          return null;
        });
    List<String> values =
        onFx(
            () ->
                ((Pane) arrows.getContent())
                    .getChildren().stream()
                        .filter(n -> n instanceof Label l && l.getText().contains("(Envoy)"))
                        .map(n -> ((Label) n).getText())
                        .toList());
    assertThat(values).hasSize(1);
    assertThat(values.get(0)).contains("\np99 182 ms (Envoy) · 176 ms (X-Ray)");
    shoot("console-inspector-figures-by-source");
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
