package dev.sidescope.views.fx;

import dev.sidescope.topology.model.proxy.ConfigTree;
import dev.sidescope.views.console.ConfigSearch;
import dev.sidescope.views.console.ConsoleKeys;
import dev.sidescope.views.console.ProxyOverview;
import dev.sidescope.views.console.ProxyServerView;
import dev.sidescope.views.console.ProxyViewModel;
import dev.sidescope.views.console.Reply;
import dev.sidescope.views.console.Sparkline;
import dev.sidescope.views.console.StatRow;
import dev.sidescope.views.console.UpstreamRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * The Envoy tab: what a proxy sidecar says of itself (name, version, state, uptime, where it was
 * read), its upstream clusters in a table sortable by every column (most 5xx first, then the
 * busiest, until a person sorts otherwise), its stats found by a search with a small line of recent
 * values each, and its configuration as a tree, read only when a person asks. Binds to a {@link
 * ProxyViewModel} and does nothing else: each snapshot changes rows and texts in place, so the sort
 * order, the scroll, the search text and the tree's open nodes stay as they were. FX thread only.
 */
final class EnvoyPane extends ScrollPane {
  /** How long typing must pause before a search is asked. */
  static final Duration DEBOUNCE = Duration.millis(250);

  private static final double ROW = 26;
  private static final double HEADER = 30;
  private static final PseudoClass UNHEALTHY = PseudoClass.getPseudoClass("unhealthy");

  private final ProxyViewModel model;
  private final VBox content = new VBox(8);
  private final Label heading = new Label();
  private final Label subtitle = new Label();
  private final Label absent = new Label();
  private final Label name = value("envoy-name");
  private final Label version = value("envoy-version");
  private final Label state = value("envoy-state");
  private final Label uptime = value("envoy-uptime");
  private final Label admin = value("envoy-admin");
  private final Label measuring = new Label(ProxyServerView.MEASURING);
  private final GridPane server = new GridPane();
  private final VBox readings;

  private final ObservableList<UpstreamRow> upstreamRows = FXCollections.observableArrayList();
  private final TableView<UpstreamRow> upstreams = new TableView<>();
  private final List<TableColumn<UpstreamRow, UpstreamRow>> columns = new ArrayList<>();
  private final Label upstreamsEmpty = muted("The proxy lists no upstream cluster.");

  private final TextField statsSearch = new TextField();
  private final PauseTransition statsPause = new PauseTransition(DEBOUNCE);
  private final ProgressIndicator statsBusy = busy("envoy-stats-busy");
  private final Label statsMessage = new Label();
  private final ListView<StatRow> stats = new ListView<>();

  private final Button loadConfig = new Button("Load configuration");
  private final ProgressIndicator configBusy = busy("envoy-config-busy");
  private final Label configMessage = new Label();
  private final TextField configSearch = new TextField();
  private final PauseTransition configPause = new PauseTransition(DEBOUNCE);
  private final Label configFound = muted("");
  private final TreeView<ConfigTree> config = new TreeView<>();
  private final VBox configShown;
  private ConfigTree configRoot;

  EnvoyPane(ProxyViewModel model) {
    this.model = model;
    setId("envoy");
    setFitToWidth(true);
    setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

    heading.setId("envoy-heading");
    heading.getStyleClass().add("title-4");
    heading.setWrapText(true);
    subtitle.getStyleClass().add("text-muted");
    subtitle.setWrapText(true);
    absent.setId("envoy-absent");
    absent.setWrapText(true);

    server.setId("envoy-server");
    server.setHgap(10);
    server.setVgap(3);
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(60);
    ColumnConstraints values = new ColumnConstraints();
    values.setHgrow(Priority.ALWAYS);
    values.setMinWidth(0);
    server.getColumnConstraints().addAll(labels, values);
    int row = 0;
    for (Label v : List.of(name, version, state, uptime, admin)) {
      server.addRow(row++, muted(v.getId().substring("envoy-".length())), v);
    }
    measuring.setId("envoy-measuring");
    measuring.getStyleClass().add("text-muted");
    measuring.setStyle("-fx-font-style: italic;");

    buildUpstreams();
    buildStats();
    buildConfig();

    HBox statsHeader = new HBox(8, heading("Stats"), statsBusy);
    statsHeader.setAlignment(Pos.CENTER_LEFT);
    HBox configHeader = new HBox(8, heading("Configuration"), configBusy);
    configHeader.setAlignment(Pos.CENTER_LEFT);
    configShown = new VBox(6, configSearchRow(), configFound, config);
    readings =
        new VBox(
            8,
            server,
            measuring,
            heading("Upstream clusters"),
            upstreams,
            upstreamsEmpty,
            statsHeader,
            statsSearch,
            statsMessage,
            stats,
            configHeader,
            loadConfig,
            configMessage,
            configShown);

    content.setPadding(new Insets(10));
    content.getChildren().addAll(heading, subtitle, absent, readings);
    setContent(content);

    model.overview().bind(this::showOverview);
    model.stats().bind(this::showStats);
    model.config().bind(this::showConfig);
    statsSearch.setText(model.statsSearch().get());
  }

