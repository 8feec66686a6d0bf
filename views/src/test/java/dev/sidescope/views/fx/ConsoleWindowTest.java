package dev.sidescope.views.fx;

import static dev.sidescope.testing.SeedSample.ORDER_APP;
import static dev.sidescope.testing.SeedSample.ORDER_ENVOY;
import static dev.sidescope.testing.SeedSample.ORDER_POD;
import static dev.sidescope.testing.SeedSample.ORDER_XRAY;
import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.views.ExportFormat;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.Rect;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import dev.sidescope.views.testing.GeneratedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.graphstream.graph.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ConsoleWindowTest {
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

  private LaidOutPicture shown() {
    await(() -> console.window.model().shown().isPresent());
    return onFx(() -> console.window.model().shown().orElseThrow());
  }

  private Point2D onScreen(String id) {
    return onFx(
        () -> {
          TopologyView view = console.window.topologyView();
          Rect r = view.shown().orElseThrow().geometry().nodes().get(id);
          double[] p = view.toView(r.centerX(), r.centerY());
          return view.node().localToScreen(p[0], p[1]);
        });
  }

  private String style(String id) {
    return onFx(
        () -> {
          Node n = console.window.topologyView().graph().getNode(id);
          return n == null ? null : String.valueOf(n.getAttribute("ui.style"));
        });
  }

  @Test
  void windowShouldOpenWithTheOrderPodBoxHoldingItsAppAndXrayDaemon() {
    LaidOutPicture p = shown();
    PictureBox box =
        p.picture().boxes().stream()
            .filter(b -> b.id().equals(ORDER_POD))
            .findFirst()
            .orElseThrow();
    assertThat(box.title()).isEqualTo("Pod order-service-5f7c9-x2k4q");
    Rect boxRect = p.geometry().nodes().get(ORDER_POD);
    for (String member : new String[] {ORDER_APP, ORDER_XRAY}) {
      Rect r = p.geometry().nodes().get(member);
      assertThat(boxRect.contains(r.x(), r.y()) && boxRect.contains(r.right(), r.bottom()))
          .as(member + " inside its box")
          .isTrue();
    }
    // Drawn by GraphStream: the namespace behind (z 0), the box (z 1), its members in front (z 2).
    String shop = "~outer/kubernetes/shop";
    assertThat(style(shop)).contains("z-index: 0");
    Rect outer = p.geometry().nodes().get(shop);
    assertThat(outer.contains(boxRect)).as("the pod box inside namespace shop").isTrue();
    assertThat(p.outer())
        .filteredOn(o -> o.id().equals(shop))
        .singleElement()
        .satisfies(o -> assertThat(o.title()).isEqualTo("namespace shop"));
    assertThat(style(ORDER_POD)).contains("z-index: 1");
    assertThat(style(ORDER_APP)).contains("z-index: 2");
    assertThat(style(ORDER_XRAY)).contains("z-index: 2");
    assertThat(style("aws/xray")).isNotNull();
  }

  @Test
  void clickingANodeShouldFillTheInspector(FxRobot robot) {
    shown();
    console.settle();
    robot.clickOn(onScreen(ORDER_XRAY));
    await(() -> console.window.model().selection().get().equals(Optional.of(ORDER_XRAY)));
    Label title = robot.lookup("#inspector-title").queryAs(Label.class);
    assertThat(onFx(title::getText)).isEqualTo("xray-daemon");
    assertThat(robot.lookup(".inspector-value").queryAllAs(Label.class))
        .extracting(l -> onFx(l::getText))
        .contains("amazon/aws-xray-daemon:latest", "2000/udp");
  }

  @Test
  void aScriptShouldZoomToActualSizeAndCentreTheViewOnAPointOfThePicture() {
    Rect xray = shown().geometry().nodes().get(ORDER_XRAY);
    PictureDriver picture = console.window.picture();
    onFx(
        () -> {
          picture.actualSize();
          picture.setViewCenter(xray.centerX(), xray.centerY());
          return null;
        });
    // Straight after the first picture: the view may not have drawn at its size yet, and its
    // scale is known once it has; actual size is one pixel a layout unit all the same.
    await(() -> Math.abs(picture.scale() - 1.0) < 0.01);
    console.settle();

    assertThat(onFx(picture::scale)).isCloseTo(1.0, within(0.01));
    assertThat(onFx(picture::viewCenter)).isEqualTo(new Point2D(xray.centerX(), xray.centerY()));
    Optional<String> atTheMiddle =
        onFx(
            () -> {
              TopologyView view = console.window.topologyView();
              return view.hit(view.node().getWidth() / 2, view.node().getHeight() / 2);
            });
    assertThat(atTheMiddle).contains(ORDER_XRAY);
  }

  @Test
  void zoomKeysPressedFasterThanFramesShouldAddUpInTheOrderPressed() {
    shown();
    console.settle();
    PictureDriver picture = console.window.picture();
    // Out, actual size, in: all before the next frame, which is when the scale is known.
    onFx(
        () -> {
          picture.zoom(3);
          picture.actualSize();
          picture.zoom(2); // asked after actual size: applied after it, not lost
          return null;
        });
    await(() -> Math.abs(picture.scale() - 0.5) < 0.005);
    console.settle();
    assertThat(onFx(picture::scale)).isCloseTo(0.5, within(0.005));
  }

  @Test
  void aHeldZoomStaysAsItIsWhenTheWindowChangesSizeAndAFittedPictureStaysFitted() {
    shown();
    console.settle();
    PictureDriver picture = console.window.picture();
    onFx(
        () -> {
          picture.actualSize();
          return null;
        });
    await(() -> Math.abs(picture.scale() - 1.0) < 0.005);

    onFx(
        () -> {
          console.stage.setWidth(1100);
          console.stage.setHeight(800);
          return null;
        });
    console.settle();
    await(() -> console.window.topologyView().node().getWidth() < 1000);
    console.settle();
    assertThat(onFx(picture::scale)).isCloseTo(1.0, within(0.005));

    onFx(
        () -> {
          picture.fit();
          return null;
        });
    console.settle();
    double fittedNarrow = onFx(picture::scale);
    onFx(
        () -> {
          console.stage.setWidth(1600);
          console.stage.setHeight(1000);
          return null;
        });
    await(() -> console.window.topologyView().node().getWidth() > 1000);
    console.settle();
    assertThat(onFx(picture::scale)).isGreaterThan(fittedNarrow);
  }

  @Test
  void findShouldHighlightMatchesDimTheRestAndSelectTheFirst(FxRobot robot) {
    shown();
    robot.type(KeyCode.SLASH);
    TextField find = robot.lookup("#find").queryAs(TextField.class);
    await(find::isFocused);
    robot.write("kind:xray");
    assertThat(onFx(() -> find.getText())).isEqualTo("kind:xray");
    await(() -> console.window.model().matched().contains(ORDER_XRAY));
    assertThat(console.window.model().matched()).doesNotContain(ORDER_APP);
    await(
        () ->
            console
                .window
                .model()
                .selection()
                .get()
                .map(id -> id.endsWith("/xray-daemon"))
                .orElse(false));
    // The status line counts the picture's nodes that match, not the boxes or anything else.
    long daemons = shown().picture().nodes().filter(n -> n.id().endsWith("/xray-daemon")).count();
    assertThat(daemons).isGreaterThan(1);
    assertThat(onFx(() -> robot.lookup("#status").queryAs(Label.class).getText()))
        .isEqualTo(daemons + " nodes match.");
    await(() -> style(ORDER_APP).contains(",64)"));
    assertThat(style(ORDER_XRAY)).doesNotContain(",64)");

    robot.clickOn("#hide-non-matching");
    // What is hidden leaves the drawn graph; the app beside a matched daemon stays, with its arrow.
    await(() -> style(ORDER_ENVOY) == null);
    assertThat(style(ORDER_XRAY)).doesNotContain("visibility-mode: hidden");
    assertThat(style(ORDER_APP)).isNotNull().doesNotContain("visibility-mode: hidden");

    robot.type(KeyCode.ESCAPE);
    await(() -> console.window.model().matched().isEmpty());
    await(
        () ->
            style(ORDER_ENVOY) != null && !style(ORDER_ENVOY).contains("visibility-mode: hidden"));
  }

  @Test
  void groupingButtonShouldAskTheFeedAndRedrawOneBoxPerWorkload(FxRobot robot) {
    shown();
    robot.clickOn("#group-workload");
    await(
        () ->
            console.window.model().shown().orElseThrow().snapshot().grouping()
                == Grouping.WORKLOAD);
    assertThat(console.feed.groupingsAsked).contains(Grouping.WORKLOAD);
    assertThat(shown().picture().boxes())
        .extracting(PictureBox::title)
        .contains("Deployment/order-service ×2");
    assertThat(onFx(() -> console.window.model().settings().grouping()))
        .isEqualTo(Grouping.WORKLOAD);
  }

  @Test
  void keysShouldSwitchGroupingMoveTheSelectionAndClearIt(FxRobot robot) {
    shown();
    robot.type(KeyCode.DIGIT3);
    await(
        () ->
            console.window.model().shown().orElseThrow().snapshot().grouping() == Grouping.SERVICE);
    robot.type(KeyCode.DIGIT1);
    await(() -> console.window.model().shown().orElseThrow().snapshot().grouping() == Grouping.POD);
    robot.type(KeyCode.RIGHT);
    await(() -> console.window.model().selection().get().isPresent());
    String first = console.window.model().selection().get().orElseThrow();
    robot.type(KeyCode.RIGHT);
    await(() -> !console.window.model().selection().get().orElseThrow().equals(first));
    robot.type(KeyCode.ENTER);
    Label title = robot.lookup("#inspector-title").queryAs(Label.class);
    await(() -> !title.getText().equals("Nothing selected"));
    robot.type(KeyCode.ESCAPE);
    await(() -> console.window.model().selection().get().isEmpty());
    javafx.scene.Node help = robot.lookup("#help").query();
    robot.press(KeyCode.SHIFT).type(KeyCode.SLASH).release(KeyCode.SHIFT);
    await(help::isVisible);
    robot.type(KeyCode.ESCAPE);
    await(() -> !help.isVisible());
  }

  @Test
  void exportShouldWriteEveryFormatThroughTheChooserAndCopyMermaid(FxRobot robot) throws Exception {
    shown();
    console.settle();
    for (ExportFormat f : ExportFormat.values()) {
      onFx(
          () -> {
            console.window.exports().export(f);
            return null;
          });
    }
    await(
        () ->
            console.chosen.size() == ExportFormat.values().length
                && console.chosen.values().stream().allMatch(p -> sizeOf(p) > 0));
    Map<ExportFormat, Path> files = console.chosen;
    byte[] png = Files.readAllBytes(files.get(ExportFormat.PNG));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(Files.readString(files.get(ExportFormat.SVG)))
        .contains("<svg")
        .contains("xray-daemon");
    assertThat(Files.readString(files.get(ExportFormat.MERMAID))).startsWith("graph LR");
    assertThat(Files.readString(files.get(ExportFormat.DOT))).contains("digraph");
    assertThat(Files.readString(files.get(ExportFormat.JSON))).contains("sidescope.snapshot/v1");

    robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
    await(() -> !console.clipboard.isEmpty());
    assertThat(console.clipboard.get(0)).startsWith("graph LR").contains("xray_daemon");
  }

  private static long sizeOf(Path p) {
    try {
      return Files.exists(p) ? Files.size(p) : 0;
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  @Test
  void aSourceGoingDownShouldShowInItsChipAndGreyItsPart(FxRobot robot) {
    shown();
    console.feed.publish(SeedSample.withKubernetesDown());
    await(
        () ->
            robot.lookup(".source-chip").queryAllAs(Label.class).stream()
                .anyMatch(
                    l ->
                        l.getText().equals("kubernetes/kind-dev · down, connection refused")
                            && l.getStyleClass().contains("source-down")));
    assertThat(robot.lookup(".source-chip").queryAllAs(Label.class))
        .extracting(l -> onFx(l::getText))
        .contains("ecs/us-east-1 · throttled, retrying in 8 s");
    await(() -> style(ORDER_APP).contains(",64)"));
    assertThat(style(SeedSample.ORDER_TASK + "/order-service")).doesNotContain(",64)");
  }

  @Test
  void aNewPodShouldBeAddedWithoutMovingAnythingElse() {
    LaidOutPicture before = shown();
    Map<String, Object[]> positions =
        onFx(
            () -> {
              Map<String, Object[]> m = new java.util.HashMap<>();
              console
                  .window
                  .topologyView()
                  .graph()
                  .nodes()
                  .forEach(n -> m.put(n.getId(), (Object[]) n.getAttribute("xyz")));
              return m;
            });
    console.feed.publish(SeedSample.withExtraPod());
    await(
        () ->
            console
                .window
                .model()
                .shown()
                .orElseThrow()
                .geometry()
                .nodes()
                .containsKey(SeedSample.EXTRA_POD));
    LaidOutPicture after = shown();
    before
        .geometry()
        .nodes()
        .forEach(
            (id, r) -> {
              if (dev.sidescope.views.picture.OuterBox.is(id)) {
                assertThat(after.geometry().nodes().get(id).contains(r)).as(id).isTrue();
              } else {
                assertThat(after.geometry().nodes().get(id)).as(id).isEqualTo(r);
              }
            });
    await(() -> console.window.topologyView().graph().getNode(SeedSample.EXTRA_POD) != null);
    onFx(
        () -> {
          var diff = console.window.topologyView().lastDiff().orElseThrow();
          assertThat(diff.nodesToAdd()).extracting(l -> l.id()).contains(SeedSample.EXTRA_POD);
          // Only its namespace's outer box changes: it grows around the new pod.
          assertThat(diff.nodesToRestyle())
              .extracting(l -> l.id())
              .allMatch(dev.sidescope.views.picture.OuterBox::is);
          assertThat(diff.nodesToRemove()).isEmpty();
          before.geometry().nodes().keySet().stream()
              .filter(id -> !dev.sidescope.views.picture.OuterBox.is(id))
              .forEach(
                  id ->
                      assertThat(
                              (Object[])
                                  console
                                      .window
                                      .topologyView()
                                      .graph()
                                      .getNode(id)
                                      .getAttribute("xyz"))
                          .as(id)
                          .isEqualTo(positions.get(id)));
          return null;
        });
  }

  @Test
  void switchingToDarkShouldRepaintThePictureInTheDarkPalette() {
    shown();
    onFx(
        () -> {
          console.window.model().setTheme(ThemeChoice.DARK);
          return null;
        });
    assertThat(
            onFx(
                () ->
                    String.valueOf(
                        console.window.topologyView().graph().getAttribute("ui.stylesheet"))))
        .contains("#0d1117");
    assertThat(style(ORDER_POD)).contains("rgba(28,31,20,255)");
  }

  @Test
  void closingTheWindowShouldSaveThemeGroupingAndItsPlace() {
    shown();
    onFx(
        () -> {
          console.window.model().setTheme(ThemeChoice.DARK);
          console.window.model().setGrouping(Grouping.WORKLOAD);
          console.stage.close();
          return null;
        });
    Path file = console.dir.resolve(SettingsStore.FILE_NAME);
    await(() -> read(file).contains("window.width="));
    assertThat(read(file)).contains("theme=dark").contains("grouping=workload");
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  @Test
  void clickingAFindingShouldSelectAndInspectTheContainerItNames(FxRobot robot) {
    shown();
    console.settle();
    // The row showing the first finding: a table's row cells are not in the order of the rows
    // they show once it has reused them.
    @SuppressWarnings("rawtypes")
    javafx.scene.control.TableRow first =
        onFx(
            () ->
                robot
                    .lookup("#findings .table-row-cell")
                    .queryAllAs(javafx.scene.control.TableRow.class)
                    .stream()
                    .filter(r -> r.getIndex() == 0)
                    .findFirst()
                    .orElseThrow());
    robot.clickOn(first);
    String broken = SeedSample.ORDER_POD_2 + "/xray-daemon";
    await(() -> console.window.model().selection().get().equals(Optional.of(broken)));
    Label title = robot.lookup("#inspector-title").queryAs(Label.class);
    await(() -> title.getText().equals("xray-daemon"));
  }

  @Test
  void aLiveUpdateShouldNotEmptyAFullFindingsTableWhileItsRowsComeAgain(FxRobot robot) {
    console.feed.publish(GeneratedCluster.observations(40));
    @SuppressWarnings("unchecked")
    javafx.scene.control.TableView<dev.sidescope.views.inspect.FindingRow> table =
        onFx(
            () ->
                (javafx.scene.control.TableView<dev.sidescope.views.inspect.FindingRow>)
                    robot.lookup("#findings").query());
    await(() -> table.getItems().size() > 40);
    int full = onFx(() -> table.getItems().size());
    java.util.concurrent.atomic.AtomicInteger fewest =
        new java.util.concurrent.atomic.AtomicInteger(full);
    onFx(
        () -> {
          table
              .getItems()
              .addListener(
                  (javafx.collections.ListChangeListener<dev.sidescope.views.inspect.FindingRow>)
                      c -> fewest.accumulateAndGet(table.getItems().size(), Math::min));
          return null;
        });
    LaidOutPicture before = shown();
    console.feed.publish(GeneratedCluster.observations(39));
    await(() -> console.window.model().shown().orElseThrow() != before);
    await(() -> table.getItems().size() < full && table.getItems().size() > 40);
    console.settle();
    // The rows of the new picture replaced the old ones at once, not two by two from none.
    assertThat(fewest.get()).isGreaterThan(40);
  }
}
