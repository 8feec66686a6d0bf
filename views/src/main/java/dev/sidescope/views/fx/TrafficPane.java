package dev.sidescope.views.fx;

import dev.sidescope.topology.source.TraceQueries.TraceFilter;
import dev.sidescope.views.console.CallRow;
import dev.sidescope.views.console.ConsoleKeys;
import dev.sidescope.views.console.Reply;
import dev.sidescope.views.console.Sparkline;
import dev.sidescope.views.console.TraceRow;
import dev.sidescope.views.console.TrafficFigures;
import dev.sidescope.views.console.TrafficOverview;
import dev.sidescope.views.console.TrafficViewModel;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Traffic tab: the figures of the service (or one of its calls) over the tracing window, its
 * response-time histogram, its p99 and requests over the last half hour, its calls, and its slowest
 * and failed traces, one of which opens as a {@link WaterfallPane}. Binds to a {@link
 * TrafficViewModel} and does nothing else: each snapshot changes texts and bars in place, so the
 * tab neither flickers nor loses its scroll. FX thread only.
 */
final class TrafficPane extends StackPane {
  private static final double CALL_ROW = 30;
  private static final double TRACE_ROW = 30;

  private final TrafficViewModel model;
  private final VBox content = new VBox(8);
  private final ScrollPane scroll = new ScrollPane(content);
  private final Label heading = new Label();
  private final Hyperlink back = new Hyperlink();
  private final Label summary = new Label();
  private final Label note = new Label();
  private final Label p50 = figure();
  private final Label p90 = figure();
  private final Label p99 = figure();
  private final Label ok = new Label();
  private final Label errors = new Label();
  private final Label faults = new Label();
  private final Label throttles = new Label();
  private final TrafficCharts.Histogram histogram = new TrafficCharts.Histogram();
  private final Label shortest = muted();
  private final Label longest = muted();
  private final VBox figures;
  private final Label historyMessage = new Label();
  private final Label p99Title = muted();
  private final Label requestsTitle = muted();
  private final TrafficCharts.Line p99Line = new TrafficCharts.Line();
  private final TrafficCharts.Line requestsLine = new TrafficCharts.Line();
  private final VBox lines;
  private final Label callsHeading = heading("Calls");
  private final Label callsHint = muted();
  private final ListView<CallRow> calls = new ListView<>();
  private final ToggleButton slowest = new ToggleButton("Slowest");
  private final ToggleButton failed = new ToggleButton("Failed");
  private final Label tracesMessage = new Label();
  private final ListView<TraceRow> traces = new ListView<>();
  private final WaterfallPane waterfall;

