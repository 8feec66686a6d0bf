package dev.sidescope.views.fx;

import dev.sidescope.views.TextClipboard;
import dev.sidescope.views.console.ConsoleKeys;
import dev.sidescope.views.console.EventRow;
import dev.sidescope.views.console.EventsViewModel;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Events tab: what is read and what its source says; above the events, one sentence per
 * container that is not ready or restarted (why, since when); then the events newest first, each
 * with when, its reason, what it is about, how often, and the platform's words wrapped to the
 * pane's width, warnings in the warning colour. Ctrl+C copies the events selected.
 *
 * <p>Binds to an {@link EventsViewModel} and does nothing else. FX thread only.
 */
final class EventsPane extends VBox {
  private final EventsViewModel model;
  private final Label heading = new Label();
  private final Label state = new Label();
  private final Label absent = new Label();
  private final VBox why = new VBox(2);
  private final CheckBox reveal = new CheckBox("Show secrets");
  private final ListView<EventRow> rows = new ListView<>();

  EventsPane(EventsViewModel model, TextClipboard clipboard) {
    this.model = model;
    setId("events");
    setSpacing(6);
    setPadding(new Insets(8));
    getStyleClass().add("events-pane");

    heading.setId("events-heading");
    heading.getStyleClass().add("title-4");
    heading.setMinWidth(0);
    heading.setWrapText(true);
    heading.setMinHeight(Region.USE_PREF_SIZE);
    state.setId("events-state");
    state.getStyleClass().add("text-muted");
    state.setWrapText(true);
    state.setMinHeight(Region.USE_PREF_SIZE);
    absent.setId("events-absent");
    absent.setWrapText(true);
    absent.getStyleClass().add("text-muted");
    why.setId("events-why");
    why.getStyleClass().add("events-why");

    reveal.setId("events-reveal");
    reveal.setTooltip(
        new Tooltip("Show secrets in messages as written, in this window only; never remembered"));
    reveal.setOnAction(e -> model.setRevealed(reveal.isSelected()));
    reveal.setMinWidth(Region.USE_PREF_SIZE);
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox.setHgrow(state, Priority.SOMETIMES);
    HBox stateRow = new HBox(8, state, gap, reveal);
    stateRow.setAlignment(Pos.BASELINE_LEFT);

    rows.setId("events-rows");
    rows.getStyleClass().add("events-rows");
    rows.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    rows.getProperties().put(ConsoleKeys.Focus.class, ConsoleKeys.Focus.EVENT_ROWS);
    rows.setCellFactory(l -> new EventCell(l));
    rows.setPlaceholder(new Label("No events: the platform has said nothing of it lately."));
    VBox.setVgrow(rows, Priority.ALWAYS);
    rows.addEventHandler(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.C && e.isShortcutDown()) {
            clipboard.put(model.copy(List.copyOf(rows.getSelectionModel().getSelectedIndices())));
            e.consume();
          }
        });

    getChildren().addAll(heading, stateRow, absent, why, rows);
    bind();
  }

  private void bind() {
    model.heading().bind(heading::setText);
    model.state().bind(state::setText);
    model
        .absent()
        .bind(
            a -> {
              absent.setText(a);
              absent.setVisible(!a.isEmpty());
              absent.setManaged(!a.isEmpty());
              rows.setVisible(a.isEmpty());
              rows.setManaged(a.isEmpty());
            });
    model
        .why()
        .bind(
            sentences -> {
              why.getChildren()
                  .setAll(
                      sentences.stream()
                          .map(
                              s -> {
                                Label l = new Label(s);
                                l.setWrapText(true);
                                l.setMinHeight(Region.USE_PREF_SIZE);
                                l.getStyleClass().add("events-why-line");
                                return l;
                              })
                          .toList());
              why.setVisible(!sentences.isEmpty());
              why.setManaged(!sentences.isEmpty());
            });
    model
        .rows()
        .bind(
            r -> {
              rows.getItems().setAll(r);
              // Cells kept from the list before keep the heights of their old rows; wrapped rows
              // of a new length need them measured again. Lists come a few times a minute.
              rows.refresh();
            });
    model.revealed().bind(reveal::setSelected);
  }

  /** Moves the focus to the events, so the arrows walk them and Ctrl+C copies them. */
  void focusRows() {
    rows.requestFocus();
    if (rows.getSelectionModel().isEmpty() && !rows.getItems().isEmpty()) {
      rows.getSelectionModel().select(0);
    }
  }

  ListView<EventRow> rows() {
    return rows;
  }

  /** One event: a line of when, reason, what and how often; below, the message, wrapped. */
  private static final class EventCell extends ListCell<EventRow> {
    private final Label when = new Label();
    private final Label reason = new Label();
    private final Label about = new Label();
    private final Label times = new Label();
    private final Label message = new Label();
    private final VBox box;

    EventCell(ListView<EventRow> list) {
      when.getStyleClass().add("event-when");
      reason.getStyleClass().add("event-reason");
      about.getStyleClass().add("event-about");
      times.getStyleClass().add("event-times");
      message.getStyleClass().add("event-message");
      message.setWrapText(true);
      message.setMinHeight(Region.USE_PREF_SIZE);
      // When and why on the first line, what it is about and how often on the second: each short
      // enough to stay whole at the side pane's width.
      HBox first = new HBox(8, when, reason);
      first.setAlignment(Pos.BASELINE_LEFT);
      HBox second = new HBox(8, about, times);
      second.setAlignment(Pos.BASELINE_LEFT);
      VBox line = new VBox(0, first, second);
      box = new VBox(1, line, message);
      box.setMinHeight(Region.USE_PREF_SIZE);
      // Should a row ever be measured short, it is cut at its foot rather than drawn over the one
      // above.
      setAlignment(Pos.TOP_LEFT);
      // Wrap to the list's width, less its scroll bar and the cell's padding, so that a row's
      // height is measured at the width it is drawn at.
      box.prefWidthProperty().bind(list.widthProperty().subtract(28));
      box.maxWidthProperty().bind(box.prefWidthProperty());
      message.prefWidthProperty().bind(box.prefWidthProperty());
      message.maxWidthProperty().bind(box.prefWidthProperty());
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(EventRow row, boolean empty) {
      super.updateItem(row, empty);
      getStyleClass().removeAll("event-warning", "event-normal", "event-selected");
      if (empty || row == null) {
        setGraphic(null);
        setTooltip(null);
        return;
      }
      when.setText(row.when());
      reason.setText(row.reason());
      about.setText(row.about());
      times.setText(row.times());
      message.setText(row.message());
      getStyleClass().add(row.warning() ? "event-warning" : "event-normal");
      if (row.selected()) {
        getStyleClass().add("event-selected");
      }
      setGraphic(box);
    }
  }
}
