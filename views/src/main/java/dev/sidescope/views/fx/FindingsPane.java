package dev.sidescope.views.fx;

import dev.sidescope.topology.model.Severity;
import dev.sidescope.views.inspect.FindingRow;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The sidecar doctor's findings, worst first, sortable by any column; a click selects and centres
 * the node a finding is about. FX thread only.
 */
final class FindingsPane extends TableView<FindingRow> {
  private Consumer<Optional<String>> onPick = id -> {};
  private final javafx.scene.control.Label placeholder =
      new javafx.scene.control.Label(NOTHING_WATCHED);

  /** A row's height in pixels, for the console's 12-pixel text. */
  static final double ROW_HEIGHT = 22;

  static final String NOTHING_WATCHED = "No findings: nothing is watched yet.";
  static final String ALL_HEALTHY = "No findings: every sidecar looks healthy.";

  FindingsPane() {
    setId("findings");
    setPlaceholder(placeholder);
    // Rows of one height: the table then places them without laying each one out to measure it,
    // which is most of the cost of showing a new picture's findings.
    setFixedCellSize(ROW_HEIGHT);
    setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TableColumn<FindingRow, Severity> severity = new TableColumn<>("Severity");
    severity.setId("findings-severity");
    severity.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().severity()));
    severity.setComparator(Comparator.naturalOrder());
    severity.setCellFactory(
        col ->
            new TableCell<>() {
              @Override
              protected void updateItem(Severity item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("finding-error", "finding-warning", "finding-info");
                if (empty || item == null) {
                  setText(null);
                } else {
                  setText(
                      dev.sidescope.views.picture.PicturePalette.severityGlyph(item)
                          + " "
                          + item.wireName());
                  getStyleClass().add("finding-" + item.wireName());
                }
              }
            });
    severity.setMinWidth(96);
    severity.setMaxWidth(110);
    severity.setPrefWidth(104);
    TableColumn<FindingRow, String> code = new TableColumn<>("Code");
    code.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().code()));
    code.setMinWidth(130);
    code.setPrefWidth(210);
    TableColumn<FindingRow, String> where = new TableColumn<>("Where");
    where.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().where()));
    where.setPrefWidth(170);
    TableColumn<FindingRow, String> message = new TableColumn<>("Finding");
    message.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().message()));
    message.setPrefWidth(300);
    getColumns().add(severity);
    getColumns().add(code);
    getColumns().add(where);
    getColumns().add(message);
    getSortOrder().add(severity);
    setRowFactory(
        tv -> {
          javafx.scene.control.TableRow<FindingRow> row = new javafx.scene.control.TableRow<>();
          row.setOnMouseClicked(
              e -> {
                if (!row.isEmpty()) {
                  onPick.accept(row.getItem().nodeId());
                }
              });
          // A tooltip makes a popup scene of its own, which costs a CSS pass: one per row, made
          // when the pointer first comes over it, not one per finding scrolled past.
          row.setOnMouseEntered(
              e -> {
                if (!row.isEmpty() && row.getTooltip() == null) {
                  row.setTooltip(new javafx.scene.control.Tooltip(row.getItem().message()));
                }
              });
          row.itemProperty()
              .addListener(
                  (o, a, b) -> {
                    if (b == null) {
                      row.setTooltip(null);
                    } else if (row.getTooltip() != null) {
                      row.getTooltip().setText(b.message());
                    }
                  });
          return row;
        });
  }

  /**
   * Makes the table's first rows, and their styles in this scene, before the window shows: the
   * first rows a table makes cost a quarter of a second or more (their cells' skins, and every one
   * of their styles looked up in the theme for the first time), which would otherwise stall the
   * pulse that brings the first picture. {@code root} is the scene's root, sized to the scene.
   */
  void prepareRows(javafx.scene.Parent root) {
    List<FindingRow> samples = new java.util.ArrayList<>();
    for (Severity severity : Severity.values()) {
      samples.add(new FindingRow(severity, "PREPARE", "pod", "A finding.", Optional.of("node")));
    }
    show(samples, 1);
    root.applyCss();
    root.layout();
    show(List.of(), 0);
  }

  void onPick(Consumer<Optional<String>> handler) {
    this.onPick = handler;
  }

  /** The findings of a picture that holds {@code workloads} workloads. */
  void show(List<FindingRow> rows, int workloads) {
    placeholder.setText(workloads == 0 ? NOTHING_WATCHED : ALL_HEALTHY);
    getItems().setAll(rows);
    sort();
  }
}