  // ---- building

  private void buildUpstreams() {
    upstreams.setId("envoy-upstreams");
    upstreams.setFixedCellSize(ROW);
    upstreams.getProperties().put(ConsoleKeys.Focus.class, ConsoleKeys.Focus.SIDE_LIST);
    for (UpstreamRow.Column c : UpstreamRow.Column.SHOWN) {
      TableColumn<UpstreamRow, UpstreamRow> col = new TableColumn<>(c.title());
      col.setId("envoy-col-" + c.name().toLowerCase(Locale.ROOT));
      col.setUserData(c);
      col.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
      col.setComparator(c.order());
      col.setCellFactory(t -> new UpstreamCell(c));
      // Wide enough for the header and its sort arrow; the cluster's name takes what is left.
      col.setPrefWidth(
          c == UpstreamRow.Column.CLUSTER ? 210 : Math.max(58, 8.5 * c.title().length() + 30));
      if (c != UpstreamRow.Column.CLUSTER) {
        col.setStyle("-fx-alignment: CENTER-RIGHT;");
      }
      columns.add(col);
    }
    upstreams.getColumns().setAll(columns);
    // The rows stay in one order (by cluster) underneath; the table's sort sits on top, so that a
    // new snapshot replaces figures in place and the order a person chose holds.
    SortedList<UpstreamRow> sorted = new SortedList<>(upstreamRows);
    sorted.comparatorProperty().bind(upstreams.comparatorProperty());
    upstreams.setItems(sorted);
    TableColumn<UpstreamRow, UpstreamRow> errors = column(UpstreamRow.Column.SERVER_ERRORS);
    TableColumn<UpstreamRow, UpstreamRow> busiest = column(UpstreamRow.Column.RPS);
    errors.setSortType(TableColumn.SortType.DESCENDING);
    busiest.setSortType(TableColumn.SortType.DESCENDING);
    upstreams.getSortOrder().setAll(List.of(errors, busiest));
    upstreams.setRowFactory(
        t ->
            new TableRow<>() {
              @Override
              protected void updateItem(UpstreamRow r, boolean empty) {
                super.updateItem(r, empty);
                boolean marked = !empty && r != null && r.marked();
                pseudoClassStateChanged(UNHEALTHY, marked);
              }
            });
    upstreams.getStyleClass().add("envoy-upstreams");
    upstreamsEmpty.setId("envoy-upstreams-empty");
  }

  private void buildStats() {
    statsSearch.setId("envoy-stats-search");
    SideFields.clearsOnEscape(statsSearch);
    statsSearch.setPromptText("Search stats: upstream_rq, cx_active, payment…");
    statsPause.setOnFinished(e -> model.searchStats(statsSearch.getText()));
    statsSearch.textProperty().addListener((o, before, after) -> statsPause.playFromStart());
    statsSearch.setOnAction(
        e -> {
          statsPause.stop();
          model.searchStats(statsSearch.getText());
        });
    statsMessage.setId("envoy-stats-message");
    statsMessage.setWrapText(true);
    stats.setId("envoy-stats");
    stats.setFixedCellSize(ROW);
    stats.setPrefHeight(ROW * 8 + 4);
    stats.setMinHeight(ROW * 3 + 4);
    stats.setCellFactory(v -> new StatCell());
    stats.getProperties().put(ConsoleKeys.Focus.class, ConsoleKeys.Focus.SIDE_LIST);
  }

