package dev.sidescope.views.fx;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.ExportFormat;
import dev.sidescope.views.TextClipboard;
import dev.sidescope.views.console.ConsoleAction;
import dev.sidescope.views.console.ConsoleKeys;
import dev.sidescope.views.console.ConsoleThreads;
import dev.sidescope.views.console.ConsoleViewModel;
import dev.sidescope.views.console.Drawing;
import dev.sidescope.views.console.LogViewModel;
import dev.sidescope.views.inspect.FindingRow;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.Navigation.Direction;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.sources.SourceCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The console window: builds the widgets — toolbar, picture, legend, source bar, side pane, status
 * line, empty state, keyboard help — and binds them to the {@link ConsoleViewModel}, which holds
 * the state and makes the decisions. Keys go through {@link ConsoleKeys} and come out as calls on
 * the view model, the picture or the {@link ExportActions}. It owns the threads the work runs on:
 * the layout on the {@link LayoutWorker}, settings and exports on an I/O thread, the source
 * catalog's calls on a thread of their own; pictures reach the FX thread finished, and the pieces
 * around them are added a few per pulse.
 *
 * <p>Create, use and close it on the FX thread.
 */
public final class ConsoleWindow {
  private final ConsoleOptions options;
  private final ExecutorService io = WorkerThreads.single("sidescope-console-io");
  // Reading the kubeconfig, listing clusters and connecting: off the FX thread, one at a time.
  private final ExecutorService sourcesWorker = WorkerThreads.single("sidescope-console-sources");
  private final ConsoleViewModel model;
  private final ConsoleKeys keys = new ConsoleKeys();
  private final ExportActions exports;

  private final BorderPane root = new BorderPane();
  private final TopologyView view;
  private final LayoutWorker worker;
  private final SourceBar sources = new SourceBar();
  private final PulseQueue later = new PulseQueue();
  private final SidePane side = new SidePane(later);
  private final LegendPane legend = new LegendPane();
  private final HelpOverlay help = new HelpOverlay();
  private final ConsoleToolBar toolBar;
  private final EmptyState nothingFound;
  private final Label status = new Label();
  private final Label counts = new Label();
  private final Label waiting = new Label("Waiting for the first snapshot…");

  private Stage stage;
  private List<FindingRow> findingsShown;
  private boolean closed;
  private SourcesDialog sourcesDialog;
  private final List<LogWindow> logWindows = new ArrayList<>();
  private final TextClipboard clipboard;

  /**
   * @param settingsProblem a sentence about an unusable settings file, shown once
   */
  public ConsoleWindow(
      ConsoleOptions options,
      SettingsStore store,
      ConsoleSettings settings,
      Optional<String> settingsProblem,
      Theme osTheme) {
    this.options = options;
    this.clipboard = options.clipboard().orElseGet(() -> ExportActions::toSystemClipboard);
    this.model =
        new ConsoleViewModel(
            options,
            store,
            settings,
            settingsProblem,
            osTheme,
            new ConsoleThreads(io, sourcesWorker, Platform::runLater));
    PicturePalette palette = palette(model.theme().get());
    applyTheme(model.theme().get());
    this.view = new TopologyView(palette);
    this.worker = new LayoutWorker(palette, this::onPicture, model::say);
    this.exports = new ExportActions(model, view, options, io, Platform::runLater, () -> stage);
    this.toolBar =
        new ConsoleToolBar(
            model, view, worker, exports, this::openSources, options.sources().isPresent());
    this.nothingFound = new EmptyState(model, this::openSources);
    build();
    bind();
  }

  /** The window's content, for a scene. */
  public Parent root() {
    return root;
  }

