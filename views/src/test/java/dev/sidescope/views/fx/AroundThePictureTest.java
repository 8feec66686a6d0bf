package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.views.inspect.FindingRow;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.testing.GeneratedCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;

/**
 * What stands around the picture takes its place once: the legend its whole height before its rows
 * come, the source bar its line before the first snapshot, the findings table its rows as they come
 * without laying out again those it has.
 */
class AroundThePictureTest extends OnStageTest {

  /** Shows {@code content}, 700 pixels wide, styled by the console's style sheet. */
  private void show(VBox content) {
    onFx(
        () -> {
          Scene scene = new Scene(content, 700, 500);
          scene.getStylesheets().add(ConsoleWindow.css());
          stage.setScene(scene);
          stage.show();
          content.applyCss();
          content.layout();
          return null;
        });
  }

  @Test
  void theLegendShouldTakeTheHeightOfAllItsRowsBeforeTheyCome() {
    LaidOutPicture picture = GeneratedCluster.laidOut(40);
    LegendPane legend = new LegendPane();
    show(new VBox(legend));
    double before =
        onFx(
            () -> {
              legend.prepare(picture, PicturePalette.of(Theme.LIGHT));
              return legend.prefHeight(700);
            });
    double after =
        onFx(
            () -> {
              legend.addSome(Integer.MAX_VALUE);
              legend.applyCss();
              legend.layout();
              return legend.prefHeight(700);
            });
    double oneRow =
        onFx(
            () -> {
              LegendPane fresh = new LegendPane();
              ((VBox) legend.getParent()).getChildren().add(fresh);
              fresh.applyCss();
              return fresh.prefHeight(700);
            });
    // Several lines of rows, and reserved to within a pixel or two before any of them was made.
    assertThat(after).isGreaterThan(oneRow + 30);
    assertThat(before).isCloseTo(after, org.assertj.core.data.Offset.offset(2.0));
  }

  @Test
  void theSourceBarShouldSayItIsConnectingUntilTheFirstSnapshotAndThenUpdateItsChipsInPlace() {
    SourceBar bar = new SourceBar();
    show(new VBox(bar));
    assertThat(onFx(() -> ((Label) bar.getChildren().get(0)).getText()))
        .isEqualTo(SourceBar.CONNECTING);
    double connecting = onFx(() -> bar.prefHeight(700));
    Instant now = SeedSample.NOW;
    Label first =
        onFx(
            () -> {
              bar.show(List.of(SourceStatus.live("kubernetes/kind-dev", now)), now);
              bar.applyCss();
              return (Label) bar.getChildren().get(0);
            });
    assertThat(onFx(() -> bar.prefHeight(700))).isEqualTo(connecting);
    Label after =
        onFx(
            () -> {
              bar.show(
                  List.of(
                      new SourceStatus(
                          "kubernetes/kind-dev",
                          SourceState.DOWN,
                          Optional.of("connection refused"),
                          Optional.of(now))),
                  now);
              return (Label) bar.getChildren().get(0);
            });
    assertThat(after).isSameAs(first);
    assertThat(onFx(after::getText)).isEqualTo("kubernetes/kind-dev · down, connection refused");
    assertThat(onFx(after::getStyleClass)).contains("source-chip", "source-down");
    assertThat(onFx(after::getStyleClass)).doesNotContain("source-live", "source-connecting");
  }

  @Test
  void aChipWithALongReasonEndsInAnEllipsisAndNeverWidensTheWindow() {
    SourceBar bar = new SourceBar();
    show(new VBox(bar));
    Instant now = SeedSample.NOW;
    String reason =
        "port-forward failed: " + "a very long error from the remote socket ".repeat(40);
    onFx(
        () -> {
          bar.show(
              List.of(
                  new SourceStatus(
                      "envoy", SourceState.DEGRADED, Optional.of(reason), Optional.of(now)),
                  SourceStatus.live("kubernetes/kind-dev", now)),
              now);
          bar.applyCss();
          bar.layout();
          return null;
        });

    assertThat(onFx(() -> bar.minWidth(-1))).isLessThan(700);
    Label chip = onFx(() -> (Label) bar.getChildren().get(0));
    assertThat(onFx(chip::getWidth)).isLessThanOrEqualTo(SourceBar.MAX_CHIP_WIDTH);
  }

  /** Shows the code column, as from the header's menu, and sorts by it as a user would. */
  private static TableColumn<FindingRow, ?> sortByCode(FindingsPane table) {
    TableColumn<FindingRow, ?> code =
        table.getColumns().stream()
            .filter(c -> "Code".equals(c.getText()))
            .findFirst()
            .orElseThrow();
    code.setVisible(true);
    table.getSortOrder().setAll(code);
    return code;
  }