  private void buildConfig() {
    loadConfig.setId("envoy-load-config");
    loadConfig.setOnAction(e -> model.loadConfiguration());
    configMessage.setId("envoy-config-message");
    configMessage.setWrapText(true);
    config.setId("envoy-config");
    config.setShowRoot(false);
    config.setPrefHeight(28 * 14 + 4);
    config.setMinHeight(28 * 4 + 4);
    config.setCellFactory(
        t ->
            new TreeCell<>() {
              @Override
              protected void updateItem(ConfigTree node, boolean empty) {
                super.updateItem(node, empty);
                setText(empty || node == null ? null : ConfigSearch.line(node));
              }
            });
    config.getProperties().put(ConsoleKeys.Focus.class, ConsoleKeys.Focus.SIDE_LIST);
    configSearch.setId("envoy-config-search");
    SideFields.clearsOnEscape(configSearch);
    configSearch.setPromptText("Find in the configuration (Enter: next)");
    configPause.setOnFinished(e -> findInConfig(false));
    configSearch.textProperty().addListener((o, before, after) -> configPause.playFromStart());
    configSearch.setOnAction(
        e -> {
          configPause.stop();
          findInConfig(true);
        });
    configFound.setId("envoy-config-found");
  }

  private Node configSearchRow() {
    HBox.setHgrow(configSearch, Priority.ALWAYS);
    return new HBox(6, configSearch);
  }

  private TableColumn<UpstreamRow, UpstreamRow> column(UpstreamRow.Column which) {
    return columns.stream().filter(c -> c.getUserData() == which).findFirst().orElseThrow();
  }

  // ---- from the view model

  private void showOverview(Optional<ProxyOverview> o) {
    if (o.isEmpty()) {
      heading.setText("No proxy");
      subtitle.setText("Select an Envoy sidecar, or a pod that has one.");
      shown(absent, false);
      shown(readings, false);
      upstreamRows.clear();
      return;
    }
    ProxyOverview v = o.get();
    heading.setText(v.heading());
    subtitle.setText(v.subtitle());
    absent.setText(v.absent());
    shown(absent, v.server().isEmpty());
    shown(readings, v.server().isPresent());
    v.server().ifPresent(this::showServer);
    showUpstreams(v.upstreams());
  }

  private void showServer(ProxyServerView s) {
    name.setText(s.name());
    version.setText(s.version());
    state.setText(s.live() ? s.state() : s.state() + " — not serving traffic");
    state.setStyle(
        s.live()
            ? "-fx-text-fill: -color-success-fg;"
            : "-fx-text-fill: -color-warning-fg; -fx-font-weight: bold;");
    uptime.setText(s.uptime());
    admin.setText(s.admin());
    shown(measuring, s.measuring());
  }

  private void showUpstreams(List<UpstreamRow> rows) {
    List<UpstreamRow> byCluster = new ArrayList<>(rows);
    byCluster.sort(Comparator.comparing(UpstreamRow::cluster));
    UpstreamRow picked = upstreams.getSelectionModel().getSelectedItem();
    replaceInPlace(upstreamRows, byCluster, UpstreamRow::cluster);
    if (picked != null) {
      for (int i = 0; i < upstreams.getItems().size(); i++) {
        if (upstreams.getItems().get(i).cluster().equals(picked.cluster())) {
          upstreams.getSelectionModel().select(i);
          break;
        }
      }
    }
    int n = Math.max(1, Math.min(8, rows.size()));
    upstreams.setPrefHeight(HEADER + n * ROW + 18);
    shown(upstreams, !rows.isEmpty());
    shown(upstreamsEmpty, rows.isEmpty());
  }

  private void showStats(Reply<List<StatRow>> r) {
    shown(statsBusy, r.state() == Reply.State.ASKING);
    List<StatRow> rows = r.value().orElse(List.of());
    String message = r.state() == Reply.State.ASKING ? "" : r.message();
    if (r.value().isPresent() && rows.isEmpty()) {
      message =
          model.statsSearch().get().isBlank()
              ? "The proxy has no stats."
              : "No stat's name holds \"" + model.statsSearch().get() + "\".";
    }
    statsMessage.setText(message);
    danger(statsMessage, r.state() == Reply.State.FAILED);
    shown(statsMessage, !message.isEmpty());
    // A new search or sidecar shows nothing of the old one while it is asked; a refresh keeps
    // its rows (it stays READY until its answer).
    replaceInPlace(stats.getItems(), rows, StatRow::name);
  }