  /** Shows the window on a stage, where it was last time, and starts listening to the feed. */
  public void show(Stage target) {
    this.stage = target;
    Scene scene = new Scene(root, 1440, 900);
    scene.getStylesheets().add(css());
    target.setScene(scene);
    target.setTitle(model.title().get());
    Optional<ConsoleSettings.WindowBounds> last = model.settings().window();
    if (last.isPresent()) {
      target.setX(last.get().x());
      target.setY(last.get().y());
      target.setWidth(last.get().width());
      target.setHeight(last.get().height());
    } else {
      // First run: most of the screen, so the picture has room.
      Rectangle2D screen = Screen.getPrimary().getVisualBounds();
      target.setWidth(Math.round(screen.getWidth() * 0.9));
      target.setHeight(Math.round(screen.getHeight() * 0.9));
      target.setX(screen.getMinX() + screen.getWidth() * 0.05);
      target.setY(screen.getMinY() + screen.getHeight() * 0.05);
    }
    target.setMaximized(model.settings().maximized());
    scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKeyPressed);
    scene.addEventFilter(KeyEvent.KEY_TYPED, this::onKeyTyped);
    target.setOnHidden(e -> close());
    root.resize(scene.getWidth(), scene.getHeight());
    rehearse();
    target.show();
    // Keys go to the picture first; "/" moves to find.
    view.node().requestFocus();
    start();
  }

  /**
   * Before the window shows: applies a made-up large picture and draws it off screen, and makes,
   * styles and lays out a sample of each kind of row the first picture brings (findings rows,
   * legend rows, source chips), then drops them all. The first of each costs the FX thread tens of
   * milliseconds (its classes loaded, its styles looked up in the theme for the first time, its
   * code run cold); here that is spent before anything is on screen, instead of in the pulses that
   * bring the first picture. The made-up picture costs about 0.2 s here.
   */
  private void rehearse() {
    PicturePalette palette = palette(model.theme().get());
    side.findings().rehearse(root);
    legend.rehearse(root, palette);
    sources.rehearse(root);
    try {
      LaidOutPicture large = RehearsalPicture.make();
      view.rehearse(PictureParts.of(large, palette, Set.of()), palette);
      legend.rehearse(large, palette);
    } catch (RuntimeException e) {
      // Without it the first large picture only costs more to apply: the window still opens.
    }
  }

  /** Starts listening to the feed, in the remembered grouping. */
  public void start() {
    model.start(worker);
  }

  static String css() {
    return ConsoleWindow.class.getResource("console.css").toExternalForm();
  }

  // ---- building

  private void build() {
    VBox top = new VBox(toolBar, sources);
    VBox.setMargin(sources, new Insets(4, 8, 4, 8));
    root.setTop(top);

    // The picture's focus ring, reached by Tab: a frame over it, so that the picture itself
    // neither moves nor draws again when it shows.
    Region focusRing = new Region();
    focusRing.getStyleClass().add("picture-focus");
    focusRing.setMouseTransparent(true);
    focusRing.visibleProperty().bind(view.node().focusVisibleProperty());
    StackPane canvas = new StackPane(view.node(), focusRing, waiting, nothingFound, help);
    StackPane.setAlignment(help, Pos.CENTER);
    VBox.setVgrow(canvas, Priority.ALWAYS);
    // The legend sits under the picture, never over it.
    VBox picture = new VBox(canvas, legend);
    picture.setId("picture");
    waiting.getStyleClass().add("text-muted");
    waiting.setMouseTransparent(true);
    legend.setMouseTransparent(true);

    SplitPane main = new SplitPane(picture, side);
    main.setDividerPositions(0.66);
    SplitPane.setResizableWithParent(side, false);
    root.setCenter(main);

    status.setId("status");
    counts.setId("counts");
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox statusBar = new HBox(12, status, gap, counts);
    statusBar.setPadding(new Insets(3, 10, 3, 10));
    statusBar.getStyleClass().add("status-bar");
    root.setBottom(statusBar);
  }

  // ---- binding

  /** Controls show the view model's values, and what a person does with them goes back to it. */
  private void bind() {
    model.theme().listen(this::themeChanged);
    model.drawing().listen(d -> d.ifPresent(this::draw));
    model.selection().listen(view::select);
    view.onClick(model::clicked);
    view.onArrowClick(arrow -> model.clickedArrow(arrow.from(), arrow.to()));
    side.findings().onPick(id -> id.ifPresent(this::pick));
    // Several findings may be selected (Shift, Ctrl), to copy them together with Ctrl+C.
    side.findings()
        .getSelectionModel()
        .setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
    side.bindTraffic(model.traffic());
    side.bindProxies(model.proxies());
    side.bindLogs(model.logs(), clipboard, this::openLogWindow);
    side.bindEvents(model.events(), clipboard);
    side.onPreviousLogs(model::showPreviousLogs);
    side.onCopyCommand(exports::commandFor, exports::copyCommand);
    model.sidePane().bind(side::show);
    model.helpShown().bind(help::setShown);
    model.status().bind(status::setText);
    model.counts().bind(counts::setText);
    model.title().listen(t -> Optional.ofNullable(stage).ifPresent(s -> s.setTitle(t)));
    model.waiting().bind(waiting::setVisible);
    model.pausedLine().bind(sources::paused);
  }

  private void draw(Drawing d) {
    view.show(
        worker.prepared().parts(d.picture()),
        palette(d.theme()),
        d.dimmed(),
        d.hidden(),
        d.highlighted());
    view.select(model.selection().get());
  }

  private void themeChanged(Theme theme) {
    PicturePalette palette = palette(theme);
    worker.prepared().palette(palette);
    applyTheme(theme);
    model.shown().ifPresent(p -> legend.show(p, palette));
  }

  /** The picture's palette in a theme, styling measured arrows by the thresholds in settings. */
  private PicturePalette palette(Theme theme) {
    return PicturePalette.of(theme, model.trafficThresholds());
  }

  private void applyTheme(Theme theme) {
    Application.setUserAgentStylesheet(
        theme == Theme.DARK
            ? new PrimerDark().getUserAgentStylesheet()
            : new PrimerLight().getUserAgentStylesheet());
    root.getStyleClass().removeAll("theme-dark", "theme-light");
    root.getStyleClass().add("theme-" + theme.wireName());
  }

  // ---- applying pictures

  private void onPicture(LaidOutPicture picture) {
    if (closed) {
      return; // a hand-over already queued when the window closed: the viewer is gone
    }
    boolean fit = model.show(picture, worker.prepared().index(picture));
    // The picture first, alone in its pulse; the source chips, inspector and counts in the next,
    // then the findings rows and the legend, new nodes with a CSS pass each, a few at a time in
    // the pulses after it. The legend takes its new height now, with the picture, so that the
    // picture is not made smaller and drawn again as the legend's lines come in.
    legend.prepare(picture, palette(model.theme().get()));
    later.later("around", this::showAround);
    List<FindingRow> rows = worker.prepared().findings(picture);
    if (rows != findingsShown) {
      // A live update that changed only numbers usually keeps the very rows: nothing to show again.
      findingsShown = rows;
      side.showFindings(rows, picture.snapshot().workloads().size());
    }
    later.later("legend", this::fillLegend);
    if (fit) {
      view.fit();
    }
  }

  /** What stands around the picture shown: the source chips, the side pane, the counts. */
  private void showAround() {
    model.shown().ifPresent(p -> sources.show(p.snapshot(), Instant.now()));
    model.describeShown();
  }

  /** Legend rows made per pulse after a picture arrives. */
  private static final int LEGEND_SLICE = 2;

  private void fillLegend() {
    if (legend.addSome(LEGEND_SLICE)) {
      later.later("legend", this::fillLegend);
    }
  }

  /** Selects a node; optionally centres on it and shows it in the side pane. */
  void select(String id, boolean centre, boolean inspect) {
    model.select(id, inspect);
    if (centre) {
      view.centerOn(id);
    }
  }

  /** A finding picked in the list: its node, selected, centred and inspected. */
  private void pick(String id) {
    select(id, true, true);
  }

  // ---- keyboard

  /** Where the focus is, as far as keys care. */
  private ConsoleKeys.Focus focus() {
    Node focus = root.getScene().getFocusOwner();
    // A control may say which keys it keeps (the Traffic tab's lists and open trace, the Envoy
    // tab's table, lists and search fields).
    if (focus != null
        && focus.getProperties().get(ConsoleKeys.Focus.class) instanceof ConsoleKeys.Focus kept) {
      // A side search field keeps Esc only while it has text to clear.
      boolean empty = focus instanceof TextInputControl t && t.getText().isEmpty();
      return kept == ConsoleKeys.Focus.SIDE_FIELD && empty ? ConsoleKeys.Focus.TEXT_FIELD : kept;
    }
    if (focus instanceof TextInputControl) {
      return ConsoleKeys.Focus.TEXT_FIELD;
    } else if (focus instanceof TableView) {
      return ConsoleKeys.Focus.FINDINGS_TABLE;
    } else if (nothingFound.isChooseSources(focus)) {
      return ConsoleKeys.Focus.CHOOSE_SOURCES_BUTTON;
    } else if (focus != null && focus != view.node() && focus.isFocusVisible()) {
      // Reached by Tab: the arrows work the control. A control clicked with the mouse shows no
      // focus, and leaves them to the picture, as a person who just clicked "Fit" expects.
      return ConsoleKeys.Focus.CONTROL;
    }
    return ConsoleKeys.Focus.PICTURE;
  }

  private static ConsoleKeys.Stroke stroke(KeyEvent e) {
    return new ConsoleKeys.Stroke(
        e.getCode().name(), e.getCharacter(), e.isShiftDown(), e.isShortcutDown());
  }

  private void onKeyPressed(KeyEvent e) {
    keys.pressed(stroke(e), focus(), model.nothingFound().get()).ifPresent(a -> run(a, e));
  }

  private void onKeyTyped(KeyEvent e) {
    keys.typed(stroke(e), focus()).ifPresent(a -> run(a, e));
  }

  private void run(ConsoleAction action, KeyEvent e) {
    e.consume();
    switch (action) {
      case MOVE_LEFT -> model.move(Direction.LEFT).ifPresent(view::reveal);
      case MOVE_RIGHT -> model.move(Direction.RIGHT).ifPresent(view::reveal);
      case MOVE_UP -> model.move(Direction.UP).ifPresent(view::reveal);
      case MOVE_DOWN -> model.move(Direction.DOWN).ifPresent(view::reveal);
      case INSPECT -> model.inspect();
      case FIND -> toolBar.focusFind();
      case HELP -> model.toggleHelp();
      case GROUP_BY_POD -> model.setGrouping(Grouping.POD);
      case GROUP_BY_WORKLOAD -> model.setGrouping(Grouping.WORKLOAD);
      case GROUP_BY_SERVICE -> model.setGrouping(Grouping.SERVICE);
      case ZOOM_IN -> view.zoom(0.8);
      case ZOOM_OUT -> view.zoom(1 / 0.8);
      case FIT -> view.fit();
      case ACTUAL_SIZE -> view.actualSize();
      case REARRANGE -> worker.rearrange();
      case TOGGLE_THEME -> model.toggleTheme();
      case TOGGLE_PAUSE -> model.togglePause();
      case CHOOSE_SOURCES -> openSources();
      case SHOW_LOGS -> {
        model.showLogs();
        side.focusLogs();
      }
      case SHOW_EVENTS -> {
        model.showEvents();
        side.focusEvents();
      }
      case COPY_MERMAID -> exports.copyMermaid();
      case COPY_COMMAND -> exports.copyCommand();
      case COPY_FINDINGS ->
          exports.copyFindings(List.copyOf(side.findings().getSelectionModel().getSelectedItems()));
      case EXPORT_PNG -> exports.export(ExportFormat.PNG);
      case FOCUS_FINDINGS -> side.findings().takeFocus();
      case NEXT_FINDING -> side.findings().step(1);
      case PREVIOUS_FINDING -> side.findings().step(-1);
      case CLEAR -> {
        model.escape();
        view.node().requestFocus();
      }
      case OPEN_DEMO -> model.openDemo();
      case SWALLOW -> {}
    }
  }

  // ---- sources

  /** Opens the Sources dialog, when the app gave a catalog of sources; one dialog at a time. */
  void openSources() {
    Optional<SourceCatalog> catalog = model.sourceCatalog();
    if (catalog.isEmpty()) {
      return;
    }
    if (sourcesDialog != null && sourcesDialog.stage().isShowing()) {
      sourcesDialog.stage().toFront();
      return;
    }
    sourcesDialog =
        new SourcesDialog(
            stage,
            catalog.get(),
            sourcesWorker,
            css(),
            List.copyOf(root.getStyleClass()),
            model::sourcesApplied);
    sourcesDialog.show();
  }

  // ---- logs

  /** Opens a window on logs detached from the Logs tab; it closes with the console. */
  private void openLogWindow(LogViewModel detached) {
    LogWindow w =
        new LogWindow(stage, detached, clipboard, css(), List.copyOf(root.getStyleClass()));
    logWindows.add(w);
    w.stage().addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> logWindows.remove(w));
    w.show();
  }

  // ---- closing

  /** Stops listening, saves the settings with the window's place, and frees the viewer. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    later.clear();
    Optional<ConsoleSettings.WindowBounds> bounds =
        stage != null && stage.getWidth() > 0
            ? Optional.of(
                new ConsoleSettings.WindowBounds(
                    stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()))
            : Optional.empty();
    model.close(bounds, stage != null && stage.isMaximized());
    worker.close();
    view.close();
    sourcesWorker.shutdownNow();
    if (sourcesDialog != null) {
      sourcesDialog.stage().close();
    }
    side.logs().stop();
    for (LogWindow w : List.copyOf(logWindows)) {
      w.stage().close();
    }
    io.shutdown();
  }

  /**
   * Waits until the last settings save and exports are written. Call it off the FX thread, after
   * {@link #close()}, before the process exits.
   */
  public boolean awaitWrites(long millis) throws InterruptedException {
    return io.awaitTermination(millis, TimeUnit.MILLISECONDS);
  }

  // ---- for tests and the benchmark

  /** The picture, for a script to drive and watch as a person would with the mouse and keys. */
  public PictureDriver picture() {
    return view;
  }

  ConsoleViewModel model() {
    return model;
  }

  /** Whether everything around the last picture is in: chips, side pane, findings, legend. */
  boolean aroundShown() {
    return later.idle();
  }

  TopologyView topologyView() {
    return view;
  }

  LayoutWorker layoutWorker() {
    return worker;
  }

  SourceBar sourceBar() {
    return sources;
  }

  LegendPane legend() {
    return legend;
  }

  ExportActions exports() {
    return exports;
  }

  List<LogWindow> logWindows() {
    return List.copyOf(logWindows);
  }

  SidePane side() {
    return side;
  }

  Optional<SourcesDialog> sourcesDialog() {
    return Optional.ofNullable(sourcesDialog);
  }
}