  TrafficPane(TrafficViewModel model) {
    this.model = model;
    setId("traffic");
    this.waterfall = new WaterfallPane(model);
    waterfall.onClose(traces::requestFocus);

    heading.setId("traffic-heading");
    heading.getStyleClass().add("title-4");
    heading.setWrapText(true);
    back.setId("traffic-back");
    back.setOnAction(e -> model.backToService());
    summary.setId("traffic-summary");
    summary.setWrapText(true);
    summary.getStyleClass().add("text-muted");
    note.setId("traffic-note");
    note.setWrapText(true);
    note.getStyleClass().add("text-muted");

    p50.setId("traffic-p50");
    p90.setId("traffic-p90");
    p99.setId("traffic-p99");
    HBox percentiles = new HBox(18, tile(p50, "p50"), tile(p90, "p90"), tile(p99, "p99"));
    ok.setId("traffic-ok");
    errors.setId("traffic-errors");
    faults.setId("traffic-faults");
    throttles.setId("traffic-throttles");
    ok.setStyle("-fx-text-fill: -color-success-fg;");
    HBox outcomes = new HBox(14, ok, errors, faults, throttles);
    Region spring = new Region();
    HBox.setHgrow(spring, Priority.ALWAYS);
    HBox axis = new HBox(shortest, spring, longest);
    figures = new VBox(6, percentiles, outcomes, heading("Response times"), histogram, axis);
    figures.setId("traffic-figures");

    historyMessage.setId("traffic-history-message");
    historyMessage.setWrapText(true);
    historyMessage.getStyleClass().add("text-muted");
    p99Line.setId("traffic-p99-line");
    requestsLine.setId("traffic-requests-line");
    lines = new VBox(4, p99Title, p99Line, requestsTitle, requestsLine);

    callsHint.setText("Enter or a double-click shows one call alone.");
    callsHint.setWrapText(true);
    calls.setId("traffic-calls");
    calls.setFixedCellSize(CALL_ROW);
    calls.setCellFactory(v -> new CallCell());
    calls.getProperties().put(ConsoleKeys.Focus.class, ConsoleKeys.Focus.SIDE_LIST);
    pickWith(calls, c -> model.chooseCall(c.subject()));

    ToggleGroup which = new ToggleGroup();
    slowest.setToggleGroup(which);
    failed.setToggleGroup(which);
    slowest.setId("traffic-slowest");
    failed.setId("traffic-failed");
    slowest.setOnAction(e -> pick(TraceFilter.SLOWEST));
    failed.setOnAction(e -> pick(TraceFilter.FAILED));
    HBox filters = new HBox(0, slowest, failed);
    slowest.getStyleClass().add("left-pill");
    failed.getStyleClass().add("right-pill");
    Label tracesHint = muted();
    tracesHint.setText("Enter or a double-click opens a trace as a waterfall.");
    tracesHint.setWrapText(true);
    slowest.setMinWidth(Region.USE_PREF_SIZE);
    failed.setMinWidth(Region.USE_PREF_SIZE);
    Label tracesHeading = heading("Traces");
    tracesHeading.setMinWidth(Region.USE_PREF_SIZE);
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox tracesHeader = new HBox(10, tracesHeading, gap, filters);
    tracesHeader.setAlignment(Pos.BOTTOM_LEFT);
    tracesMessage.setId("traffic-traces-message");
    tracesMessage.setWrapText(true);
    traces.setId("traffic-traces");
    traces.setFixedCellSize(TRACE_ROW);
    traces.setPrefHeight(TRACE_ROW * 8 + 4);
    traces.setMinHeight(TRACE_ROW * 3 + 4);
    traces.setCellFactory(v -> new TraceCell());
    traces.getProperties().put(ConsoleKeys.Focus.class, ConsoleKeys.Focus.SIDE_LIST);
    pickWith(traces, t -> open(t.id()));

    content.setPadding(new Insets(10));
    content
        .getChildren()
        .addAll(
            heading,
            back,
            summary,
            note,
            figures,
            heading("Last 30 minutes"),
            historyMessage,
            lines,
            callsHeading,
            callsHint,
            calls,
            tracesHeader,
            tracesHint,
            tracesMessage,
            traces);
    scroll.setFitToWidth(true);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    scroll.setId("traffic-scroll");
    getChildren().addAll(scroll, waterfall);
    waterfall.setVisible(false);

    model.overview().bind(this::showOverview);
    model.history().bind(this::showHistory);
    model.filter().bind(f -> which.selectToggle(f == TraceFilter.SLOWEST ? slowest : failed));
    model.traces().bind(this::showTraces);
    model.trace().bind(this::showTrace);
  }

  // ---- from the view model

  private void showOverview(Optional<TrafficOverview> o) {
    if (o.isEmpty()) {
      heading.setText("No traffic");
      shown(back, false);
      summary.setText("Tracing knows nothing of this node.");
      shown(note, false);
      shown(figures, false);
      calls.getItems().clear();
      shown(callsHeading, false);
      shown(callsHint, false);
      shown(calls, false);
      return;
    }
    TrafficOverview v = o.get();
    heading.setText(v.heading());
    shown(back, v.back().isPresent());
    v.back().ifPresent(s -> back.setText("← all of " + s));
    Optional<TrafficFigures> f = v.figures();
    summary.setText(f.map(TrafficFigures::summary).orElse(""));
    shown(summary, f.isPresent());
    note.setText(v.note());
    shown(note, f.isEmpty());
    shown(figures, f.isPresent());
    f.ifPresent(this::showFigures);
    if (!calls.getItems().equals(v.calls())) {
      CallRow picked = calls.getSelectionModel().getSelectedItem();
      calls.getItems().setAll(v.calls());
      reselect(calls, picked == null ? null : picked.subject(), CallRow::subject);
    }
    calls.setPrefHeight(Math.min(6, Math.max(1, v.calls().size())) * CALL_ROW + 4);
    shown(callsHeading, !v.calls().isEmpty());
    shown(callsHint, !v.calls().isEmpty());
    shown(calls, !v.calls().isEmpty());
  }

