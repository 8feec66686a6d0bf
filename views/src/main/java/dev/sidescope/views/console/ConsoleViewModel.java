package dev.sidescope.views.console;

import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.OverlayKeys;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.traffic.TracedCall;
import dev.sidescope.topology.picture.TrafficThresholds;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.find.FindIndex;
import dev.sidescope.views.find.FindQuery;
import dev.sidescope.views.inspect.InspectorModel;
import dev.sidescope.views.logs.LogText;
import dev.sidescope.views.picture.HiddenByFind;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.Navigation;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import dev.sidescope.views.sources.SourceCatalog;
import dev.sidescope.views.sources.SourceChoice;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The console's state and decisions, without JavaFX: the picture shown and what find, "hide
 * non-matching" and dead sources make of it; the selection and what the side pane shows for it;
 * grouping, theme and the settings that remember them; the status and counts lines; the empty state
 * and the move to new sources. The window builds the widgets, binds them to the {@link Watched}
 * values here, and calls the methods here for what a person does.
 *
 * <p>Threads: made, used and listened to on one thread (the FX thread, in the console); it never
 * waits. Settings are saved on {@link ConsoleThreads#files}, the demo started on {@link
 * ConsoleThreads#sources}, and what comes of either is handed back through {@link
 * ConsoleThreads#window}.
 */
public final class ConsoleViewModel {
  private final ConsoleOptions options;
  private final SettingsStore store;
  private final Theme osTheme;
  private final ConsoleThreads threads;
  private final TrafficViewModel traffic;
  private final ProxyViewModel proxies;
  private final LogViewModel logs;
  private final EventsViewModel events;

  private final Watched<String> status;
  private final Watched<String> counts = new Watched<>("");
  private final Watched<String> title;
  private final Watched<String> findText = new Watched<>("");
  private final Watched<Boolean> findInvalid = new Watched<>(false);
  private final Watched<Boolean> hideNonMatching = new Watched<>(false);
  private final Watched<Optional<String>> selection = new Watched<>(Optional.empty());
  private final Watched<SidePaneContent> sidePane = new Watched<>(SidePaneContent.NOTHING);
  private final Watched<Boolean> helpShown = new Watched<>(false);
  private final Watched<Grouping> grouping;
  private final Watched<ThemeChoice> themeChoice;
  private final Watched<Theme> theme;
  private final Watched<Optional<Drawing>> drawing = new Watched<>(Optional.empty());
  private final Watched<Boolean> waiting;
  private final Watched<Boolean> nothingFound;
  private final Watched<String> nothingFoundWhy;
  private final Watched<Boolean> offersEnabled;
  private final Watched<Boolean> paused = new Watched<>(false);
  private final Watched<String> pausedLine = new Watched<>("");
  private LiveGate gate;
  private final AtomicBoolean heldToTell = new AtomicBoolean();

  private ConsoleSettings settings;
  private LaidOutPicture shown;
  private FindIndex index;
  private FindQuery query = FindQuery.EMPTY;

  /** The node find last selected, while a query matches it. */
  private Optional<String> found = Optional.empty();

  private Set<String> matched = Set.of();

  /** The ids of the shown picture's nodes, not its boxes: made when first asked for. */
  private Set<String> stops;

  private boolean refitNext;
  private AutoCloseable subscription;

  /**
   * @param settingsProblem a sentence about an unusable settings file, shown once
   * @param osTheme the theme the operating system prefers, for {@link ThemeChoice#SYSTEM}
   */
  public ConsoleViewModel(
      ConsoleOptions options,
      SettingsStore store,
      ConsoleSettings settings,
      Optional<String> settingsProblem,
      Theme osTheme,
      ConsoleThreads threads) {
    this.options = options;
    this.store = store;
    this.settings = settings;
    this.osTheme = osTheme;
    this.threads = threads;
    this.status = new Watched<>(settingsProblem.orElse(""));
    this.title = new Watched<>(options.title());
    this.grouping = new Watched<>(settings.grouping());
    this.themeChoice = new Watched<>(settings.theme());
    this.theme = new Watched<>(settings.theme().resolve(osTheme));
    boolean empty = options.nothingFound().isPresent();
    this.nothingFound = new Watched<>(empty);
    this.nothingFoundWhy = new Watched<>(options.nothingFound().orElse(""));
    this.waiting = new Watched<>(!empty);
    this.offersEnabled = new Watched<>(options.sources().isPresent());
    this.traffic =
        new TrafficViewModel(
            options.traces(), threads.window(), Clock.systemDefaultZone(), settings.traffic());
    this.proxies = new ProxyViewModel(options.proxies(), threads.window());
    this.logs =
        new LogViewModel(
            options.logs(),
            settings.logBufferLines(),
            LogText.STANDARD,
            ZoneId.systemDefault(),
            System::nanoTime);
    logs.onTrace(this::openTrace);
    this.events =
        new EventsViewModel(options.events(), threads.window(), Clock.systemDefaultZone());
  }

  // ---- what the window shows

  /** The status line: the last thing said. */
  public Watched<String> status() {
    return status;
  }

  /** The counts line: "5 boxes · 15 containers · 7 outside · 9 findings · by pod". */
  public Watched<String> counts() {
    return counts;
  }

  /** The window's title, which names the sources. */
  public Watched<String> title() {
    return title;
  }

  /** The find field's text. */
  public Watched<String> findText() {
    return findText;
  }

  /** Whether the find field's text is not a find expression. */
  public Watched<Boolean> findInvalid() {
    return findInvalid;
  }

  public Watched<Boolean> hideNonMatching() {
    return hideNonMatching;
  }

  /** The node selected, ringed in the picture. */
  public Watched<Optional<String>> selection() {
    return selection;
  }

  /**
   * What the side pane shows. Told on every change of what is inspected and on every new picture,
   * equal or not.
   */
  public Watched<SidePaneContent> sidePane() {
    return sidePane;
  }

  /** The Traffic tab's state, for the node inspected. */
  public TrafficViewModel traffic() {
    return traffic;
  }

  /** The Envoy tab's state, for the proxy sidecar inspected. */
  public ProxyViewModel proxies() {
    return proxies;
  }

  /** The Logs tab's state, for the node inspected. */
  public LogViewModel logs() {
    return logs;
  }

  /** The Events tab's state, for the node inspected. */
  public EventsViewModel events() {
    return events;
  }

  public Watched<Boolean> helpShown() {
    return helpShown;
  }

  public Watched<Grouping> grouping() {
    return grouping;
  }

  /** The theme chosen, {@link ThemeChoice#SYSTEM} included. */
  public Watched<ThemeChoice> themeChoice() {
    return themeChoice;
  }

  /** The theme in use: the choice, with the system's resolved. */
  public Watched<Theme> theme() {
    return theme;
  }

  /**
   * What the picture shows; empty until the first picture. Told on every change of the picture or
   * of what it dims, hides or highlights, and of the theme.
   */
  public Watched<Optional<Drawing>> drawing() {
    return drawing;
  }

  /** Whether "Waiting for the first snapshot…" shows. */
  public Watched<Boolean> waiting() {
    return waiting;
  }

  /** Whether the "no cluster found" call to action shows. */
  public Watched<Boolean> nothingFound() {
    return nothingFound;
  }

  /** Why nothing was found, or what the empty state is doing about it. */
  public Watched<String> nothingFoundWhy() {
    return nothingFoundWhy;
  }

  /** Whether the empty state's two buttons (open the demo, choose sources) can be used. */
  public Watched<Boolean> offersEnabled() {
    return offersEnabled;
  }

  /** Whether live updates are held: the picture stays as it is until resumed. */
  public Watched<Boolean> paused() {
    return paused;
  }

  /**
   * What the source bar says while paused: "Paused — press P to resume", with how many updates are
   * waiting; empty while live.
   */
  public Watched<String> pausedLine() {
    return pausedLine;
  }

  /** Where measured traffic on an arrow starts to warn and to be bad. */
  public TrafficThresholds trafficThresholds() {
    return settings.traffic();
  }

  /** The picture shown; empty until the first one. */
  public Optional<LaidOutPicture> shown() {
    return Optional.ofNullable(shown);
  }

  /** The ids find matches in the picture shown; empty with no query. */
  public Set<String> matched() {
    return matched;
  }

  /**
   * What "hide non-matching" hides now, while it is on: what find does not match, but for the nodes
   * at the other ends of the matched nodes' arrows ({@link HiddenByFind}).
   */
  public Set<String> hidden() {
    return hideNonMatching.get() && !query.isEmpty()
        ? HiddenByFind.of(shown, notMatched(), matched)
        : Set.of();
  }

  public ConsoleSettings settings() {
    return settings;
  }

  // ---- the feed and its pictures

  /**
   * Starts listening to the feed, in the remembered grouping; its snapshots go to {@code layout}.
   */
  public void start(Consumer<TopologySnapshot> layout) {
    options.feed().setGrouping(settings.grouping());
    gate = new LiveGate(layout, this::held);
    subscription = options.feed().subscribe(gate);
  }

  // ---- pause

  /** P: holds the picture still, or lets live updates in again with the newest snapshot, once. */
  public void togglePause() {
    if (gate == null) {
      return;
    }
    if (paused.get()) {
      resume("Live again.");
    } else {
      gate.pause();
      paused.set(true);
      pausedLine.set(pausedText(0));
      say("Paused: the picture holds still until P is pressed again.");
    }
  }

  private void resume(String message) {
    int waited = gate.waiting();
    gate.resume();
    paused.set(false);
    pausedLine.set("");
    say(waited == 0 ? message : message + " " + updates(waited) + " came while paused.");
  }

  /** On the feed's thread: a snapshot was held back; the count is told on the window's thread. */
  private void held() {
    if (heldToTell.compareAndSet(false, true)) {
      try {
        threads
            .window()
            .execute(
                () -> {
                  heldToTell.set(false);
                  if (paused.get()) {
                    pausedLine.set(pausedText(gate.waiting()));
                  }
                });
      } catch (RejectedExecutionException closing) {
        heldToTell.set(false);
      }
    }
  }

  static String pausedText(int waiting) {
    String line = "Paused — press P to resume";
    return waiting == 0 ? line : line + " · " + updates(waiting) + " waiting";
  }

  private static String updates(int n) {
    return n + (n == 1 ? " update" : " updates");
  }

  /**
   * A laid-out picture arrived: it is shown with the find and selection carried over, the selection
   * only while its node is still there.
   *
   * @param pictureIndex the picture's find index
   * @return whether the view should fit the picture: the first, the first with something in it
   *     after new sources, or one laid out afresh
   */
  public boolean show(LaidOutPicture picture, FindIndex pictureIndex) {
    boolean first = shown == null || refitNext;
    if (!picture.snapshot().workloads().isEmpty()) {
      refitNext = false; // new sources: fit their first picture with something in it
    }
    shown = picture;
    stops = null;
    index = pictureIndex;
    waiting.set(false);
    recomputeMatches();
    if (selection.get().isPresent() && index.facts(selection.get().get()).isEmpty()) {
      selection.set(Optional.empty());
    }
    redraw();
    return first || picture.fullLayout();
  }

  /**
   * Says what the picture shown holds: the counts line, and the side pane for the selection. The
   * window calls it a pulse after {@link #show}, so that the picture is drawn alone in its pulse.
   */
  public void describeShown() {
    if (shown == null) {
      return;
    }
    TopologySnapshot s = shown.snapshot();
    long containers = s.workloads().stream().mapToLong(w -> w.containers().size()).sum();
    counts.set(
        s.workloads().size()
            + " boxes · "
            + containers
            + " containers · "
            + shown.picture().outside().size()
            + " outside · "
            + s.findings().size()
            + " findings · by "
            + s.grouping().wireName());
    sidePane.push(sidePaneFor(selection.get()));
  }

  private void redraw() {
    if (shown == null) {
      return;
    }
    Set<String> unmatched = query.isEmpty() ? Set.of() : notMatched();
    Set<String> dimmed = new HashSet<>(unmatched);
    dimmed.addAll(DeadSources.of(shown.snapshot()));
    drawing.push(
        Optional.of(
            new Drawing(
                shown,
                theme.get(),
                dimmed,
                hideNonMatching.get() ? HiddenByFind.of(shown, unmatched, matched) : Set.of(),
                query.isEmpty() ? Set.of() : matched)));
  }

  // ---- find

  /**
   * The find field's text changed: a valid expression dims what it does not match and selects the
   * first node it does; an invalid one says why and changes nothing else.
   */
  public void find(String text) {
    if (text.equals(findText.get())) {
      return;
    }
    findText.set(text);
    runQuery();
  }

  /**
   * Enter in the find field: finds again, and returns the first node matched, which the window
   * centres on.
   */
  public Optional<String> enterFind() {
    return runQuery();
  }

  private Optional<String> runQuery() {
    try {
      query = FindQuery.parse(findText.get());
      findInvalid.set(false);
    } catch (IllegalArgumentException e) {
      findInvalid.set(true);
      say(e.getMessage());
      return Optional.empty();
    }
    recomputeMatches();
    redraw();
    if (query.isEmpty()) {
      say("");
      return Optional.empty();
    }
    long nodes = matched.stream().filter(this::isStop).count();
    say(nodes == 0 ? "Nothing matches." : nodes + " node" + (nodes == 1 ? "" : "s") + " match.");
    Optional<String> first = matched.stream().filter(this::isStop).findFirst();
    if (first.isPresent()) {
      select(first.get(), true);
    } else if (found.isPresent() && selection.get().equals(found)) {
      // A half-typed word that matches nothing: the node an earlier word found is not what is
      // looked for any more, and stays neither selected nor inspected.
      clearSelection();
    }
    found = first;
    return first;
  }

  public void setHideNonMatching(boolean hide) {
    if (hide != hideNonMatching.get()) {
      hideNonMatching.set(hide);
      redraw();
    }
  }

  private void recomputeMatches() {
    matched = index == null || query.isEmpty() ? Set.of() : index.matching(query);
  }

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

  private Set<String> notMatched() {
    Set<String> all = new LinkedHashSet<>(index.all());
    all.removeAll(matched);
    return all;
  }

  // ---- selection

  /** Selects a node; with {@code inspect}, the side pane shows it too. */
  public void select(String id, boolean inspect) {
    selection.set(Optional.of(id));
    if (inspect) {
      inspect();
    }
  }

  /** A click on the picture: on a node selects and inspects it; elsewhere clears the selection. */
  public void clicked(Optional<String> id) {
    if (id.isEmpty()) {
      selection.set(Optional.empty());
    } else {
      select(id.get(), true);
    }
  }

  /**
   * A click on an arrow: selects the node it leaves from and, where tracing knows the call it
   * carries, shows that call alone in the Traffic tab; otherwise the inspector, whose arrows out
   * list it.
   *
   * @param from the id of the node the arrow leaves from (a container, or a node outside)
   * @param to the id of the node it reaches
   */
  public void clickedArrow(String from, String to) {
    selection.set(Optional.of(from));
    if (shown == null) {
      return;
    }
    var overlays = shown.snapshot().overlays();
    Optional<String> call =
        overlays
            .get(from, OverlayKeys.TRACED_NAME)
            .flatMap(
                caller ->
                    overlays
                        .get(to, OverlayKeys.TRACED_NAME)
                        .map(callee -> TracedCall.subject(caller, callee)))
            .filter(subject -> overlays.get(subject, OverlayKeys.TRACED_CALLS).isPresent());
    SidePaneContent content = sidePaneFor(selection.get());
    if (call.isPresent() && content.tabs().contains(SideTab.TRAFFIC)) {
      sidePane.push(content.opening(SideTab.TRAFFIC));
      traffic.chooseCall(call.get());
    } else {
      sidePane.push(content);
    }
  }

  /** Shows the selected node in the side pane. */
  public void inspect() {
    if (shown != null) {
      sidePane.push(sidePaneFor(selection.get()));
    }
  }

  /**
   * Moves the selection to the nearest node that way, hidden nodes skipped; with nothing selected,
   * to the first node. Does not inspect it.
   *
   * @return the node selected, which the window brings into view
   */
  public Optional<String> move(Navigation.Direction direction) {
    if (shown == null) {
      return Optional.empty();
    }
    List<String> order = Navigation.stops(shown, hidden());
    if (order.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> at = selection.get();
    Optional<String> next =
        at.isEmpty() || shown.geometry().rect(at.get()).isEmpty()
            ? Optional.of(order.get(0))
            : Navigation.next(shown.geometry(), at.get(), direction, order);
    next.ifPresent(id -> select(id, false));
    return next;
  }

  /** Esc: closes the help, else clears find, else clears the selection and the side pane. */
  public void escape() {
    if (helpShown.get()) {
      helpShown.set(false);
    } else if (!findText.get().isEmpty()) {
      find("");
    } else {
      clearSelection();
    }
  }

  /** Selects nothing and empties the side pane. */
  private void clearSelection() {
    selection.set(Optional.empty());
    if (shown != null) {
      traffic.inspect(shown.snapshot(), Optional.empty());
      proxies.inspect(shown.snapshot(), Optional.empty());
      logs.inspect(shown.snapshot(), Optional.empty());
      events.inspect(shown.snapshot(), Optional.empty());
    }
    sidePane.push(SidePaneContent.NOTHING);
  }

  public void toggleHelp() {
    helpShown.set(!helpShown.get());
  }

  private SidePaneContent sidePaneFor(Optional<String> node) {
    traffic.inspect(shown.snapshot(), node);
    proxies.inspect(shown.snapshot(), node);
    logs.inspect(shown.snapshot(), node);
    events.inspect(shown.snapshot(), node);
    return new SidePaneContent(
        node,
        SideTab.forNode(
            node,
            TrafficViewModel.traced(shown.snapshot(), node) || traffic.traceOpen(),
            ProxyViewModel.proxied(shown.snapshot(), node),
            LogViewModel.logged(shown.snapshot(), node)),
        node.flatMap(id -> InspectorModel.of(shown.snapshot(), shown.picture(), id)));
  }

  // ---- logs

  /** L: brings the Logs tab forward for the node selected, when it has logs. */
  public void showLogs() {
    bringForward(SideTab.LOGS, "logs");
  }

  /** E: brings the Events tab forward for the node selected, when it has events. */
  public void showEvents() {
    bringForward(SideTab.EVENTS, "events");
  }

  /** Brings {@code tab} forward for the node selected, or says why it cannot. */
  private void bringForward(SideTab tab, String what) {
    if (shown == null || selection.get().isEmpty()) {
      say("Select a pod, task or container to see its " + what + ".");
      return;
    }
    SidePaneContent content = sidePaneFor(selection.get());
    if (content.tabs().contains(tab)) {
      sidePane.push(content.opening(tab));
    } else {
      sidePane.push(content);
      say("This node has no " + what + " of its own: select a pod, task or container.");
    }
  }

  /**
   * Shows the previous run of a container in the Logs tab (what it wrote before it last restarted):
   * the container is selected and inspected, the Logs tab brought forward, and its previous run
   * tailed beside the current one. For a finding such as {@code SIDECAR_RESTARTING}.
   *
   * @param containerId the container's id, {@code <workload id>/<container name>}
   */
  public void showPreviousLogs(String containerId) {
    select(containerId, true);
    if (shown == null) {
      return;
    }
    SidePaneContent content = sidePane.get();
    if (content.tabs().contains(SideTab.LOGS)) {
      sidePane.push(content.opening(SideTab.LOGS));
      logs.showPrevious(containerId.substring(containerId.lastIndexOf('/') + 1));
    }
  }

  /** A trace id in a log line: the Traffic tab opens that trace over whatever it showed. */
  private void openTrace(String traceId) {
    traffic.openTraceById(traceId);
    if (shown == null) {
      return;
    }
    sidePane.push(sidePaneFor(selection.get()).opening(SideTab.TRAFFIC));
  }

  // ---- grouping, theme

  /** Groups by {@code g} from now on: asks the feed, says so and remembers it. */
  public void setGrouping(Grouping g) {
    settings = settings.withGrouping(g);
    grouping.set(g);
    if (gate != null) {
      gate.letThrough(g); // paused or not, the grouping asked for shows
    }
    options.feed().setGrouping(g);
    say("Grouped by " + g.wireName() + ".");
    saveSettings();
  }

  /** Uses the theme chosen, the system's resolved, and remembers it. */
  public void setTheme(ThemeChoice choice) {
    settings = settings.withTheme(choice);
    themeChoice.set(choice);
    theme.set(choice.resolve(osTheme));
    redraw();
    saveSettings();
  }

  /** T: light to dark and back, whatever was chosen before. */
  public void toggleTheme() {
    setTheme(theme.get() == Theme.DARK ? ThemeChoice.LIGHT : ThemeChoice.DARK);
  }

  // ---- sources

  /**
   * The catalog the Sources dialog chooses from; when the app gave none, says that sources cannot
   * be changed here and returns empty.
   */
  public Optional<SourceCatalog> sourceCatalog() {
    if (options.sources().isEmpty()) {
      say("Sources cannot be changed here.");
    }
    return options.sources();
  }

  /** The Sources dialog connected new sources: remembered, and the picture fits what comes. */
  public void sourcesApplied(SourceChoice choice, String newTitle) {
    settings = settings.withSources(choice);
    saveSettings();
    connecting(newTitle, "Connecting to " + choice.describe() + "; remembered for the next start.");
  }

  /** Starts the built-in sample instead of the sources in use, off this thread. */
  public void openDemo() {
    if (options.sources().isEmpty() || !offersEnabled.get()) {
      return;
    }
    SourceCatalog catalog = options.sources().get();
    offersEnabled.set(false);
    nothingFoundWhy.set("Starting the built-in sample cluster…");
    try {
      threads
          .sources()
          .execute(
              () -> {
                try {
                  String demoTitle = catalog.openDemo();
                  threads
                      .window()
                      .execute(() -> connecting(demoTitle, "Opened the built-in sample cluster."));
                } catch (RuntimeException e) {
                  String why =
                      e instanceof SourceCatalog.Unavailable
                          ? e.getMessage()
                          : "The demo could not start (" + e.getClass().getSimpleName() + ").";
                  threads
                      .window()
                      .execute(
                          () -> {
                            nothingFoundWhy.set(why);
                            offersEnabled.set(true);
                          });
                }
              });
    } catch (RejectedExecutionException closing) {
      // The window is closing.
    }
  }

  /** New sources are connecting: the empty state goes, the picture fits what comes next. */
  private void connecting(String newTitle, String message) {
    if (paused.get()) {
      resume("Live again."); // new sources: a picture held from the old ones would mislead
    }
    nothingFound.set(false);
    if (shown == null) {
      waiting.set(true);
    }
    refitNext = true;
    title.set(newTitle);
    say(message);
  }

  // ---- status and settings

  /** An export was written into {@code folder}: the next export's dialog opens there. */
  public void exportedTo(java.nio.file.Path folder) {
    if (settings.exportFolder().equals(Optional.of(folder))) {
      return;
    }
    settings = settings.withExportFolder(folder);
    saveSettings();
  }

  /** Says something in the status line. */
  public void say(String message) {
    status.set(message);
  }

  private void saveSettings() {
    ConsoleSettings snapshot = settings;
    threads
        .files()
        .execute(
            () -> {
              try {
                store.save(snapshot);
              } catch (IOException e) {
                String why = "Could not save settings to " + store.file() + ": " + e.getMessage();
                threads.window().execute(() -> say(why));
              }
            });
  }

  /**
   * The window closes: stops listening to the feed and saves the settings with the window's place.
   *
   * @param window where the window was; empty when it never showed
   */
  public void close(Optional<ConsoleSettings.WindowBounds> window, boolean maximized) {
    window.ifPresent(w -> settings = settings.withWindow(w, maximized));
    logs.close();
    events.close();
    try {
      if (subscription != null) {
        subscription.close();
      }
    } catch (Exception e) {
      // The feed is going away with the window; nothing more to do with it.
    }
    saveSettings();
  }
}
