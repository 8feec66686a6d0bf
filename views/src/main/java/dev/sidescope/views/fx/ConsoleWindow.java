package dev.sidescope.views.fx;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.sidescope.topology.export.DotExporter;
import dev.sidescope.topology.export.MermaidExporter;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.ExportFileChooser;
import dev.sidescope.views.ExportFormat;
import dev.sidescope.views.TextClipboard;
import dev.sidescope.views.console.ConsoleAction;
import dev.sidescope.views.console.ConsoleKeys;
import dev.sidescope.views.console.DeadSources;
import dev.sidescope.views.find.FindIndex;
import dev.sidescope.views.find.FindQuery;
import dev.sidescope.views.inspect.FindingRow;
import dev.sidescope.views.inspect.InspectorModel;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.Navigation;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.SvgWriter;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The console window: the topology picture with its legend, the source bar, the inspector, the
 * findings list, find, grouping, zoom, themes, export and settings. It binds controls to state and
 * does no work of its own: layout runs on the {@link LayoutWorker}, file writes on an I/O thread,
 * and the FX thread only applies finished pictures.
 *
 * <p>Create, use and close it on the FX thread.
 */
public final class ConsoleWindow {
  private final ConsoleOptions options;
  private final SettingsStore store;
  private final Theme osTheme;
  private final ExportFileChooser chooser;
  private final TextClipboard clipboard;
  private final ExecutorService io = WorkerThreads.single("sidescope-console-io");

  private final BorderPane root = new BorderPane();
  private final TopologyView view;
  private final SourceBar sources = new SourceBar();
  private final InspectorPane inspector = new InspectorPane();
  private final FindingsPane findings = new FindingsPane();
  private final LegendPane legend = new LegendPane();
  private final PulseQueue later = new PulseQueue();
  private final HelpOverlay help = new HelpOverlay();
  private final TextField find = new TextField();
  private final CheckBox hideNonMatching = new CheckBox("Hide non-matching");
  private final ToggleGroup groupingToggle = new ToggleGroup();
  private final Label status = new Label();
  private final Label counts = new Label();
  private final Label waiting = new Label("Waiting for the first snapshot…");
  private final VBox nothingFound = new VBox(12);
  private final Label nothingFoundWhy = new Label();
  private final Button openDemo = new Button("Open the demo");
  private final Button chooseSources = new Button("Choose sources…");
  // Reading the kubeconfig, listing clusters and connecting: off the FX thread, one at a time.
  private final ExecutorService sourcesWorker = WorkerThreads.single("sidescope-console-sources");
  private final LayoutWorker worker;
  private final RadioMenuItem[] themeItems = new RadioMenuItem[ThemeChoice.values().length];