  private void showFigures(TrafficFigures f) {
    p50.setText(f.p50());
    p90.setText(f.p90());
    p99.setText(f.p99());
    ok.setText(f.ok() + " ok");
    errors.setText(f.errors() + (f.errors() == 1 ? " error" : " errors"));
    faults.setText(f.faults() + (f.faults() == 1 ? " fault" : " faults"));
    throttles.setText(f.throttles() + " throttled");
    errors.setStyle(f.errors() > 0 ? "-fx-text-fill: -color-warning-fg;" : "");
    faults.setStyle(f.faults() > 0 ? "-fx-text-fill: -color-danger-fg;" : "");
    throttles.setStyle(f.throttles() > 0 ? "-fx-text-fill: #8957e5;" : "");
    histogram.show(f.bars());
    shortest.setText(f.shortest());
    longest.setText(f.longest());
  }

  private void showHistory(Reply<List<Sparkline>> r) {
    Optional<List<Sparkline>> lineList = r.value();
    historyMessage.setText(r.message());
    danger(historyMessage, r.state() == Reply.State.FAILED);
    shown(historyMessage, lineList.isEmpty() && !r.message().isEmpty());
    shown(lines, lineList.isPresent());
    lineList.ifPresent(
        l -> {
          show(l.get(0), p99Title, p99Line);
          show(l.get(1), requestsTitle, requestsLine);
          if (l.get(0).points().isEmpty() && l.get(1).points().isEmpty()) {
            historyMessage.setText("No calls in the last 30 minutes.");
            shown(historyMessage, true);
          }
        });
  }

  private static void show(Sparkline s, Label title, TrafficCharts.Line line) {
    title.setText(s.title() + "   now " + s.latest() + " · peak " + s.peak());
    line.show(s.points());
  }

  private void showTraces(Reply<List<TraceRow>> r) {
    List<TraceRow> rows = r.value().orElse(List.of());
    String message = r.message();
    if (r.value().isPresent() && rows.isEmpty()) {
      message =
          model.filter().get() == TraceFilter.FAILED
              ? "No failed traces in the window."
              : "No traces in the window.";
    }
    tracesMessage.setText(message);
    danger(tracesMessage, r.state() == Reply.State.FAILED);
    shown(tracesMessage, !message.isEmpty());
    if (!traces.getItems().equals(rows)) {
      TraceRow picked = traces.getSelectionModel().getSelectedItem();
      traces.getItems().setAll(rows);
      reselect(traces, picked == null ? null : picked.id(), TraceRow::id);
    }
  }

  private void showTrace(Reply<dev.sidescope.views.console.Waterfall> r) {
    boolean open = r.state() != Reply.State.NONE;
    waterfall.show(r);
    waterfall.setVisible(open);
    scroll.setVisible(!open);
    if (open && r.value().isPresent()) {
      waterfall.focusSpans();
    }
  }

  // ---- what a person does

  private void pick(TraceFilter f) {
    model.showTraces(f);
  }

  private void open(String traceId) {
    model.openTrace(traceId);
    waterfall.focusSpans();
  }