  private static List<FindingRow> rows(int n) {
    List<FindingRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Severity s = i < n / 2 ? Severity.ERROR : Severity.WARNING;
      rows.add(new FindingRow(s, "CODE_" + (n - i), "pod-" + i, "A finding.", Optional.empty()));
    }
    return rows;
  }

  @Test
  void findingsShouldBeAddedToTheRowsShownAndKeepTheOrderTheUserChose() {
    FindingsPane table = new FindingsPane();
    show(new VBox(table));
    List<FindingRow> all = rows(6);
    List<String> changes = new ArrayList<>();
    List<FindingRow> shown =
        onFx(
            () -> {
              table.show(all.subList(0, 2), 1);
              table
                  .getItems()
                  .addListener(
                      (javafx.collections.ListChangeListener<FindingRow>)
                          c -> {
                            while (c.next()) {
                              changes.add(
                                  c.wasRemoved() || c.wasPermutated() ? "replaced" : "added");
                            }
                          });
              table.show(all.subList(0, 4), 1);
              return List.copyOf(table.getItems());
            });
    assertThat(shown).containsExactlyElementsOf(all.subList(0, 4));
    // The rows shown stay; the new ones are added after them.
    assertThat(changes).containsExactly("added");
    // Sorted by code by the user: the rows that come later are sorted in, not appended.
    List<String> codes =
        onFx(
            () -> {
              sortByCode(table);
              table.show(all, 1);
              return table.getItems().stream().map(FindingRow::code).toList();
            });
    assertThat(codes).isSorted().hasSize(6);
  }

  @Test
  void aNarrowFindingsTableShouldShowAPlaceWholeOnTwoLinesAndGiveTheSentenceTheRest() {
    FindingsPane table = new FindingsPane();
    VBox box = new VBox(table);
    box.setFillWidth(false); // the table at its own width, as in a narrow side pane
    table.setPrefWidth(420);
    show(box);
    String where = "Pod order-service-7c644c984d-7xtvv / envoy";
    String shown =
        onFx(
            () -> {
              table.show(
                  List.of(
                      new FindingRow(
                          Severity.WARNING,
                          "STARTUP_ORDER",
                          where,
                          "App order-service in pod order-service-7c644c984d-7xtvv can start"
                              + " before its envoy sidecar is ready.",
                          Optional.empty())),
                  1);
              box.applyCss();
              box.layout();
              // The place's column takes the width its cells measured, in the next layout.
              box.layout();
              return table.lookupAll(".table-row-cell .table-cell").stream()
                  .map(n -> (javafx.scene.control.TableCell<?, ?>) n)
                  .filter(c -> where.equals(c.getItem()))
                  .map(c -> ((javafx.scene.text.Text) c.lookup(".text")).getText())
                  .findFirst()
                  .orElseThrow();
            });
    // The pod's whole name on the first line, which tells the rows apart; the container below.
    assertThat(shown).isEqualTo("order-service-7c644c984d-7xtvv\nenvoy");
    List<String> visible =
        onFx(() -> table.getVisibleLeafColumns().stream().map(TableColumn::getText).toList());
    assertThat(visible).containsExactly("Severity", "Where", "Finding");
    double sentence = onFx(() -> table.getVisibleLeafColumns().get(2).getWidth());
    assertThat(sentence).as("the sentence's width").isGreaterThan(100);
  }

  @Test
  void aVeryNarrowFindingsTableShouldStillShowTheSentence() {
    FindingsPane table = new FindingsPane();
    VBox box = new VBox(table);
    box.setFillWidth(false);
    table.setPrefWidth(300);
    show(box);
    double[] widths =
        onFx(
            () -> {
              table.show(rows(40), 1); // enough for a vertical scroll bar
              box.applyCss();
              box.layout();
              double columns =
                  table.getVisibleLeafColumns().stream().mapToDouble(TableColumn::getWidth).sum();
              return new double[] {
                columns, table.getWidth(), table.getVisibleLeafColumns().get(2).getWidth()
              };
            });
    assertThat(widths[0]).as("the columns' width").isLessThanOrEqualTo(widths[1]);
    assertThat(widths[2]).as("the sentence's width").isGreaterThanOrEqualTo(60);
  }

  @Test
  void hidingTheColumnTheRowsAreSortedByShouldSortThemWorstFirstAgain() {
    FindingsPane table = new FindingsPane();
    show(new VBox(table));
    List<String> order =
        onFx(
            () -> {
              TableColumn<FindingRow, ?> code = sortByCode(table);
              table.show(rows(6), 1);
              code.setVisible(false);
              return table.getSortOrder().stream().map(TableColumn::getText).toList();
            });
    assertThat(order).containsExactly("Severity");
  }

  @Test
  void enterOnAFindingShouldPickItsNodeAsAClickDoes() {
    FindingsPane table = new FindingsPane();
    show(new VBox(table));
    List<Optional<String>> picked = new ArrayList<>();
    onFx(
        () -> {
          table.onPick(picked::add);
          table.show(
              List.of(
                  new FindingRow(Severity.ERROR, "A", "pod-a", "First.", Optional.of("node-a")),
                  new FindingRow(Severity.INFO, "B", "pod-b", "Second.", Optional.of("node-b"))),
              1);
          table.requestFocus();
          table.getSelectionModel().select(1);
          table.fireEvent(
              new javafx.scene.input.KeyEvent(
                  javafx.scene.input.KeyEvent.KEY_PRESSED,
                  "",
                  "",
                  javafx.scene.input.KeyCode.ENTER,
                  false,
                  false,
                  false,
                  false));
          return null;
        });
    assertThat(picked).containsExactly(Optional.of("node-b"));
  }
}