  private ConsoleSettings settings;
  private Theme theme;
  private LaidOutPicture shown;
  private FindIndex index;
  private FindQuery query = FindQuery.EMPTY;
  private Set<String> matched = Set.of();
  private Optional<String> selected = Optional.empty();
  private AutoCloseable subscription;
  private Stage stage;
  private boolean closed;
  private final ConsoleKeys keys = new ConsoleKeys();
  private boolean refitNext;
  private SourcesDialog sourcesDialog;

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
    this.store = store;
    this.settings = settings;
    this.osTheme = osTheme;
    this.theme = settings.theme().resolve(osTheme);
    this.chooser = options.fileChooser().orElseGet(() -> this::chooseWithDialog);
    this.clipboard = options.clipboard().orElseGet(() -> ConsoleWindow::toSystemClipboard);
    applyTheme();
    this.view = new TopologyView(PicturePalette.of(theme));
    this.worker = new LayoutWorker(PicturePalette.of(theme), this::onPicture, this::say);
    build();
    settingsProblem.ifPresent(p -> say(p));
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
    target.setTitle(options.title());
    if (settings.window().isPresent()) {
      ConsoleSettings.WindowBounds w = settings.window().get();
      target.setX(w.x());
      target.setY(w.y());
      target.setWidth(w.width());
      target.setHeight(w.height());
    } else {
      // First run: most of the screen, so the picture has room.
      javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
      target.setWidth(Math.round(screen.getWidth() * 0.9));
      target.setHeight(Math.round(screen.getHeight() * 0.9));
      target.setX(screen.getMinX() + screen.getWidth() * 0.05);
      target.setY(screen.getMinY() + screen.getHeight() * 0.05);
    }
    target.setMaximized(settings.maximized());
    installKeys(scene);
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
    PicturePalette palette = PicturePalette.of(theme);
    findings.rehearse(root);
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
    options.feed().setGrouping(settings.grouping());
    subscription = options.feed().subscribe(worker);
  }

  static String css() {
    return ConsoleWindow.class.getResource("console.css").toExternalForm();
  }

  private void build() {
    find.setId("find");
    find.setPromptText("Find (/)  e.g. order  ns:shop  kind:envoy");
    find.setPrefColumnCount(22);
    find.setTooltip(
        new Tooltip(
            "Names, or ns:shop  kind:envoy  finding:SIDECAR_NOT_READY  platform:ecs;"
                + " Enter selects the first match"));
    find.textProperty().addListener((o, a, b) -> onQuery(b, false));
    find.setOnAction(e -> onQuery(find.getText(), true));
    hideNonMatching.setId("hide-non-matching");
    hideNonMatching.selectedProperty().addListener((o, a, b) -> refresh());

    HBox grouping = new HBox();
    grouping.getStyleClass().add("segmented");
    for (Grouping g : Grouping.values()) {
      ToggleButton b = new ToggleButton(label(g));
      b.setId("group-" + g.wireName());
      b.setUserData(g);
      b.setToggleGroup(groupingToggle);
      b.setTooltip(new Tooltip("One box per " + g.wireName() + " (" + (g.ordinal() + 1) + ")"));
      b.setSelected(g == settings.grouping());
      grouping.getChildren().add(b);
    }
    groupingToggle
        .selectedToggleProperty()
        .addListener(
            (o, a, b) -> {
              if (b == null) {
                a.setSelected(true); // one grouping is always chosen
              } else if (b.getUserData() != settings.grouping()) {
                setGrouping((Grouping) b.getUserData());
              }
            });

    Button zoomOut = button("−", "Zoom out (-)", "zoom-out", () -> view.zoom(1 / 0.8));
    Button zoomIn = button("+", "Zoom in (+)", "zoom-in", () -> view.zoom(0.8));
    Button fit = button("Fit", "Fit the picture to the window (F)", "fit", view::fit);
    Button rearrange =
        button(
            "Re-arrange", "Lay the whole picture out afresh (R)", "rearrange", worker::rearrange);

    MenuButton themeMenu = new MenuButton("Theme");
    themeMenu.setId("theme");
    ToggleGroup themes = new ToggleGroup();
    for (ThemeChoice c : ThemeChoice.values()) {
      RadioMenuItem item = new RadioMenuItem(c == ThemeChoice.SYSTEM ? "Follow system" : label(c));
      item.setId("theme-" + c.wireName());
      item.setToggleGroup(themes);
      item.setSelected(c == settings.theme());
      item.setOnAction(e -> setTheme(c));
      themeItems[c.ordinal()] = item;
      themeMenu.getItems().add(item);
    }

    MenuButton export = new MenuButton("Export");
    export.setId("export");
    for (ExportFormat f : ExportFormat.values()) {
      MenuItem item = new MenuItem(f.description() + "…");
      item.setId("export-" + f.wireName());
      item.setOnAction(e -> export(f));
      export.getItems().add(item);
    }
    MenuItem copy = new MenuItem("Copy Mermaid (Ctrl+C)");
    copy.setId("copy-mermaid");
    copy.setOnAction(e -> copyMermaid());
    export.getItems().add(copy);
    Button helpButton = button("?", "Keyboard help (?)", "help-button", help::toggle);
    Button sourcesButton =
        button(
            "Sources…",
            "Choose kube contexts, an AWS profile and ECS clusters (Ctrl+O)",
            "sources-button",
            this::openSources);
    sourcesButton.setVisible(options.sources().isPresent());
    sourcesButton.setManaged(options.sources().isPresent());

    Region spring = new Region();
    HBox.setHgrow(spring, Priority.ALWAYS);
    ToolBar bar =
        new ToolBar(
            find,
            hideNonMatching,
            new Separator(Orientation.VERTICAL),
            grouping,
            new Separator(Orientation.VERTICAL),
            zoomOut,
            zoomIn,
            fit,
            rearrange,
            spring,
            sourcesButton,
            themeMenu,
            export,
            helpButton);
    VBox top = new VBox(bar, sources);
    VBox.setMargin(sources, new Insets(4, 8, 4, 8));
    root.setTop(top);

    buildNothingFound();
    StackPane canvas = new StackPane(view.node(), waiting, nothingFound, help);
    StackPane.setAlignment(help, Pos.CENTER);
    VBox.setVgrow(canvas, Priority.ALWAYS);
    // The legend sits under the picture, never over it.
    VBox picture = new VBox(canvas, legend);
    picture.setId("picture");
    waiting.getStyleClass().add("text-muted");
    waiting.setMouseTransparent(true);
    legend.setMouseTransparent(true);
    view.onClick(this::onClick);
    findings.onPick(id -> id.ifPresent(n -> select(n, true, true)));

    SplitPane side = new SplitPane(inspector, findings);
    side.setOrientation(Orientation.VERTICAL);
    side.setDividerPositions(0.6);
    SplitPane main = new SplitPane(picture, side);
    main.setDividerPositions(0.7);
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

  /** The empty state: no cluster found, the demo one click away, or the Sources dialog. */
  private void buildNothingFound() {
    Label title = new Label("No cluster found");
    title.getStyleClass().add("title-2");
    nothingFoundWhy.setId("nothing-found-why");
    nothingFoundWhy.setWrapText(true);
    nothingFoundWhy.getStyleClass().add("text-muted");
    Label hint =
        new Label(
            "Open the built-in sample cluster to look around, or choose a kube context or an AWS"
                + " profile of your own.");
    hint.setWrapText(true);
    openDemo.setId("open-demo");
    openDemo.getStyleClass().addAll("accent", "large");
    openDemo.setDefaultButton(true);
    openDemo.setOnAction(e -> openDemo());
    chooseSources.setId("choose-sources");
    chooseSources.getStyleClass().add("large");
    chooseSources.setOnAction(e -> openSources());
    HBox actions = new HBox(10, openDemo, chooseSources);
    actions.setAlignment(Pos.CENTER_LEFT);
    nothingFound.getChildren().addAll(title, nothingFoundWhy, hint, actions);
    nothingFound.setId("nothing-found");
    nothingFound.getStyleClass().add("nothing-found");
    nothingFound.setPadding(new Insets(24));
    nothingFound.setMaxSize(560, USE_PREF);
    boolean empty = options.nothingFound().isPresent();
    nothingFoundWhy.setText(options.nothingFound().orElse(""));
    nothingFound.setVisible(empty);
    nothingFound.setManaged(empty);
    waiting.setVisible(!empty);
    chooseSources.setDisable(options.sources().isEmpty());
    openDemo.setDisable(options.sources().isEmpty());
  }

  private static final double USE_PREF = Region.USE_PREF_SIZE;

  private static Button button(String text, String tip, String id, Runnable action) {
    Button b = new Button(text);
    b.setId(id);
    b.setTooltip(new Tooltip(tip));
    b.setOnAction(e -> action.run());
    b.setFocusTraversable(false);
    return b;
  }

  private static String label(Enum<?> e) {
    String n = e.name().toLowerCase(java.util.Locale.ROOT);
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }

  // ---- applying pictures

  private void onPicture(LaidOutPicture picture) {
    if (closed) {
      return; // a hand-over already queued when the window closed: the viewer is gone
    }
    boolean first = shown == null || refitNext;
    if (!picture.snapshot().workloads().isEmpty()) {
      refitNext = false; // new sources: fit their first picture with something in it
    }
    shown = picture;
    stops = null;
    index = worker.prepared().index(picture);
    waiting.setVisible(false);
    recomputeMatches();
    if (selected.isPresent() && index.facts(selected.get()).isEmpty()) {
      selected = Optional.empty();
    }
    refresh();
    // The picture first, alone in its pulse; the source chips, inspector and counts in the next,
    // then the findings rows and the legend, new nodes with a CSS pass each, a few at a time in
    // the pulses after it. The legend takes its new height now, with the picture, so that the
    // picture is not made smaller and drawn again as the legend's lines come in.
    legend.prepare(picture, PicturePalette.of(theme));
    later.later("around", this::showAround);
    // A table that already shows a screenful has its rows made: the new findings all at once.
    int firstSlice = findings.getItems().size() >= SCREENFUL ? Integer.MAX_VALUE : FINDINGS_SLICE;
    later.later("findings", () -> fillFindings(firstSlice));
    later.later("legend", this::fillLegend);
    if (first || picture.fullLayout()) {
      view.fit();
    }
  }

  /** What stands around the picture shown: the source chips, the inspector, the counts. */
  private void showAround() {
    if (shown == null) {
      return;
    }
    TopologySnapshot s = shown.snapshot();
    sources.show(s.sources(), Instant.now());
    inspector.show(selected.flatMap(id -> InspectorModel.of(s, shown.picture(), id)));
    long containers = s.workloads().stream().mapToLong(w -> w.containers().size()).sum();
    counts.setText(
        s.workloads().size()
            + " boxes · "
            + containers
            + " containers · "
            + shown.picture().outside().size()
            + " outside · "
            + s.findings().size()
            + " findings · by "
            + s.grouping().wireName());
  }

  /** Rows of the findings table, and legend rows, made per pulse after a picture arrives. */
  private static final int FINDINGS_SLICE = 2;

  private static final int LEGEND_SLICE = 2;

  /** Past this many findings rows the table's rows for a screen are made. */
  private static final int SCREENFUL = 8 * FINDINGS_SLICE;

  /**
   * Shows the first {@code upTo} findings (worst first) and queues the next slice, until the table
   * shows them all: each pulse then makes only the few table rows that newly come into view.
   */
  private void fillFindings(int upTo) {
    if (shown == null) {
      return;
    }
    List<FindingRow> rows = worker.prepared().findings(shown);
    int n = Math.min(upTo, rows.size());
    findings.show(rows.subList(0, n), shown.snapshot().workloads().size());
    if (n < rows.size()) {
      // Past a few screens' worth, the rest costs no new rows: all of it at once.
      int next = upTo >= SCREENFUL ? rows.size() : upTo + FINDINGS_SLICE;
      later.later("findings", () -> fillFindings(next));
    }
  }

  private void fillLegend() {
    if (legend.addSome(LEGEND_SLICE)) {
      later.later("legend", this::fillLegend);
    }
  }

  private void refresh() {
    if (shown == null) {
      return;
    }
    Set<String> dimmed = new HashSet<>();
    if (!query.isEmpty()) {
      dimmed.addAll(index.all());
      dimmed.removeAll(matched);
    }
    Set<String> hidden = hideNonMatching.isSelected() ? Set.copyOf(dimmed) : Set.of();
    dimmed.addAll(DeadSources.of(shown.snapshot()));
    view.show(
        worker.prepared().parts(shown),
        PicturePalette.of(theme),
        dimmed,
        hidden,
        query.isEmpty() ? Set.of() : matched);
    view.select(selected);
  }

  // ---- find

  private void onQuery(String text, boolean centre) {
    try {
      query = FindQuery.parse(text);
      find.getStyleClass().remove("danger");
    } catch (IllegalArgumentException e) {
      if (!find.getStyleClass().contains("danger")) {
        find.getStyleClass().add("danger");
      }
      say(e.getMessage());
      return;
    }
    recomputeMatches();
    refresh();
    if (!query.isEmpty()) {
      long nodes = matched.stream().filter(this::isStop).count();
      say(nodes == 0 ? "Nothing matches." : nodes + " node" + (nodes == 1 ? "" : "s") + " match.");
      matched.stream().filter(this::isStop).findFirst().ifPresent(id -> select(id, centre, true));
    } else {
      say("");
    }
  }

  private void recomputeMatches() {
    matched = index == null || query.isEmpty() ? Set.of() : index.matching(query);
  }

  /** The ids of the shown picture's nodes, not its boxes: made when first asked for. */
  private Set<String> stops;

  /** Whether find can stop at this id: a node of the picture shown. */
  private boolean isStop(String id) {
    if (shown == null) {
      return false;
    }
    if (stops == null) {
      Set<String> ids = new HashSet<>();
      shown.picture().nodes().forEach(n -> ids.add(n.id()));
      stops = ids;
    }
    return stops.contains(id);
  }

  // ---- selection

  private void onClick(Optional<String> id) {
    if (id.isEmpty()) {
      selected = Optional.empty();
      view.select(selected);
      return;
    }
    select(id.get(), false, true);
  }

  /** Zooms to 100%: one layout unit per pixel. */
  void actualSize() {
    view.actualSize();
  }

  /** Selects a node; optionally centres on it and shows it in the inspector. */
  void select(String id, boolean centre, boolean inspect) {
    selected = Optional.of(id);
    view.select(selected);
    if (centre) {
      view.centerOn(id);
    }
    if (inspect) {
      inspect();
    }
  }

  private void inspect() {
    if (shown != null) {
      inspector.show(
          selected.flatMap(id -> InspectorModel.of(shown.snapshot(), shown.picture(), id)));
    }
  }

  private void move(Navigation.Direction direction) {
    if (shown == null) {
      return;
    }
    Set<String> hidden = hideNonMatching.isSelected() && !query.isEmpty() ? notMatched() : Set.of();
    List<String> stops = Navigation.stops(shown, hidden);
    if (stops.isEmpty()) {
      return;
    }
    Optional<String> next =
        selected.isEmpty() || shown.geometry().rect(selected.get()).isEmpty()
            ? Optional.of(stops.get(0))
            : Navigation.next(shown.geometry(), selected.get(), direction, stops);
    next.ifPresent(id -> select(id, false, false));
    next.ifPresent(this::revealIfOffscreen);
  }

  private void revealIfOffscreen(String id) {
    shown
        .geometry()
        .rect(id)
        .ifPresent(
            r -> {
              double[] a = view.toView(r.x(), r.y());
              double[] b = view.toView(r.right(), r.bottom());
              Region n = view.node();
              if (a[0] < 0 || a[1] < 0 || b[0] > n.getWidth() || b[1] > n.getHeight()) {
                view.centerOn(id);
              }
            });
  }

  private Set<String> notMatched() {
    Set<String> all = new LinkedHashSet<>(index.all());
    all.removeAll(matched);
    return all;
  }

  // ---- grouping, theme

  void setGrouping(Grouping g) {
    settings = settings.withGrouping(g);
    for (var t : groupingToggle.getToggles()) {
      t.setSelected(t.getUserData() == g);
    }
    options.feed().setGrouping(g);
    say("Grouped by " + g.wireName() + ".");
    saveSettings();
  }

  void setTheme(ThemeChoice choice) {
    settings = settings.withTheme(choice);
    themeItems[choice.ordinal()].setSelected(true);
    theme = choice.resolve(osTheme);
    worker.prepared().palette(PicturePalette.of(theme));
    applyTheme();
    if (shown != null) {
      legend.show(shown, PicturePalette.of(theme));
    }
    refresh();
    saveSettings();
  }

  Theme theme() {
    return theme;
  }

  private void applyTheme() {
    Application.setUserAgentStylesheet(
        theme == Theme.DARK
            ? new PrimerDark().getUserAgentStylesheet()
            : new PrimerLight().getUserAgentStylesheet());
    root.getStyleClass().removeAll("theme-dark", "theme-light");
    root.getStyleClass().add("theme-" + theme.wireName());
  }

  // ---- keyboard

  private void installKeys(Scene scene) {
    scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKeyPressed);
    scene.addEventFilter(KeyEvent.KEY_TYPED, this::onKeyTyped);
  }

  /** Where the focus is, as far as keys care. */
  private ConsoleKeys.Focus focus() {
    Node focus = root.getScene().getFocusOwner();
    if (focus instanceof TextInputControl) {
      return ConsoleKeys.Focus.TEXT_FIELD;
    } else if (focus instanceof TableView) {
      return ConsoleKeys.Focus.FINDINGS_TABLE;
    } else if (focus == chooseSources) {
      return ConsoleKeys.Focus.CHOOSE_SOURCES_BUTTON;
    }
    return ConsoleKeys.Focus.PICTURE;
  }

  private static ConsoleKeys.Stroke stroke(KeyEvent e) {
    return new ConsoleKeys.Stroke(
        e.getCode().name(), e.getCharacter(), e.isShiftDown(), e.isShortcutDown());
  }

  private void onKeyPressed(KeyEvent e) {
    keys.pressed(stroke(e), focus(), nothingFound.isVisible())
        .ifPresent(
            a -> {
              run(a);
              e.consume();
            });
  }

  private void onKeyTyped(KeyEvent e) {
    keys.typed(stroke(e), focus())
        .ifPresent(
            a -> {
              run(a);
              e.consume();
            });
  }

  private void run(ConsoleAction action) {
    switch (action) {
      case MOVE_LEFT -> move(Navigation.Direction.LEFT);
      case MOVE_RIGHT -> move(Navigation.Direction.RIGHT);
      case MOVE_UP -> move(Navigation.Direction.UP);
      case MOVE_DOWN -> move(Navigation.Direction.DOWN);
      case INSPECT -> inspect();
      case FIND -> {
        find.requestFocus();
        find.selectAll();
      }
      case HELP -> help.toggle();
      case GROUP_BY_POD -> setGrouping(Grouping.POD);
      case GROUP_BY_WORKLOAD -> setGrouping(Grouping.WORKLOAD);
      case GROUP_BY_SERVICE -> setGrouping(Grouping.SERVICE);
      case ZOOM_IN -> view.zoom(0.8);
      case ZOOM_OUT -> view.zoom(1 / 0.8);
      case FIT -> view.fit();
      case ACTUAL_SIZE -> view.actualSize();
      case REARRANGE -> worker.rearrange();
      case TOGGLE_THEME -> setTheme(theme == Theme.DARK ? ThemeChoice.LIGHT : ThemeChoice.DARK);
      case CHOOSE_SOURCES -> openSources();
      case COPY_MERMAID -> copyMermaid();
      case EXPORT_PNG -> export(ExportFormat.PNG);
      case CLEAR -> clear();
      case OPEN_DEMO -> {
        if (!openDemo.isDisabled()) {
          openDemo();
        }
      }
      case SWALLOW -> {}
    }
  }

  /** Esc: closes help, else clears find, else clears the selection; gives the picture focus. */
  void clear() {
    if (help.isVisible()) {
      help.setShown(false);
    } else if (!find.getText().isEmpty()) {
      find.clear();
    } else {
      selected = Optional.empty();
      view.select(selected);
      inspector.show(Optional.empty());
    }
    view.node().requestFocus();
  }

  // ---- sources

  /** Opens the Sources dialog, when the app gave a catalog of sources; one dialog at a time. */
  void openSources() {
    if (options.sources().isEmpty()) {
      say("Sources cannot be changed here.");
      return;
    }
    if (sourcesDialog != null && sourcesDialog.stage().isShowing()) {
      sourcesDialog.stage().toFront();
      return;
    }
    sourcesDialog =
        new SourcesDialog(
            stage,
            options.sources().get(),
            sourcesWorker,
            css(),
            List.copyOf(root.getStyleClass()),
            this::onSourcesApplied);
    sourcesDialog.show();
  }

  private void onSourcesApplied(dev.sidescope.views.sources.SourceChoice choice, String title) {
    settings = settings.withSources(choice);
    saveSettings();
    connecting(title, "Connecting to " + choice.describe() + "; remembered for the next start.");
  }

  /** Starts the built-in sample instead of the sources in use, off the FX thread. */
  void openDemo() {
    if (options.sources().isEmpty()) {
      return;
    }
    var catalog = options.sources().get();
    openDemo.setDisable(true);
    chooseSources.setDisable(true);
    nothingFoundWhy.setText("Starting the built-in sample cluster…");
    try {
      sourcesWorker.execute(
          () -> {
            try {
              String title = catalog.openDemo();
              Platform.runLater(() -> connecting(title, "Opened the built-in sample cluster."));
            } catch (RuntimeException e) {
              String why =
                  e instanceof dev.sidescope.views.sources.SourceCatalog.Unavailable
                      ? e.getMessage()
                      : "The demo could not start (" + e.getClass().getSimpleName() + ").";
              Platform.runLater(
                  () -> {
                    nothingFoundWhy.setText(why);
                    openDemo.setDisable(false);
                    chooseSources.setDisable(false);
                  });
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // The window is closing.
    }
  }

  /** New sources are connecting: the empty state goes, the picture fits what comes next. */
  private void connecting(String title, String message) {
    nothingFound.setVisible(false);
    nothingFound.setManaged(false);
    if (shown == null) {
      waiting.setVisible(true);
    }
    refitNext = true;
    if (stage != null) {
      stage.setTitle(title);
    }
    say(message);
  }

  boolean nothingFoundShown() {
    return nothingFound.isVisible();
  }

  Optional<SourcesDialog> sourcesDialog() {
    return Optional.ofNullable(sourcesDialog);
  }

  // ---- export

  void export(ExportFormat format) {
    if (shown == null) {
      say("Nothing to export yet.");
      return;
    }
    Optional<Path> target = chooser.choose(format, "sidescope-topology." + format.extension());
    if (target.isEmpty()) {
      return;
    }
    Path path = target.get();
    LaidOutPicture picture = shown;
    Set<String> hidden = hideNonMatching.isSelected() && !query.isEmpty() ? notMatched() : Set.of();
    PicturePalette palette = PicturePalette.of(theme);
    // The image is taken here, on the FX thread; encoding and writing happen on the I/O thread.
    WritableImage image = format == ExportFormat.PNG ? view.snapshot() : null;
    io.execute(
        () -> {
          try {
            switch (format) {
              case PNG -> {
                BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
                ImageIO.write(buffered, "png", path.toFile());
              }
              case SVG -> write(path, SvgWriter.write(picture, palette, hidden));
              case MERMAID -> write(path, new MermaidExporter().export(picture.snapshot()));
              case DOT -> write(path, new DotExporter().export(picture.snapshot()));
            }
            sayLater("Exported " + format.description() + " to " + path + ".");
          } catch (IOException | RuntimeException ex) {
            sayLater("Could not write " + path + ": " + ex.getMessage());
          }
        });
  }

  private static void write(Path path, String text) throws IOException {
    Files.writeString(path, text, StandardCharsets.UTF_8);
  }

  void copyMermaid() {
    if (shown == null) {
      return;
    }
    clipboard.put(new MermaidExporter().export(shown.snapshot()));
    say("Copied the picture as Mermaid.");
  }

  private Optional<Path> chooseWithDialog(ExportFormat format, String suggestedName) {
    FileChooser dialog = new FileChooser();
    dialog.setTitle("Export " + format.description());
    dialog.setInitialFileName(suggestedName);
    dialog
        .getExtensionFilters()
        .add(new FileChooser.ExtensionFilter(format.description(), "*." + format.extension()));
    return Optional.ofNullable(dialog.showSaveDialog(stage)).map(java.io.File::toPath);
  }

  private static void toSystemClipboard(String text) {
    ClipboardContent content = new ClipboardContent();
    content.putString(text);
    Clipboard.getSystemClipboard().setContent(content);
  }

  // ---- status and settings

  private void say(String message) {
    status.setText(message);
  }

  private void sayLater(String message) {
    Platform.runLater(() -> say(message));
  }

  private void saveSettings() {
    ConsoleSettings snapshot = settings;
    io.execute(
        () -> {
          try {
            store.save(snapshot);
          } catch (IOException e) {
            sayLater("Could not save settings to " + store.file() + ": " + e.getMessage());
          }
        });
  }

  /** Stops listening, saves the settings with the window's place, and frees the viewer. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    later.clear();
    if (stage != null && stage.getWidth() > 0) {
      settings =
          settings.withWindow(
              new ConsoleSettings.WindowBounds(
                  stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()),
              stage.isMaximized());
    }
    try {
      if (subscription != null) {
        subscription.close();
      }
    } catch (Exception e) {
      // The feed is going away with the window; nothing more to do with it.
    }
    worker.close();
    view.close();
    sourcesWorker.shutdownNow();
    if (sourcesDialog != null) {
      sourcesDialog.stage().close();
    }
    saveSettings();
    io.shutdown();
  }

  /**
   * Waits until the last settings save and exports are written. Call it off the FX thread, after
   * {@link #close()}, before the process exits.
   */
  public boolean awaitWrites(long millis) throws InterruptedException {
    return io.awaitTermination(millis, TimeUnit.MILLISECONDS);
  }

  // ---- for tests

  TopologyView topologyView() {
    return view;
  }

  Optional<LaidOutPicture> shown() {
    return Optional.ofNullable(shown);
  }

  Optional<String> selected() {
    return selected;
  }

  Set<String> matched() {
    return matched;
  }

  ConsoleSettings settings() {
    return settings;
  }
}
