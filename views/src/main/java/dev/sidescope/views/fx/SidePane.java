package dev.sidescope.views.fx;

import dev.sidescope.views.TextClipboard;
import dev.sidescope.views.console.EventsViewModel;
import dev.sidescope.views.console.LogViewModel;
import dev.sidescope.views.console.ProxyViewModel;
import dev.sidescope.views.console.SidePaneContent;
import dev.sidescope.views.console.SideTab;
import dev.sidescope.views.console.TrafficViewModel;
import dev.sidescope.views.inspect.FindingRow;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;

/**
 * The console's side: above, the tabs the view model lists for the node inspected (the inspector,
 * Traffic for a node tracing knows, Envoy for a proxy sidecar or a box that holds one); below, the
 * findings list. The tab a person chose stays chosen while it is listed, and comes back when it is
 * listed again. FX thread only.
 */
final class SidePane extends SplitPane {
  /** Rows of the findings table made per pulse after a picture arrives. */
  private static final int FINDINGS_SLICE = 2;

  /** Past this many findings rows the table's rows for a screen are made. */
  private static final int SCREENFUL = 8 * FINDINGS_SLICE;

  private final TabPane tabs = new TabPane();
  private final Map<SideTab, Tab> made = new EnumMap<>(SideTab.class);
  private final InspectorPane inspector = new InspectorPane();
  private Function<String, Optional<String>> commandFor = id -> Optional.empty();
  private final FindingsPane findings = new FindingsPane();
  private TrafficPane traffic;
  private EnvoyPane envoy;
  private LogPane logs;
  private EventsPane events;
  private SideTab preferred = SideTab.INSPECTOR;
  private final PulseQueue later;

  SidePane(PulseQueue later) {
    this.later = later;
    tabs.setId("side-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    setOrientation(Orientation.VERTICAL);
    getItems().addAll(tabs, findings);
    setDividerPositions(0.6);
    tabs.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, before, after) -> {
              if (after != null && !settingTabs) {
                preferred = (SideTab) after.getUserData();
              }
            });
  }

  private boolean settingTabs;

  /** The Traffic tab shows this view model's state. Call it before the first {@link #show}. */
  void bindTraffic(TrafficViewModel model) {
    traffic = new TrafficPane(model);
  }

  /**
   * The Envoy tab shows this view model's state, and tells it when it is brought forward or left.
   * Call it before the first {@link #show}.
   */
  void bindProxies(ProxyViewModel model) {
    envoy = new EnvoyPane(model);
    tab(SideTab.ENVOY).selectedProperty().addListener((o, before, after) -> model.tabOpen(after));
  }

  /**
   * The Logs tab shows this view model's lines, and tells it when it is brought forward or left;
   * its Window button hands a detached view model to {@code detached}. Call it before the first
   * {@link #show}.
   */
  void bindLogs(LogViewModel model, TextClipboard clipboard, Consumer<LogViewModel> detached) {
    logs = new LogPane(model, clipboard, true);
    logs.onDetach(detached);
    tab(SideTab.LOGS).selectedProperty().addListener((o, before, after) -> model.showing(after));
  }

  /**
   * The Events tab shows this view model's events, and tells it when it is brought forward or left.
   * Call it before the first {@link #show}.
   */
  void bindEvents(EventsViewModel model, TextClipboard clipboard) {
    events = new EventsPane(model, clipboard);
    tab(SideTab.EVENTS).selectedProperty().addListener((o, before, after) -> model.showing(after));
  }

  /** Moves the focus to the Events tab's events, when the tab shows. */
  void focusEvents() {
    if (events != null && tab(SideTab.EVENTS).isSelected()) {
      events.focusRows();
    }
  }

  EventsPane events() {
    return events;
  }

  /** Where the inspector's link to a restarting sidecar's previous run goes. */
  void onPreviousLogs(Consumer<String> handler) {
    inspector.onPreviousLogs(handler);
  }

  /**
   * Where the inspector's "Copy command" link finds the command of the node it shows, and where it
   * sends it.
   */
  void onCopyCommand(Function<String, Optional<String>> commandFor, Consumer<String> copy) {
    this.commandFor = commandFor;
    inspector.onCopyCommand(copy);
  }

  LogPane logs() {
    return logs;
  }

  /** Moves the focus to the Logs tab's lines, when the tab shows. */
  void focusLogs() {
    if (logs != null && tab(SideTab.LOGS).isSelected()) {
      logs.focusLines();
    }
  }

  EnvoyPane envoy() {
    return envoy;
  }

  TrafficPane traffic() {
    return traffic;
  }

  FindingsPane findings() {
    return findings;
  }

  /** Shows the tabs listed, made once each and kept, and what they say. */
  void show(SidePaneContent content) {
    List<Tab> wanted = content.tabs().stream().map(this::tab).toList();
    if (!tabs.getTabs().equals(wanted)) {
      settingTabs = true;
      tabs.getTabs().setAll(wanted);
      settingTabs = false;
      if (content.tabs().contains(preferred)) {
        tabs.getSelectionModel().select(tab(preferred));
      }
    }
    content
        .open()
        .ifPresent(
            t -> {
              preferred = t;
              tabs.getSelectionModel().select(tab(t));
            });
    inspector.show(
        content.inspection(),
        content.inspection().isPresent() ? content.node().flatMap(commandFor) : Optional.empty());
  }

  private Tab tab(SideTab which) {
    return made.computeIfAbsent(
        which,
        t -> {
          Tab tab = new Tab(t.title(), content(t));
          tab.setId("tab-" + t.name().toLowerCase(java.util.Locale.ROOT));
          if (t == SideTab.LOGS) {
            tab.setTooltip(new Tooltip("The node's log lines (L)"));
          } else if (t == SideTab.EVENTS) {
            tab.setTooltip(new Tooltip("What the platform said of the node: probes, restarts (E)"));
          }
          tab.setUserData(t);
          return tab;
        });
  }

  private Node content(SideTab which) {
    return switch (which) {
      case INSPECTOR -> inspector;
      case TRAFFIC -> traffic;
      case ENVOY -> envoy;
      case LOGS -> logs;
      case EVENTS -> events;
    };
  }

  /**
   * Shows a picture's findings (worst first) a slice per pulse, until the table shows them all:
   * each pulse then makes only the few table rows that newly come into view. A table that already
   * shows a screenful has its rows made: the new findings all at once.
   *
   * @param boxes the picture's boxes, for the empty table's sentence
   */
  void showFindings(List<FindingRow> rows, int boxes) {
    int first = findings.getItems().size() >= SCREENFUL ? Integer.MAX_VALUE : FINDINGS_SLICE;
    later.later("findings", () -> fillFindings(rows, boxes, first));
  }

  private void fillFindings(List<FindingRow> rows, int boxes, int upTo) {
    int n = Math.min(upTo, rows.size());
    findings.show(rows.subList(0, n), boxes);
    if (n < rows.size()) {
      // Past a few screens' worth, the rest costs no new rows: all of it at once.
      int next = upTo >= SCREENFUL ? rows.size() : upTo + FINDINGS_SLICE;
      later.later("findings", () -> fillFindings(rows, boxes, next));
    }
  }
}