  private void showConfig(Reply<ConfigTree> r) {
    shown(configBusy, r.state() == Reply.State.ASKING);
    loadConfig.setDisable(r.state() == Reply.State.ASKING);
    loadConfig.setText(r.value().isPresent() ? "Load configuration again" : "Load configuration");
    configMessage.setText(r.state() == Reply.State.FAILED ? r.message() : "");
    danger(configMessage, r.state() == Reply.State.FAILED);
    shown(configMessage, r.state() == Reply.State.FAILED);
    shown(configShown, r.value().isPresent());
    if (r.value().isEmpty()) {
      if (r.state() == Reply.State.NONE) {
        configRoot = null;
        config.setRoot(null);
      }
      return;
    }
    if (r.value().get() != configRoot) {
      configRoot = r.value().get();
      TreeItem<ConfigTree> root = new ConfigItem(configRoot);
      root.setExpanded(true);
      for (TreeItem<ConfigTree> first : root.getChildren()) {
        first.setExpanded(true);
      }
      config.setRoot(root);
      configFound.setText("");
      if (!configSearch.getText().isBlank()) {
        findInConfig(false);
      }
    }
  }

  // ---- finding in the configuration

  /**
   * Selects the next node whose key or value holds the search text, its parents opened: from the
   * one selected ({@code next}) or from the top.
   */
  private void findInConfig(boolean next) {
    if (configRoot == null) {
      return;
    }
    String text = configSearch.getText();
    if (text.isBlank()) {
      configFound.setText("");
      return;
    }
    List<Integer> after = next ? pathOf(config.getSelectionModel().getSelectedItem()) : List.of();
    Optional<List<Integer>> found = ConfigSearch.next(configRoot, text, after);
    if (found.isEmpty()) {
      configFound.setText("Nothing in the configuration holds \"" + text + "\".");
      return;
    }
    TreeItem<ConfigTree> item = config.getRoot();
    for (int i : found.get()) {
      item.setExpanded(true);
      item = item.getChildren().get(i);
    }
    config.getSelectionModel().select(item);
    int at = config.getRow(item);
    config.scrollTo(Math.max(0, at - 3));
    configFound.setText("");
  }

  private static List<Integer> pathOf(TreeItem<ConfigTree> item) {
    List<Integer> path = new ArrayList<>();
    TreeItem<ConfigTree> at = item;
    while (at != null && at.getParent() != null) {
      path.add(0, at.getParent().getChildren().indexOf(at));
      at = at.getParent();
    }
    return path;
  }

  // ---- small pieces

  /**
   * Puts {@code rows} in {@code list}: where the same keys come in the same order, only the rows
   * that changed are replaced, so the list keeps its scroll and selection.
   */
  private static <T> void replaceInPlace(
      ObservableList<T> list, List<T> rows, Function<T, String> key) {
    boolean sameKeys = list.size() == rows.size();
    for (int i = 0; sameKeys && i < rows.size(); i++) {
      sameKeys = key.apply(list.get(i)).equals(key.apply(rows.get(i)));
    }
    if (!sameKeys) {
      list.setAll(rows);
      return;
    }
    for (int i = 0; i < rows.size(); i++) {
      if (!Objects.equals(list.get(i), rows.get(i))) {
        list.set(i, rows.get(i));
      }
    }
  }

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

  private static Label value(String id) {
    Label l = new Label();
    l.setId(id);
    l.setWrapText(true);
    l.setMinWidth(0);
    return l;
  }

  private static Label muted(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("text-muted");
    l.setWrapText(true);
    return l;
  }

  private static Label heading(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("text-bold");
    l.setPadding(new Insets(6, 0, 0, 0));
    return l;
  }

  private static ProgressIndicator busy(String id) {
    ProgressIndicator p = new ProgressIndicator();
    p.setId(id);
    p.setPrefSize(16, 16);
    p.setMaxSize(16, 16);
    shown(p, false);
    return p;
  }

  // ---- for tests

  TableView<UpstreamRow> upstreamTable() {
    return upstreams;
  }

  TableColumn<UpstreamRow, UpstreamRow> upstreamColumn(UpstreamRow.Column which) {
    return column(which);
  }

  ListView<StatRow> statList() {
    return stats;
  }

  TreeView<ConfigTree> configTree() {
    return config;
  }

  TextField statsField() {
    return statsSearch;
  }

  TextField configField() {
    return configSearch;
  }

  /** A figure of an upstream, as its column writes it; the cluster's name marked when unhealthy. */
  private static final class UpstreamCell extends TableCell<UpstreamRow, UpstreamRow> {
    private final UpstreamRow.Column column;
    private final Tooltip hover = new Tooltip(); // one per cell, its text changed with the row

