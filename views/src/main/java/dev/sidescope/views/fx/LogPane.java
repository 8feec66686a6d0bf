package dev.sidescope.views.fx;

import dev.sidescope.topology.logs.LogStreamState;
import dev.sidescope.views.TextClipboard;
import dev.sidescope.views.console.ConsoleKeys;
import dev.sidescope.views.console.LogLineDetails;
import dev.sidescope.views.console.LogStreamRow;
import dev.sidescope.views.console.LogViewModel;
import dev.sidescope.views.logs.LineFacts;
import dev.sidescope.views.logs.LogList;
import dev.sidescope.views.logs.ShownLine;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Logs tab (and a detached logs window): a header row per stream — its colour, where it stands,
 * the source's sentence, "Previous run" for a container that restarted — then the lines, merged by
 * time in one virtualized list or in a narrow list per container, and under them the fields of the
 * line selected, with its trace id as a link to the Traffic tab.
 *
 * <p>Binds to a {@link LogViewModel} and does nothing else. Lines reach it on the pulse: the
 * source's first write after a drain asks (once) for pulses; each pulse the model drains at most
 * {@link LogViewModel#LINES_PER_PULSE} lines and hands one edit, applied to the list's items in
 * place; pulses stop when nothing waits. Only the visible lines have cells. FX thread only.
 */
final class LogPane extends VBox {
  /** A row's height without wrapping: a fixed height lets the list skip measuring cells. */
  static final double ROW = 20;

  /**
   * Stream colours, readable on the light and the dark theme, none of them red or amber, which mean
   * errors and warnings; a stream keeps its own.
   */
  static final List<String> PALETTE =
      List.of(
          "#1f6feb", "#1a7f37", "#8250df", "#0b7285", "#bf3989", "#6e5494", "#0550ae", "#57606a");

  private final LogViewModel model;
  private final TextClipboard clipboard;
  private final LogItems items = new LogItems();
  private final Label heading = new Label();
  private final Label counts = new Label();
  private final Label absent = new Label();
  private final VBox streams = new VBox(2);
  private final ToggleButton follow = new ToggleButton("Follow");
  private final TextField search = new TextField();
  private final Button previous = new Button("↑");
  private final Button next = new Button("↓");
  private final Label found = new Label();
  private final TextField time = new TextField();
  private final ToggleButton wrap = new ToggleButton("Wrap");
  private final ToggleButton columns = new ToggleButton("Columns");
  private final ToggleButton reveal = new ToggleButton("Reveal secrets");
  private final Button detach = new Button("Window");
  private final ListView<ShownLine> lines = new ListView<>(items);
  private final HBox columnBox = new HBox(4);
  private final List<ListView<ShownLine>> columnLists = new ArrayList<>();
  private final StackPane body = new StackPane();
  private final Label detailsHead = new Label();
  private final FlowPane fields = new FlowPane(8, 2);
  private final Hyperlink trace = new Hyperlink();
  private final VBox details;
  private final VBox shown;
  private final AnimationTimer pulses =
      new AnimationTimer() {
        @Override
        public void handle(long now) {
          if (!model.pulse()) {
            stop();
            running = false;
          }
        }
      };
  private boolean running;
  private boolean scrolling;
  private Consumer<LogViewModel> onDetach = d -> {};

  LogPane(LogViewModel model, TextClipboard clipboard, boolean detachable) {
    this.model = model;
    this.clipboard = clipboard;
    setId("logs");
    setSpacing(6);
    setPadding(new Insets(8));
    getStyleClass().add("log-pane");

    heading.setId("logs-heading");
    heading.getStyleClass().add("title-4");
    heading.setMinWidth(0);
    counts.setId("logs-counts");
    counts.getStyleClass().add("text-muted");
    counts.setMinWidth(Region.USE_PREF_SIZE);
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox top = new HBox(8, heading, gap, counts);
    top.setAlignment(Pos.BASELINE_LEFT);
    absent.setId("logs-absent");
    absent.setWrapText(true);
    absent.getStyleClass().add("text-muted");
    streams.setId("logs-streams");

    follow.setId("logs-follow");
    follow.setTooltip(new Tooltip("Follow the newest line (End); scrolling up pauses"));
    follow.setOnAction(e -> setFollowing(follow.isSelected()));
    search.setId("logs-search");
    search.setPromptText("Search (/ or Ctrl+F)");
    HBox.setHgrow(search, Priority.ALWAYS);
    SideFields.clearsOnEscape(search);
    search.textProperty().addListener((o, before, after) -> model.searchFor(after));
    search.setOnAction(e -> jumpToMatch(true));
    search.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ENTER && e.isShiftDown()) {
            jumpToMatch(false);
            e.consume();
          } else if (e.getCode() == KeyCode.F3) {
            jumpToMatch(!e.isShiftDown());
            e.consume();
          }
        });
    previous.setId("logs-previous-match");
    next.setId("logs-next-match");
    previous.setTooltip(new Tooltip("Previous match (Shift+Enter, Shift+F3)"));
    next.setTooltip(new Tooltip("Next match (Enter, F3)"));
    previous.setOnAction(e -> jumpToMatch(false));
    next.setOnAction(e -> jumpToMatch(true));
    found.setId("logs-found");
    found.getStyleClass().add("text-muted");
    found.setMinWidth(Region.USE_PREF_SIZE);
    HBox searchRow = new HBox(4, follow, search, previous, next, found);
    searchRow.setAlignment(Pos.CENTER_LEFT);

    time.setId("logs-time");
    time.setPromptText("Go to 14:03:12");
    time.setTooltip(new Tooltip("Go to the first line at or after a time (Ctrl+G)"));
    time.setPrefColumnCount(9);
    time.setMinWidth(60);
    HBox.setHgrow(time, Priority.SOMETIMES);
    SideFields.clearsOnEscape(time);
    time.setOnAction(e -> model.jumpTo(time.getText()).ifPresent(this::reveal));
    wrap.setId("logs-wrap");
    wrap.setTooltip(new Tooltip("Wrap long lines (W)"));
    wrap.setOnAction(e -> model.setWrap(wrap.isSelected()));
    columns.setId("logs-columns");
    columns.setTooltip(new Tooltip("A column per container (K)"));
    columns.setOnAction(e -> model.setColumns(columns.isSelected()));
    reveal.setId("logs-reveal");
    reveal.setTooltip(
        new Tooltip("Show secrets as written, in this window only; never remembered"));
    reveal.setOnAction(e -> model.setRevealed(reveal.isSelected()));
    detach.setId("logs-detach");
    detach.setTooltip(new Tooltip("Open these logs in a window of their own (D)"));
    detach.setOnAction(e -> detachNow());
    detach.setVisible(detachable);
    detach.setManaged(detachable);
    for (ButtonBase b : List.of(wrap, columns, reveal, detach)) {
      b.setMinWidth(Region.USE_PREF_SIZE); // the time field gives way, never a button's words
    }
    HBox toolRow = new HBox(4, time, wrap, columns, reveal, detach);
    toolRow.setAlignment(Pos.CENTER_LEFT);

    lines.setId("logs-lines");
    configure(lines, true);
    columnBox.setId("logs-column-box");
    body.getChildren().addAll(lines, columnBox);
    VBox.setVgrow(body, Priority.ALWAYS);

    detailsHead.setId("logs-details-head");
    detailsHead.getStyleClass().add("text-muted");
    fields.setId("logs-fields");
    trace.setId("logs-trace");
    trace.setOnAction(
        e -> model.details().get().flatMap(d -> d.facts().traceId()).ifPresent(model::openTrace));
    details = new VBox(2, detailsHead, fields, trace);
    details.setId("logs-details");
    details.getStyleClass().add("log-details");
    details.setPadding(new Insets(4, 6, 4, 6));

    shown = new VBox(6, streams, searchRow, toolRow, body, details);
    VBox.setVgrow(shown, Priority.ALWAYS);
    getChildren().addAll(top, absent, shown);

    addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    bind();
  }

  /** Where the Window button (D) hands the detached view model. */
  void onDetach(Consumer<LogViewModel> value) {
    this.onDetach = value;
  }

  private void bind() {
    model.onWake(() -> Platform.runLater(this::wake));
    model.onEdit(this::apply);
    model.heading().bind(heading::setText);
    model.counts().bind(counts::setText);
    model
        .absent()
        .bind(
            a -> {
              absent.setText(a);
              shown(absent, !a.isEmpty());
              shown(shown, a.isEmpty());
            });
    model.streams().bind(this::showStreams);
    model
        .following()
        .bind(
            f -> {
              follow.setSelected(f);
              if (f) {
                scrollToEnd();
              }
            });
    model
        .wrap()
        .bind(
            w -> {
              wrap.setSelected(w);
              relayout();
            });
    model
        .columns()
        .bind(
            c -> {
              columns.setSelected(c);
              showColumns();
            });
    model
        .revealed()
        .bind(
            r -> {
              reveal.setSelected(r);
              relayout();
              showDetails(model.details().get());
            });
    model.search().listen(s -> relayout());
    model
        .found()
        .bind(
            f -> {
              found.setText(f);
              shown(found, !f.isEmpty());
            });
    model.details().bind(this::showDetails);
    items.reset(model.lines());
    wake();
  }

  // ---- lines, on the pulse

  /** A source wrote something: pulses until the model has drained it. */
  private void wake() {
    if (!running) {
      running = true;
      pulses.start();
    }
  }

  /** Stops asking for pulses, for a window that closes. */
  void stop() {
    pulses.stop();
    running = false;
  }

  private void apply(LogList.Edit e) {
    int firstShown = model.following().get() ? -1 : firstVisible(lines);
    items.apply(e);
    if (model.following().get()) {
      scrollToEnd();
    } else if (firstShown >= 0 && e.trimmed() > 0) {
      // Paused: the lines in view stay in view while older ones are trimmed from the top.
      scrolling = true;
      lines.scrollTo(Math.max(0, firstShown - e.trimmed()));
      scrolling = false;
    }
  }

  private void scrollToEnd() {
    if (items.isEmpty()) {
      return;
    }
    scrolling = true;
    lines.scrollTo(items.size() - 1);
    for (ListView<ShownLine> c : columnLists) {
      if (!c.getItems().isEmpty()) {
        c.scrollTo(c.getItems().size() - 1);
      }
    }
    scrolling = false;
  }

  private static int firstVisible(ListView<?> list) {
    VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
    if (flow == null) {
      return -1;
    }
    IndexedCell<?> cell = flow.getFirstVisibleCell();
    return cell == null ? -1 : cell.getIndex();
  }

  // ---- what a person does

  private void setFollowing(boolean on) {
    if (on) {
      model.follow();
    } else {
      model.pause();
    }
  }

  private void jumpToMatch(boolean forward) {
    model.nextMatch(forward).ifPresent(this::reveal);
  }

  /** Shows line {@code index}, selected, a few lines from the top. */
  private void reveal(int index) {
    scrolling = true;
    lines.getSelectionModel().clearAndSelect(index);
    lines.scrollTo(Math.max(0, index - 3));
    scrolling = false;
  }

  private void detachNow() {
    Optional<LogViewModel> d = model.detach();
    d.ifPresent(onDetach);
  }

  private void copySelected(ListView<ShownLine> from) {
    List<Integer> indexes = new ArrayList<>();
    if (from == lines) {
      indexes.addAll(lines.getSelectionModel().getSelectedIndices());
    } else if (from.getItems() instanceof FilteredList<ShownLine> f) {
      for (int i : from.getSelectionModel().getSelectedIndices()) {
        indexes.add(f.getSourceIndex(i));
      }
    }
    if (!indexes.isEmpty()) {
      clipboard.put(model.copy(indexes));
    }
  }

  /** The tab's keys, with the focus on its lines (the console leaves them to the tab). */
  private void onKey(KeyEvent e) {
    if (e.getTarget() instanceof TextField) {
      return;
    }
    boolean shortcut = e.isShortcutDown();
    KeyCode k = e.getCode();
    if ((k == KeyCode.SLASH || k == KeyCode.DIVIDE) && !shortcut || shortcut && k == KeyCode.F) {
      search.requestFocus();
      search.selectAll();
    } else if (shortcut && k == KeyCode.G) {
      time.requestFocus();
      time.selectAll();
    } else if (k == KeyCode.F3) {
      jumpToMatch(!e.isShiftDown());
    } else if (k == KeyCode.W && !shortcut) {
      model.setWrap(!model.wrap().get());
    } else if (k == KeyCode.K && !shortcut) {
      model.setColumns(!model.columns().get());
    } else if (k == KeyCode.D && !shortcut && detach.isManaged()) {
      detachNow();
    } else {
      return;
    }
    e.consume();
  }

  // ---- the lists

  private void configure(ListView<ShownLine> list, boolean merged) {
    list.getStyleClass().add("log-lines");
    list.setFixedCellSize(ROW);
    list.setCellFactory(v -> new LogCell(merged));
    list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    list.getProperties().put(ConsoleKeys.Focus.class, ConsoleKeys.Focus.LOG_LINES);
    list.getSelectionModel()
        .selectedIndexProperty()
        .addListener(
            (o, before, after) -> {
              int i = after.intValue();
              if (i >= 0 && list.getItems() instanceof FilteredList<ShownLine> f) {
                i = f.getSourceIndex(i);
              }
              model.select(i);
            });
    // Scrolling up, or going up by key, pauses; End follows again.
    list.addEventFilter(
        ScrollEvent.SCROLL,
        e -> {
          if (e.getDeltaY() > 0) {
            model.pause();
          }
        });
    list.addEventFilter(
        MouseEvent.MOUSE_PRESSED,
        e -> {
          if (model.following().get() && !scrolling) {
            model.pause();
          }
        });
    list.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          switch (e.getCode()) {
            case END -> {
              model.follow();
              e.consume();
            }
            case UP, KP_UP, PAGE_UP, HOME -> model.pause();
            case C -> {
              if (e.isShortcutDown()) {
                copySelected(list);
                e.consume();
              }
            }
            default -> {}
          }
        });
  }

  private void relayout() {
    boolean w = model.wrap().get();
    for (ListView<ShownLine> l : allLists()) {
      if (w) {
        l.setFixedCellSize(-1);
      } else {
        l.setFixedCellSize(ROW);
      }
      l.refresh();
    }
  }

  private List<ListView<ShownLine>> allLists() {
    List<ListView<ShownLine>> all = new ArrayList<>(columnLists);
    all.add(0, lines);
    return all;
  }

  private void showColumns() {
    boolean on = model.columns().get();
    lines.setVisible(!on);
    columnBox.setVisible(on);
    rebuildColumns();
  }

  private List<String> columnKeys = List.of();

  /** A narrow list per stream, each a filtered view of the merged lines. */
  private void rebuildColumns() {
    if (!model.columns().get()) {
      columnBox.getChildren().clear();
      columnLists.clear();
      columnKeys = List.of();
      return;
    }
    List<LogStreamRow> rows = model.streams().get();
    List<String> keys = rows.stream().map(LogStreamRow::label).toList();
    if (keys.equals(columnKeys)) {
      return;
    }
    columnKeys = keys;
    columnBox.getChildren().clear();
    columnLists.clear();
    for (LogStreamRow r : rows) {
      FilteredList<ShownLine> only = new FilteredList<>(items, l -> l.stream().equals(r.stream()));
      ListView<ShownLine> list = new ListView<>(only);
      list.setId("logs-column-" + r.stream().container());
      configure(list, false);
      list.setFixedCellSize(model.wrap().get() ? -1 : ROW);
      Label title = new Label(r.label());
      title.setStyle("-fx-text-fill: " + colour(r.colour()) + "; -fx-font-weight: bold;");
      title.setMinWidth(0);
      title.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
      VBox column = new VBox(2, title, list);
      VBox.setVgrow(list, Priority.ALWAYS);
      column.setMinWidth(120);
      HBox.setHgrow(column, Priority.ALWAYS);
      column.setPrefWidth(10);
      columnLists.add(list);
      columnBox.getChildren().add(column);
    }
    if (model.following().get()) {
      scrollToEnd();
    }
  }

  // ---- header and details

  private void showStreams(List<LogStreamRow> rows) {
    streams.getChildren().clear();
    for (LogStreamRow r : rows) {
      Region swatch = new Region();
      swatch.setMinSize(10, 10);
      swatch.setMaxSize(10, 10);
      swatch.setStyle(
          "-fx-background-color: " + colour(r.colour()) + "; -fx-background-radius: 2;");
      Label name = new Label(r.label());
      name.setStyle("-fx-font-weight: bold;");
      name.setMinWidth(Region.USE_PREF_SIZE);
      Label phase = new Label(r.phaseText());
      phase
          .getStyleClass()
          .addAll("log-phase", "log-phase-" + r.phase().name().toLowerCase(Locale.ROOT));
      phase.setMinWidth(Region.USE_PREF_SIZE);
      // A live stream's chip says all there is; its sentence stays in the tooltip.
      boolean plain =
          r.phase() == LogStreamState.Phase.LIVE || r.sentence().equalsIgnoreCase(r.phase().name());
      Label sentence = new Label(plain ? "" : r.sentence());
      sentence.getStyleClass().add("text-muted");
      sentence.setMinWidth(0);
      sentence.setTooltip(new Tooltip(r.sentence()));
      HBox.setHgrow(sentence, Priority.ALWAYS);
      HBox row = new HBox(6, swatch, name, phase, sentence);
      row.setAlignment(Pos.CENTER_LEFT);
      row.getStyleClass().add("log-stream-row");
      if (r.previousRun()) {
        Button prev = new Button("Previous run");
        prev.setId("logs-previous-" + r.stream().container());
        prev.getStyleClass().add("small");
        prev.setMinWidth(Region.USE_PREF_SIZE);
        prev.setTooltip(
            new Tooltip("Show what " + r.stream().container() + " wrote before it last restarted"));
        prev.setOnAction(e -> model.showPrevious(r.stream().container()));
        row.getChildren().add(prev);
      }
      streams.getChildren().add(row);
    }
    rebuildColumns();
  }

  private void showDetails(Optional<LogLineDetails> d) {
    fields.getChildren().clear();
    if (d.isEmpty()) {
      detailsHead.setText("Select a line to see its fields; Ctrl+C copies the lines selected.");
      shown(fields, false);
      shown(trace, false);
      return;
    }
    LogLineDetails v = d.get();
    LineFacts f = v.facts();
    detailsHead.setText(v.time() + "  ·  " + v.label() + "  ·  " + f.format());
    for (Map.Entry<String, String> e : f.fields().entrySet()) {
      Label k = new Label(e.getKey() + "=");
      k.getStyleClass().add("text-muted");
      Label val = new Label(shownField(e.getKey(), e.getValue()));
      val.setStyle("-fx-font-family: monospace;");
      fields.getChildren().add(new HBox(0, k, val));
    }
    shown(fields, !f.fields().isEmpty());
    f.traceId().ifPresent(t -> trace.setText("Open trace " + t + " in Traffic"));
    shown(trace, f.traceId().isPresent());
  }

  /**
   * A field's value as shown: masked with its name beside it, since a value alone ({@code hunter2})
   * says nothing of being a password; as written once secrets are revealed.
   */
  private String shownField(String name, String value) {
    if (model.revealed().get()) {
      return value;
    }
    String pair = name + "=" + value;
    String masked = model.text().mask(pair);
    return masked.startsWith(name + "=") ? masked.substring(name.length() + 1) : masked;
  }

  private static void shown(Node n, boolean on) {
    n.setVisible(on);
    n.setManaged(on);
  }

  static String colour(int index) {
    return PALETTE.get(Math.floorMod(index, PALETTE.size()));
  }

  // ---- for tests and the benchmark

  ListView<ShownLine> lineList() {
    return lines;
  }

  List<ListView<ShownLine>> columnLists() {
    return columnLists;
  }

  TextField searchField() {
    return search;
  }

  TextField timeField() {
    return time;
  }

  LogViewModel model() {
    return model;
  }

  /** Moves the focus to the lines, for a person who asked for the logs by key. */
  void focusLines() {
    lines.requestFocus();
  }

  /** One line: its time, its stream (in the stream's colour, in the merged list), its text. */
  private final class LogCell extends ListCell<ShownLine> {
    private final boolean merged;
    private final Label when = new Label();
    private final Label whose = new Label();
    private final Label text = new Label();
    private final HBox box;

    LogCell(boolean merged) {
      this.merged = merged;
      when.getStyleClass().add("log-time");
      when.setMinWidth(Region.USE_PREF_SIZE);
      whose.getStyleClass().add("log-whose");
      whose.setMinWidth(Region.USE_PREF_SIZE);
      text.getStyleClass().add("log-text");
      text.setMinWidth(0);
      HBox.setHgrow(text, Priority.ALWAYS);
      box = merged ? new HBox(6, when, whose, text) : new HBox(6, when, text);
      box.setAlignment(Pos.TOP_LEFT);
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(ShownLine l, boolean empty) {
      super.updateItem(l, empty);
      text.getStyleClass().removeAll(TONES);
      getStyleClass().removeAll("log-match", "log-note");
      if (empty || l == null) {
        setGraphic(null);
        return;
      }
      when.setText(TIME.format(l.time().atZone(ZoneId.systemDefault())));
      if (merged) {
        whose.setText(model.tag(l.stream()));
        whose.setStyle("-fx-text-fill: " + colour(l.colour()) + ";");
      }
      boolean revealed = model.revealed().get();
      String shownText = l.text(model.text(), revealed);
      text.setText(shownText);
      text.setWrapText(model.wrap().get());
      LineFacts f = l.facts(model.text());
      if (l.note()) {
        getStyleClass().add("log-note");
      } else if (f.serverError()) {
        text.getStyleClass().add("log-5xx");
      } else {
        switch (f.tone()) {
          case ERROR -> text.getStyleClass().add("log-error");
          case WARN -> text.getStyleClass().add("log-warn");
          case DIM -> text.getStyleClass().add("log-dim");
          default -> {}
        }
      }
      String q = model.search().get();
      if (!q.isEmpty() && LogList.holds(shownText, q)) {
        getStyleClass().add("log-match");
      }
      setGraphic(box);
    }
  }

  private static final List<String> TONES = List.of("log-error", "log-warn", "log-dim", "log-5xx");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

  /** For tests: how many cells the merged list has made. */
  int cellsMade() {
    return lines.lookupAll(".list-cell").size();
  }

  /** The index of the line first in view, or -1. */
  int firstInView() {
    return firstVisible(lines);
  }
}
