package dev.sidescope.views.fx;

import dev.sidescope.topology.model.Severity;
import dev.sidescope.views.inspect.FindingRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The sidecar doctor's findings, worst first, sortable by any column; a click selects and centres
 * the node a finding is about. FX thread only.
 */
final class FindingsPane extends TableView<FindingRow> {
  private Consumer<Optional<String>> onPick = id -> {};
  private final TableColumn<FindingRow, Severity> severity = new TableColumn<>("Severity");
  private final javafx.scene.control.Label placeholder =
      new javafx.scene.control.Label(NOTHING_WATCHED);

  /** A row's height in pixels: two lines of the console's 12-pixel text. */
  static final double ROW_HEIGHT = 36;

  /** The width the widest line of a place shown needs, padding included. */
  private final DoubleProperty placeNeeds = new SimpleDoubleProperty();

  /** Measures lines of text; the FX thread's alone. */
  private static final Text MEASURE = new Text();

  /** The font and the left and right padding of a place's cell, once one has been styled. */
  private Font placeFont;

  private double placePadding;

  static final String NOTHING_WATCHED = "No findings: nothing is watched yet.";
  static final String ALL_HEALTHY = "No findings: every sidecar looks healthy.";

  FindingsPane() {
    setId("findings");
    setPlaceholder(placeholder);
    // Rows of one height: the table then places them without laying each one out to measure it,
    // which is most of the cost of showing a new picture's findings.
    setFixedCellSize(ROW_HEIGHT);
    setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
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
    // As wide as its header with the sort arrow, and no wider: the sentence needs the room.
    severity.setMinWidth(94);
    severity.setMaxWidth(110);
    severity.setPrefWidth(94);
    // Where and what, then the code: the sentence tells a person what is wrong; the code, for
    // finding more of the same, is in the inspector and the tooltip, and a column the header's menu
    // shows. A row has two lines: the place, its box on the first (the whole pod or task name,
    // which is what tells places apart) and its container on the second; the sentence wraps over
    // both. The place's column is as wide as its widest line, up to half the table.
    TableColumn<FindingRow, String> where = new TableColumn<>("Where");
    where.setId("findings-where");
    where.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().where()));
    where.setCellFactory(col -> new PlaceCell());
    where
        .minWidthProperty()
        .bind(
            Bindings.createDoubleBinding(
                () -> Math.max(90, Math.min(placeNeeds.get(), getWidth() * 0.5)),
                placeNeeds,
                widthProperty()));
    where.prefWidthProperty().bind(where.minWidthProperty());
    TableColumn<FindingRow, String> code = new TableColumn<>("Code");
    code.setId("findings-code");
    code.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().code()));
    code.setMinWidth(80);
    code.setPrefWidth(200);
    code.setVisible(false);
    TableColumn<FindingRow, String> message = new TableColumn<>("Finding");
    message.setId("findings-message");
    message.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().message()));
    message.setCellFactory(
        col -> {
          TableCell<FindingRow, String> cell =
              new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                  super.updateItem(item, empty);
                  setText(empty ? null : item);
                }
              };
          cell.setWrapText(true);
          return cell;
        });
    message.setMinWidth(80);
    message.setPrefWidth(460);
    getColumns().add(severity);
    getColumns().add(where);
    getColumns().add(code);
    getColumns().add(message);
    setTableMenuButtonVisible(true);
    // A column hidden from the header's menu leaves the sort order: rows sorted by something not
    // shown would look unsorted.
    for (TableColumn<FindingRow, ?> column : getColumns()) {
      column
          .visibleProperty()
          .addListener(
              (o, was, visible) -> {
                if (!visible) {
                  getSortOrder().remove(column);
                  if (getSortOrder().isEmpty() && severity.isVisible()) {
                    getSortOrder().add(severity);
                  }
                }
              });
    }
    // Enter on a row does what a click does, so the findings can be gone through by keyboard.
    setOnKeyPressed(
        e -> {
          FindingRow row = getSelectionModel().getSelectedItem();
          if (e.getCode() == javafx.scene.input.KeyCode.ENTER && row != null) {
            onPick.accept(row.nodeId());
            e.consume();
          }
        });
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
                  var tip = new javafx.scene.control.Tooltip(tip(row.getItem()));
                  tip.setWrapText(true);
                  tip.setMaxWidth(480);
                  row.setTooltip(tip);
                }
              });
          row.itemProperty()
              .addListener(
                  (o, a, b) -> {
                    if (b == null) {
                      row.setTooltip(null);
                    } else if (row.getTooltip() != null) {
                      row.getTooltip().setText(tip(b));
                    }
                  });
          return row;
        });
  }

  /**
   * Makes a screenful of sample rows, styles and lays them out, and drops them again; part of the
   * console's rehearsal before the window shows ({@link ConsoleWindow}). The first rows a table
   * makes cost a quarter of a second or more (their cells' skins, every one of their styles looked
   * up in the theme for the first time, the code of laying out a cell and clipping its text run
   * cold), which would otherwise stall the pulses that bring the first picture. {@code root} is the
   * scene's root, sized to the scene.
   */
  void rehearse(javafx.scene.Parent root) {
    List<FindingRow> samples = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      Severity level = Severity.values()[i % Severity.values().length];
      samples.add(
          new FindingRow(
              level,
              "REHEARSAL_" + i,
              "namespace/pod-" + i,
              "A finding about a sidecar, long enough to be clipped in its column as many are.",
              Optional.of("node-" + i)));
    }
    // As a picture's findings come: a few rows, more, then all.
    for (int n : new int[] {2, 4, 8, samples.size()}) {
      show(samples.subList(0, n), 1);
      root.applyCss();
      root.layout();
    }
    show(List.of(), 0);
    root.applyCss();
    root.layout();
  }

  /**
   * A finding's place on two lines: its box (the pod or task, whole) and its container. A place too
   * wide even so loses its start, not the end that tells it from the others.
   */
  private final class PlaceCell extends TableCell<FindingRow, String> {
    PlaceCell() {
      setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
    }

    @Override
    protected void updateItem(String item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty || item == null ? null : twoLines(item));
    }

    @Override
    protected void layoutChildren() {
      // Measured here too, with the font and padding the theme gave the cell: they are what the
      // measures of new rows use, and a row measured before them may need a little more.
      String text = getText();
      if (text != null) {
        placeFont = getFont();
        placePadding = snappedLeftInset() + snappedRightInset();
        double needs = widest(List.of(text));
        if (needs > placeNeeds.get()) {
          placeNeeds.set(needs);
        }
      }
      super.layoutChildren();
    }
  }

  /**
   * The width the widest of these places needs, shown as {@link PlaceCell}s show them; nothing
   * before a cell has been styled. Only the longest few are measured: a picture may have tens of
   * thousands of findings, and lines of about one length are about as wide.
   */
  private double widest(List<String> places) {
    if (placeFont == null || places.isEmpty()) {
      return 0;
    }
    int longest = 0;
    for (String place : places) {
      longest = Math.max(longest, longestLine(place));
    }
    MEASURE.setFont(placeFont);
    double widest = 0;
    int measured = 0;
    for (String place : places) {
      if (measured == 16 || longestLine(place) < longest - 4) {
        continue;
      }
      measured++;
      for (String line : place.split("\n")) {
        MEASURE.setText(line);
        widest = Math.max(widest, MEASURE.getLayoutBounds().getWidth());
      }
    }
    return Math.ceil(widest + placePadding) + 2;
  }

  private static int longestLine(String place) {
    int cut = place.indexOf('\n');
    return cut < 0 ? place.length() : Math.max(cut, place.length() - cut - 1);
  }

  private static List<String> places(List<FindingRow> rows) {
    List<String> places = new ArrayList<>(rows.size());
    for (FindingRow r : rows) {
      places.add(twoLines(r.where()));
    }
    return places;
  }

  /**
   * {@code Pod order-5f7c9-x2k4q / envoy} as the pod's name on a line and its container on the
   * next. The words "Pod" and "ECS task" are left to the tooltip and the sentence, which say them
   * too: a task's id is long enough without them.
   */
  static String twoLines(String where) {
    int cut = where.lastIndexOf(" / ");
    if (cut < 0) {
      return where;
    }
    String box = where.substring(0, cut);
    for (String kind : BOX_KINDS) {
      if (box.startsWith(kind)) {
        box = box.substring(kind.length());
        break;
      }
    }
    return box + "\n" + where.substring(cut + 3);
  }

  /** How a single pod's or task's box title begins, before its name. */
  private static final List<String> BOX_KINDS = List.of("Pod ", "ECS task ");

  /** A row's tooltip: its whole place and sentence, which the columns cut, and its code. */
  private static String tip(FindingRow row) {
    return row.where() + "\n" + row.code() + ": " + row.message();
  }

  /**
   * Ctrl+Shift+F: the keys to the list, at the finding selected; with none, the first is selected
   * and its node picked, as N would, so that the next N goes on from there.
   */
  void takeFocus() {
    requestFocus();
    if (getItems().isEmpty()) {
      return;
    }
    if (getSelectionModel().isEmpty()) {
      step(1);
    } else {
      getFocusModel().focus(getSelectionModel().getSelectedIndex());
    }
  }

  /**
   * N and Shift+N: selects the finding {@code by} rows after the one selected (before it, when
   * negative), round from the last to the first, scrolls it into view, and picks its node as a
   * click would. With none selected, N starts at the first finding and Shift+N at the last.
   */
  void step(int by) {
    int size = getItems().size();
    if (size == 0) {
      return;
    }
    int from = getSelectionModel().getSelectedIndex();
    int to = from < 0 ? (by > 0 ? 0 : size - 1) : Math.floorMod(from + by, size);
    getSelectionModel().clearAndSelect(to);
    getFocusModel().focus(to);
    // The flow scrolls only as far as it needs to; the table's own scrollTo puts the row on top.
    if (lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
      flow.scrollTo(to);
    } else {
      scrollTo(to);
    }
    onPick.accept(getItems().get(to).nodeId());
  }

  void onPick(Consumer<Optional<String>> handler) {
    this.onPick = handler;
  }

  /**
   * The findings of a picture that holds {@code workloads} workloads, worst first. Rows that only
   * add to those shown (the next slice of the same findings) are appended: the rows already made
   * keep their findings and are not laid out again.
   */
  void show(List<FindingRow> rows, int workloads) {
    placeholder.setText(workloads == 0 ? NOTHING_WATCHED : ALL_HEALTHY);
    javafx.collections.ObservableList<FindingRow> items = getItems();
    // The place's column as wide as the widest place, measured before the rows show, so that it
    // does not change width under them; narrower again when another picture's places are.
    if (startsWith(rows, items)) {
      List<FindingRow> added = rows.subList(items.size(), rows.size());
      placeNeeds.set(Math.max(placeNeeds.get(), widest(places(added))));
      items.addAll(added);
    } else {
      placeNeeds.set(widest(places(rows)));
      items.setAll(rows);
    }
    if (!worstFirst()) {
      sort();
    }
  }

  /** Whether {@code rows} begins with exactly the findings in {@code shown}. */
  private static boolean startsWith(List<FindingRow> rows, List<FindingRow> shown) {
    if (shown.isEmpty() || shown.size() > rows.size()) {
      return false;
    }
    for (int i = 0; i < shown.size(); i++) {
      if (rows.get(i) != shown.get(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the table is sorted as findings come: by severity alone, worst first. */
  private boolean worstFirst() {
    return getSortOrder().size() == 1
        && getSortOrder().get(0) == severity
        && severity.getSortType() == TableColumn.SortType.ASCENDING;
  }
}