  /** Enter or a double-click on a row picks it. */
  private static <T> void pickWith(ListView<T> list, Consumer<T> picked) {
    list.addEventHandler(
        KeyEvent.KEY_PRESSED,
        e -> {
          T item = list.getSelectionModel().getSelectedItem();
          if (e.getCode() == KeyCode.ENTER && item != null) {
            picked.accept(item);
            e.consume();
          }
        });
    list.addEventHandler(
        MouseEvent.MOUSE_CLICKED,
        e -> {
          T item = list.getSelectionModel().getSelectedItem();
          if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && item != null) {
            picked.accept(item);
          }
        });
  }

  private static <T> void reselect(
      ListView<T> list, String key, java.util.function.Function<T, String> keyOf) {
    if (key == null) {
      return;
    }
    for (int i = 0; i < list.getItems().size(); i++) {
      if (keyOf.apply(list.getItems().get(i)).equals(key)) {
        list.getSelectionModel().select(i);
        return;
      }
    }
  }

  // ---- small pieces

  private static void shown(Node n, boolean on) {
    n.setVisible(on);
    n.setManaged(on);
  }

  private static void danger(Label l, boolean on) {
    if (on && !l.getStyleClass().contains("danger")) {
      l.getStyleClass().add("danger");
    } else if (!on) {
      l.getStyleClass().remove("danger");
    }
  }

  private static Label figure() {
    Label l = new Label("–");
    l.getStyleClass().add("title-3");
    return l;
  }

  private static Label muted() {
    Label l = new Label();
    l.getStyleClass().add("text-muted");
    return l;
  }

  private static Label heading(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("text-bold");
    l.setPadding(new Insets(6, 0, 0, 0));
    return l;
  }

  private static VBox tile(Label value, String caption) {
    Label c = muted();
    c.setText(caption);
    return new VBox(0, value, c);
  }

  // ---- for tests

  WaterfallPane waterfall() {
    return waterfall;
  }

  ListView<TraceRow> traceList() {
    return traces;
  }

  ListView<CallRow> callList() {
    return calls;
  }

  TrafficCharts.Histogram histogram() {
    return histogram;
  }

  ScrollPane scroll() {
    return scroll;
  }

  /** A call: the service at the other end and its figures. */
  private static final class CallCell extends ListCell<CallRow> {
    private final Label other = new Label();
    private final Label figures = new Label();
    private final HBox box;

    CallCell() {
      other.setMinWidth(0);
      figures.getStyleClass().add("text-muted");
      figures.setMinWidth(Region.USE_PREF_SIZE);
      Region spring = new Region();
      HBox.setHgrow(spring, Priority.ALWAYS);
      box = new HBox(8, other, spring, figures);
      box.setAlignment(Pos.CENTER_LEFT);
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(CallRow c, boolean empty) {
      super.updateItem(c, empty);
      if (empty || c == null) {
        setGraphic(null);
        return;
      }
      other.setText(c.label());
      figures.setText(c.figures());
      figures.setStyle(
          switch (c.level()) {
            case BAD -> "-fx-text-fill: -color-danger-fg;";
            case WARN -> "-fx-text-fill: -color-warning-fg;";
            default -> "";
          });
      setGraphic(box);
    }
  }

  /** A trace: when, how long, how it ended, where it entered. */
  private static final class TraceCell extends ListCell<TraceRow> {
    private final Label time = new Label();
    private final Label duration = new Label();
    private final Label status = new Label();
    private final Label entry = new Label();
    private final HBox box;

    TraceCell() {
      time.getStyleClass().add("text-muted");
      time.setMinWidth(Region.USE_PREF_SIZE);
      duration.setMinWidth(64);
      duration.setAlignment(Pos.CENTER_RIGHT);
      duration.setStyle("-fx-font-weight: bold;");
      status.setMinWidth(80);
      entry.getStyleClass().add("text-muted");
      entry.setMinWidth(0);
      box = new HBox(10, time, duration, status, entry);
      box.setAlignment(Pos.CENTER_LEFT);
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(TraceRow t, boolean empty) {
      super.updateItem(t, empty);
      if (empty || t == null) {
        setGraphic(null);
        return;
      }
      time.setText(t.time());
      duration.setText(t.duration());
      status.setText(t.status().isEmpty() ? "ok" : t.status());
      status.setStyle(
          t.failed() ? "-fx-text-fill: -color-danger-fg;" : "-fx-text-fill: -color-success-fg;");
      entry.setText(t.entry());
      setGraphic(box);
    }
  }
}