    UpstreamCell(UpstreamRow.Column column) {
      this.column = column;
    }

    @Override
    protected void updateItem(UpstreamRow r, boolean empty) {
      super.updateItem(r, empty);
      if (empty || r == null) {
        setText(null);
        setStyle("");
        return;
      }
      setText(column.text(r));
      if (column == UpstreamRow.Column.CLUSTER) {
        // Cluster names run long; the whole name, and why a row is marked, on hovering.
        hover.setText(r.marked() ? r.cluster() + "\n" + r.mark() : r.cluster());
        setTooltip(hover);
      }
      boolean bad =
          switch (column) {
            case HOSTS -> r.health().totalHosts() > 0 && r.health().healthyHosts() == 0;
            case EJECTED -> r.health().ejectedHosts() > 0;
            case SERVER_ERRORS -> r.serverErrorsPerSecond() > 0;
            case OPEN_BREAKERS -> r.health().openCircuitBreakers() > 0;
            case CLUSTER -> r.marked();
            default -> false;
          };
      setStyle(
          (column == UpstreamRow.Column.CLUSTER ? "" : "-fx-alignment: CENTER-RIGHT;")
              + (bad ? "-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;" : ""));
    }
  }

  /** A stat: its name, its newest value and a small line of its recent values. */
  private static final class StatCell extends ListCell<StatRow> {
    private static final double LINE_WIDTH = 72;
    private static final double LINE_HEIGHT = 16;
    // The accent blue of the light theme; it reads on the dark one too.
    private static final Color LINE = Color.web("#0969da");
    private final Label name = new Label();
    private final Label latest = new Label();
    private final Tooltip hover = new Tooltip(); // one per cell, its text changed with the row
    private final Canvas line = new Canvas(LINE_WIDTH, LINE_HEIGHT);
    private final HBox box;

    StatCell() {
      name.setMinWidth(0);
      name.setMaxWidth(Double.MAX_VALUE);
      name.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
      HBox.setHgrow(name, Priority.ALWAYS);
      latest.setMinWidth(Region.USE_PREF_SIZE);
      latest.setStyle("-fx-font-weight: bold;");
      box = new HBox(8, name, latest, line);
      box.setAlignment(Pos.CENTER_LEFT);
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(StatRow s, boolean empty) {
      super.updateItem(s, empty);
      if (empty || s == null) {
        setGraphic(null);
        return;
      }
      name.setText(s.name());
      latest.setText(s.latest());
      hover.setText(s.name());
      setTooltip(hover);
      draw(s.points());
      setGraphic(box);
    }

    private void draw(List<Sparkline.Point> points) {
      GraphicsContext g = line.getGraphicsContext2D();
      g.clearRect(0, 0, LINE_WIDTH, LINE_HEIGHT);
      if (points.isEmpty()) {
        return;
      }
      g.setStroke(LINE);
      g.setLineWidth(1.3);
      double pad = 2;
      double w = LINE_WIDTH - 2 * pad;
      double h = LINE_HEIGHT - 2 * pad;
      g.beginPath();
      for (int i = 0; i < points.size(); i++) {
        Sparkline.Point p = points.get(i);
        double x = pad + p.x() * w;
        double y = pad + (1 - p.y()) * h;
        if (i == 0) {
          g.moveTo(x, y);
        } else {
          g.lineTo(x, y);
        }
      }
      g.stroke();
      Sparkline.Point last = points.get(points.size() - 1);
      g.setFill(LINE);
      g.fillOval(pad + last.x() * w - 1.5, pad + (1 - last.y()) * h - 1.5, 3, 3);
    }
  }

  /** A node of the configuration whose children are made when it is first opened. */
  private static final class ConfigItem extends TreeItem<ConfigTree> {
    private boolean made;

    ConfigItem(ConfigTree node) {
      super(node);
    }

    @Override
    public boolean isLeaf() {
      return getValue().children().isEmpty();
    }

    @Override
    public ObservableList<TreeItem<ConfigTree>> getChildren() {
      if (!made) {
        made = true;
        List<TreeItem<ConfigTree>> items = new ArrayList<>();
        for (ConfigTree c : getValue().children()) {
          items.add(new ConfigItem(c));
        }
        super.getChildren().setAll(items);
      }
      return super.getChildren();
    }
  }
}
