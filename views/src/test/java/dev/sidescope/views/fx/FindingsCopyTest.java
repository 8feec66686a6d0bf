package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.views.inspect.FindingRow;
import dev.sidescope.views.settings.ThemeChoice;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class FindingsCopyTest {
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

  @SuppressWarnings("unchecked")
  private TableView<FindingRow> findings(FxRobot robot) {
    await(() -> console.window.model().shown().isPresent());
    console.settle();
    TableView<FindingRow> table =
        onFx(() -> (TableView<FindingRow>) robot.lookup("#findings").query());
    await(() -> table.getItems().size() >= 2);
    return table;
  }

  private static void copy(FxRobot robot) {
    robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
  }

  @Test
  void ctrlCInTheFindingsShouldCopyTheFindingSelectedAsALineOfText(FxRobot robot) {
    TableView<FindingRow> table = findings(robot);
    FindingRow first =
        onFx(
            () -> {
              table.requestFocus();
              table.getSelectionModel().clearAndSelect(0);
              return table.getSelectionModel().getSelectedItem();
            });
    await(table::isFocused);
    copy(robot);
    await(() -> !console.clipboard.isEmpty());
    String copied = console.clipboard.get(0);
    assertThat(copied)
        .isEqualTo(
            first.severity().wireName()
                + " "
                + first.code()
                + " "
                + first.where()
                + ": "
                + first.message())
        .doesNotContain("\n")
        .doesNotStartWith("graph");
  }

  @Test
  void ctrlCShouldCopySeveralFindingsSelectedALineEach(FxRobot robot) {
    TableView<FindingRow> table = findings(robot);
    List<FindingRow> selected =
        onFx(
            () -> {
              table.requestFocus();
              table.getSelectionModel().clearSelection();
              table.getSelectionModel().selectIndices(0, 1);
              return List.copyOf(table.getSelectionModel().getSelectedItems());
            });
    assertThat(selected).hasSize(2);
    await(table::isFocused);
    copy(robot);
    await(() -> !console.clipboard.isEmpty());
    assertThat(console.clipboard.get(0).lines().toList())
        .hasSize(2)
        .satisfies(
            lines -> {
              assertThat(lines.get(0)).contains(selected.get(0).code(), selected.get(0).where());
              assertThat(lines.get(1)).contains(selected.get(1).code(), selected.get(1).where());
            });
  }

  @Test
  void ctrlCOnThePictureShouldStillCopyItAsMermaidWhateverTheFindingsHoldSelected(FxRobot robot) {
    TableView<FindingRow> table = findings(robot);
    onFx(
        () -> {
          table.getSelectionModel().clearAndSelect(0);
          console.window.topologyView().node().requestFocus();
          return null;
        });
    await(() -> console.window.topologyView().node().isFocused());
    copy(robot);
    await(() -> !console.clipboard.isEmpty());
    assertThat(console.clipboard.get(0)).startsWith("graph LR");
  }

  @Test
  void findingsShouldBeWrittenOneLineEachSeverityCodeWhereAndSentence() {
    FindingRow a =
        new FindingRow(
            Severity.ERROR,
            "XRAY_NO_ROLE",
            "Pod order-x2k4q / xray-daemon",
            "The daemon has no role\n to send traces with.",
            Optional.of("n"));
    FindingRow b =
        new FindingRow(
            Severity.WARNING, "ENVOY_OLD", "Pod cart-1 / envoy", "Envoy is old.", Optional.empty());
    assertThat(ExportActions.findingsText(List.of(a, b)))
        .isEqualTo(
            "error XRAY_NO_ROLE Pod order-x2k4q / xray-daemon: The daemon has no role to send"
                + " traces with.\n"
                + "warning ENVOY_OLD Pod cart-1 / envoy: Envoy is old.");
  }
}
