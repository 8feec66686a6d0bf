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
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TitledPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * At the console's default size (1600×1000, the side pane where it starts), the names a person
 * looks for read whole: a finding's pod and container, a container's environment variables.
 */
@ExtendWith(ApplicationExtension.class)
class WholeNamesTest {
  /** The places of the broken sample's findings, as the findings list gets them. */
  private static final List<String> BROKEN_PLACES =
      List.of(
          "ECS task 2a8548fe4cd5901698fe38b9a9afe98b / log-router",
          "Pod checkout-6d8f7b9c4-zz9rw / linkerd-proxy",
          "Pod invoices-5b7c8d9f6-q8w2e / fluent-bit",
          "Pod ledger-7c9d8f6b5-x2k4q / xray-daemon",
          "Pod invoices-5b7c8d9f6-q8w2e / invoices",
          "Pod refunds-84b9df97b6-k7jpd / refunds",
          "Pod refunds-84b9df97b6-k7jpd / statsd-exporter",
          "Pod refunds-84b9df97b6-wcpkj / envoy");

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

  /** What a label draws: its text, or its text cut with an ellipsis where it has no room. */
  private static String drawn(Labeled labeled) {
    Node text = labeled.lookup(".text");
    return text instanceof Text t ? t.getText() : "";
  }

  @Test
  void theFindingsListShouldShowEachPlaceWhole(FxRobot robot) {
    List<FindingRow> rows =
        BROKEN_PLACES.stream()
            .map(
                where ->
                    new FindingRow(
                        Severity.WARNING,
                        "SIDECAR_NO_LIMITS",
                        where,
                        "Sidecar statsd-exporter in pod refunds-84b9df97b6-k7jpd has no CPU or"
                            + " memory limit, so it can take CPU from refunds under load.",
                        Optional.empty()))
            .toList();
    onFx(
        () -> {
          console.window.side().showFindings(rows, 9);
          return null;
        });
    console.settle();
    List<TableCell<?, ?>> cells =
        onFx(
            () -> {
              console.window.root().applyCss();
              console.window.root().layout();
              return robot.lookup("#findings .table-cell").queryAllAs(TableCell.class).stream()
                  .filter(c -> c.getTableColumn() != null)
                  .filter(c -> "findings-where".equals(c.getTableColumn().getId()))
                  .filter(c -> !c.isEmpty() && c.isVisible())
                  .map(c -> (TableCell<?, ?>) c)
                  .collect(Collectors.toList());
            });
    assertThat(cells).hasSizeGreaterThanOrEqualTo(4);
    for (TableCell<?, ?> cell : cells) {
      String text = onFx(cell::getText);
      assertThat(onFx(() -> drawn(cell))).as("the place %s drawn whole", text).isEqualTo(text);
      assertThat(onFx(() -> cell.getHeight()))
          .as("the row has room for both lines")
          .isGreaterThan(30);
    }
    List<Labeled> headers =
        onFx(
            () ->
                robot.lookup("#findings .column-header .label").queryAllAs(Labeled.class).stream()
                    .filter(Node::isVisible)
                    .map(l -> (Labeled) l)
                    .toList());
    assertThat(headers).extracting(Labeled::getText).contains("Severity", "Where", "Finding");
    for (Labeled header : headers) {
      assertThat(onFx(() -> drawn(header))).isEqualTo(header.getText());
    }
    assertThat(cells.stream().map(c -> onFx(c::getText)).collect(Collectors.joining("\n")))
        .contains("invoices-5b7c8d9f6-q8w2e", "fluent-bit", "2a8548fe4cd5901698fe38b9a9afe98b");
  }

  /** Whether a node is in an inspector section that is open, not folded. */
  private static boolean inAnOpenSection(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (n instanceof TitledPane pane) {
        return pane.isExpanded();
      }
    }
    return false;
  }

  @Test
  void theInspectorShouldShowAnEnvironmentVariablesNameWholeAndRoomForItsValue(FxRobot robot) {
    onFx(
        () -> {
          console.window.select(SeedSample.ORDER_APP, false, true);
          return null;
        });
    await(
        () ->
            robot.lookup("#inspector .label").queryAllAs(Labeled.class).stream()
                .anyMatch(l -> l.getText().endsWith("AWS_XRAY_DAEMON_ADDRESS")));
    console.settle();
    List<Labeled> labels =
        onFx(
            () -> {
              console.window.root().applyCss();
              console.window.root().layout();
              return robot
                  .lookup("#inspector .inspector-section .label")
                  .queryAllAs(Labeled.class)
                  .stream()
                  .filter(l -> l.getText() != null && !l.getText().isEmpty())
                  .filter(WholeNamesTest::inAnOpenSection)
                  .map(l -> (Labeled) l)
                  .toList();
            });
    assertThat(labels).extracting(Labeled::getText).contains("AWS_XRAY_DAEMON_ADDRESS");
    for (Labeled label : labels) {
      assertThat(onFx(() -> drawn(label))).as("drawn whole").isEqualTo(label.getText());
    }
    // Its value has most of the pane's width, not what the longest name leaves over.
    Labeled value =
        labels.stream()
            .filter(l -> "env AWS_XRAY_DAEMON_ADDRESS".equals(l.getUserData()))
            .findFirst()
            .orElseThrow();
    double pane =
        onFx(() -> robot.lookup("#inspector").queryAs(Node.class).getLayoutBounds().getWidth());
    assertThat(onFx(value::getWidth)).isGreaterThan(pane / 2);
  }
}
