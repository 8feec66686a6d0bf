package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.views.inspect.FindingRow;
import dev.sidescope.views.settings.ThemeChoice;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.effect.DropShadow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The console by keyboard alone: Tab through its controls, into the findings, through them. */
@ExtendWith(ApplicationExtension.class)
class FindingsKeyboardTest {
  private ConsoleFixture console;

  @Start
  void start(Stage stage) throws Exception {
    console = new ConsoleFixture(stage, SeedSample.observations(), ThemeChoice.LIGHT);
  }

  @BeforeEach
  void shown() {
    await(() -> console.window.model().shown().isPresent());
    console.settle();
  }

  @AfterEach
  void closeWindow() {
    onFx(
        () -> {
          console.stage.close();
          return null;
        });
  }

  private boolean focused(Node node) {
    return onFx(() -> node.getScene().getFocusOwner() == node);
  }

  /** Presses Tab until {@code node} has the focus; false when a full round never reached it. */
  private boolean tabTo(FxRobot robot, Node node) {
    for (int i = 0; i < 60 && !focused(node); i++) {
      robot.type(KeyCode.TAB);
    }
    return focused(node);
  }

  /** Whether a node is drawn with the console's focus ring. */
  private static boolean ringed(Node node) {
    return onFx(
        () -> {
          node.getScene().getRoot().applyCss();
          return node.getEffect() instanceof DropShadow;
        });
  }

  private static boolean outlined(javafx.scene.layout.Region row) {
    return row.getBorder() != null
        && row.getBorder().getStrokes().stream()
            .anyMatch(
                st ->
                    st.getTopStroke() != javafx.scene.paint.Color.TRANSPARENT
                        && st.getWidths().getTop() > 0);
  }

  @SuppressWarnings("unchecked")
  private TableView<FindingRow> findings(FxRobot robot) {
    return (TableView<FindingRow>) robot.lookup("#findings").query();
  }

  @Test
  void everyToolbarControlAndThePictureShouldBeReachedByTabAndShowThatTheyHaveTheFocus(
      FxRobot robot) {
    for (String id : new String[] {"#find", "#group-pod", "#zoom-in", "#fit", "#export"}) {
      Node control = robot.lookup(id).query();
      assertThat(tabTo(robot, control)).as("Tab reaches %s", id).isTrue();
      assertThat(ringed(control)).as("%s shows that it has the focus", id).isTrue();
    }
    Node box = robot.lookup("#hide-non-matching").query();
    assertThat(tabTo(robot, box)).isTrue();
    assertThat(ringed(robot.lookup("#hide-non-matching .box").query())).isTrue();
    // The side pane's tabs: the tab shown is ringed.
    Node tabs = robot.lookup("#side-tabs").query();
    assertThat(tabTo(robot, tabs)).isTrue();
    assertThat(ringed(robot.lookup("#side-tabs .tab:selected").query())).isTrue();
    // Round again to the picture: framed while it has the keys.
    Node picture = console.window.topologyView().node();
    Node frame = robot.lookup(".picture-focus").query();
    assertThat(tabTo(robot, picture)).isTrue();
    assertThat(onFx(frame::isVisible)).isTrue();
    robot.type(KeyCode.TAB);
    assertThat(onFx(frame::isVisible)).isFalse();
  }

  @Test
  void theArrowsShouldMoveInTheControlTabbedToNotInThePicture(FxRobot robot) {
    Node pod = robot.lookup("#group-pod").query();
    assertThat(tabTo(robot, pod)).isTrue();
    robot.type(KeyCode.RIGHT);
    assertThat(console.window.model().selection().get()).isEmpty();
    assertThat(focused(robot.lookup("#group-workload").query())).isTrue();
  }

  @Test
  void ctrlShiftFShouldTakeTheKeysIntoTheFindingsAtTheFirst(FxRobot robot) {
    TableView<FindingRow> table = findings(robot);
    robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.F).release(KeyCode.SHIFT);
    robot.release(KeyCode.CONTROL);
    await(() -> table.getScene().getFocusOwner() == table);
    await(() -> table.getSelectionModel().getSelectedIndex() == 0);
    // The row with the keys is outlined.
    assertThat(
            onFx(
                () -> {
                  table.getScene().getRoot().applyCss();
                  return table.lookupAll(".table-row-cell").stream()
                      .filter(r -> outlined((javafx.scene.layout.Region) r))
                      .map(r -> ((javafx.scene.control.TableRow<?>) r).getIndex())
                      .toList();
                }))
        .containsExactly(0);
    Optional<String> first = onFx(() -> table.getItems().get(0).nodeId());
    await(() -> console.window.model().selection().get().equals(first));
    // There the arrows go through the findings, and leave the picture where it is.
    robot.type(KeyCode.DOWN);
    assertThat(onFx(() -> table.getSelectionModel().getSelectedIndex())).isEqualTo(1);
    assertThat(console.window.model().selection().get()).isEqualTo(first);
  }

  @Test
  void nAndShiftNShouldStepThroughTheFindingsWithThePictureAndInspectorFollowing(FxRobot robot) {
    TableView<FindingRow> table = findings(robot);
    assertThat(onFx(() -> table.getItems().size())).isGreaterThan(1);
    Label title = robot.lookup("#inspector-title").queryAs(Label.class);

    robot.type(KeyCode.N);
    await(() -> table.getSelectionModel().getSelectedIndex() == 0);
    Optional<String> first = onFx(() -> table.getItems().get(0).nodeId());
    await(() -> console.window.model().selection().get().equals(first));
    await(() -> !title.getText().equals("Nothing selected"));

    robot.type(KeyCode.N);
    await(() -> table.getSelectionModel().getSelectedIndex() == 1);
    Optional<String> second = onFx(() -> table.getItems().get(1).nodeId());
    await(() -> console.window.model().selection().get().equals(second));

    robot.press(KeyCode.SHIFT).type(KeyCode.N).release(KeyCode.SHIFT);
    await(() -> table.getSelectionModel().getSelectedIndex() == 0);
    await(() -> console.window.model().selection().get().equals(first));
  }
}
