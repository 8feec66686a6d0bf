package dev.sidescope.views.fx;

import dev.sidescope.views.console.ConsoleKeys;
import dev.sidescope.views.console.Reply;
import dev.sidescope.views.console.TrafficViewModel;
import dev.sidescope.views.console.Waterfall;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One trace as a waterfall: a row per span, indented under its parent, its bar placed on the
 * trace's time line, its duration, HTTP status and failures; Enter or → shows a span's details, ←
 * hides them, Esc closes the trace. FX thread only.
 */
final class WaterfallPane extends VBox {
  private final TrafficViewModel model;
  private final Label title = new Label();
  private final Label message = new Label();
  // A read-only field, so that the id can be copied into the X-Ray console.
  private final TextField traceId = new TextField();
  private final ListView<Waterfall.Row> spans = new ListView<>();
  private Set<String> expanded = Set.of();
  private Runnable onClose = () -> {};

  WaterfallPane(TrafficViewModel model) {
    super(6);
    this.model = model;
    setId("waterfall");
    setPadding(new Insets(10));
    Button close = new Button("← Traces");
    close.setId("waterfall-close");
    close.setOnAction(e -> close());
    close.setMinWidth(Region.USE_PREF_SIZE);
    title.setId("waterfall-title");
    title.getStyleClass().add("title-4");
    title.setWrapText(true);
    title.setMinWidth(0);
    HBox header = new HBox(8, close, title);
    header.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(title, Priority.ALWAYS);
    traceId.setId("waterfall-trace-id");
    traceId.setEditable(false);
    traceId.setFocusTraversable(false);
    traceId.getStyleClass().add("text-muted");
    traceId.setStyle("-fx-background-color: transparent; -fx-padding: 0;");
    Label hint = new Label("↑ ↓ move · Enter or → details · ← hide · Esc close");
    hint.getStyleClass().add("text-muted");
    message.setId("waterfall-message");
    message.setWrapText(true);
    spans.setId("waterfall-spans");
    spans.getProperties().put(ConsoleKeys.Focus.class, ConsoleKeys.Focus.TRACE_SPANS);
    spans.setCellFactory(v -> new SpanCell());
    VBox.setVgrow(spans, Priority.ALWAYS);
    spans.addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    getChildren().addAll(header, traceId, hint, message, spans);
    model.expanded().bind(this::expanded);
  }

  /** Called after Esc or "← Traces" closed the trace: where the focus goes next. */
  void onClose(Runnable then) {
    this.onClose = then;
  }

  void show(Reply<Waterfall> reply) {
    boolean ready = reply.value().isPresent();
    message.setText(reply.message());
    message.setVisible(!ready);
    message.setManaged(!ready);
    if (reply.message().isEmpty()) {
      message.getStyleClass().remove("danger");
    } else if (reply.state() == Reply.State.FAILED && !message.getStyleClass().contains("danger")) {
      message.getStyleClass().add("danger");
    }
    if (ready) {
      Waterfall w = reply.value().get();
      title.setText(w.title());
      traceId.setText(w.traceId());
      spans.getItems().setAll(w.rows());
      spans.getSelectionModel().select(0);
      spans.getFocusModel().focus(0);
      spans.scrollTo(0);
    } else {
      title.setText(reply.state() == Reply.State.FAILED ? "Trace" : "Opening…");
      traceId.setText("");
      spans.getItems().clear();
    }
  }

  /** Puts the keyboard on the spans. */
  void focusSpans() {
    spans.requestFocus();
  }

  private void expanded(Set<String> ids) {
    expanded = ids;
    spans.refresh();
  }

  private void close() {
    model.closeTrace();
    onClose.run();
  }

  private void onKey(KeyEvent e) {
    Waterfall.Row row = spans.getSelectionModel().getSelectedItem();
    switch (e.getCode()) {
      case ENTER -> {
        if (row != null) {
          model.toggleDetails(row.spanId());
        }
      }
      case RIGHT, KP_RIGHT -> {
        if (row != null) {
          model.setDetails(row.spanId(), true);
        }
      }
      case LEFT, KP_LEFT -> {
        if (row != null) {
          model.setDetails(row.spanId(), false);
        }
      }
      case ESCAPE -> close();
      default -> {
        return;
      }
    }
    e.consume();
  }

  TextField traceId() {
    return traceId;
  }

  ListView<Waterfall.Row> spans() {
    return spans;
  }

  private static String colour(Waterfall.Row r) {
    if (r.fault()) {
      return "-color-danger-emphasis";
    }
    if (r.throttle()) {
      return "#8957e5";
    }
    if (r.error()) {
      return "-color-warning-emphasis";
    }
    return r.segment() ? "-color-accent-emphasis" : "-color-success-emphasis";
  }

  /**
   * A span in two lines, so that a narrow side pane still reads: its name (indented under its
   * parent), status and duration; below, its bar on the trace's time line, which spans the whole
   * row for every span; then its details when shown.
   */
  private final class SpanCell extends ListCell<Waterfall.Row> {
    private final Label name = new Label();
    private final TrafficCharts.SpanBar bar = new TrafficCharts.SpanBar();
    private final Label duration = new Label();
    private final Label status = new Label();
    private final Label details = new Label();
    private final VBox box;

    SpanCell() {
      name.setMinWidth(0);
      name.setMaxWidth(Double.MAX_VALUE);
      HBox.setHgrow(name, Priority.ALWAYS);
      duration.setMinWidth(Region.USE_PREF_SIZE);
      status.setMinWidth(Region.USE_PREF_SIZE);
      HBox line = new HBox(10, name, status, duration);
      line.setAlignment(Pos.CENTER_LEFT);
      bar.setMaxWidth(Double.MAX_VALUE);
      bar.setPrefHeight(12);
      bar.setMinHeight(12);
      details.getStyleClass().add("text-muted");
      details.setWrapText(true);
      details.setMinHeight(Region.USE_PREF_SIZE);
      box = new VBox(1, line, bar);
      setPrefWidth(0); // the list's width, never wider: no horizontal scrolling
    }

    @Override
    protected void updateItem(Waterfall.Row r, boolean empty) {
      super.updateItem(r, empty);
      if (empty || r == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      name.setText(r.name());
      name.setPadding(new Insets(0, 0, 0, 14 * r.depth()));
      name.setStyle(r.segment() ? "-fx-font-weight: bold;" : "");
      bar.show(r.left(), r.width(), colour(r));
      duration.setText(r.duration());
      duration.setStyle("-fx-font-weight: bold;");
      String flags = r.flags();
      status.setText(
          r.status().isEmpty() ? flags : flags.isEmpty() ? r.status() : r.status() + " " + flags);
      status.setStyle(r.failed() ? "-fx-text-fill: -color-danger-fg;" : "");
      boolean open = expanded.contains(r.spanId());
      details.setText(String.join("\n", r.details()));
      details.setPadding(new Insets(2, 0, 4, 14 * r.depth() + 12));
      if (open && !box.getChildren().contains(details)) {
        box.getChildren().add(details);
      } else if (!open) {
        box.getChildren().remove(details);
      }
      setText(null);
      setGraphic(box);
    }
  }
}
