package dev.sidescope.views.fx;

import dev.sidescope.views.sources.SourceCatalog;
import dev.sidescope.views.sources.SourceChoice;
import dev.sidescope.views.sources.SourceOffer;
import dev.sidescope.views.sources.XRayChoice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The Sources dialog (Ctrl+O): kube contexts of the kubeconfig (several at once) with an optional
 * namespace, an AWS profile and region for ECS with the clusters to watch, listed on request, and
 * X-Ray: its API over a window, and a local port that listens for segments like the daemon.
 *
 * <p>Everything that reads a file or the network — the offer, the cluster list, connecting — runs
 * on the console's worker through the {@link SourceCatalog}; the FX thread only shows progress and
 * the outcome, one sentence when something fails. Create and use it on the FX thread.
 */
final class SourcesDialog {
  private final SourceCatalog catalog;
  private final Executor worker;
  private final BiConsumer<SourceChoice, String> onApplied;
  private final Stage stage = new Stage();

  private final Label kubeconfig = new Label();
  private final Label awsNote = new Label();
  private final VBox contexts = new VBox(6);
  private final TextField namespace = new TextField();
  private final CheckBox ecs = new CheckBox("Watch Amazon ECS");
  private final ComboBox<String> profile = new ComboBox<>();
  private final ComboBox<String> region = new ComboBox<>();
  private final Button listClusters = new Button("List clusters");
  private final VBox clusters = new VBox(6);
  private final TextField clusterNames = new TextField();
  private final CheckBox xrayApi = new CheckBox("Ask the X-Ray API for latency, errors and traces");
  private final ComboBox<String> xrayWindow = new ComboBox<>();
  private final CheckBox xrayDaemon = new CheckBox("Listen for segments like the X-Ray daemon");
  private final TextField daemonAddress = new TextField();
  private final ProgressIndicator progress = new ProgressIndicator();
  private final Label message = new Label();
  private final Button apply = new Button("Apply");
  private final Button cancel = new Button("Cancel");

  private SourceOffer offer;
  private boolean busy;

  SourcesDialog(
      Window owner,
      SourceCatalog catalog,
      Executor worker,
      String stylesheet,
      List<String> styleClasses,
      BiConsumer<SourceChoice, String> onApplied) {
    this.catalog = catalog;
    this.worker = worker;
    this.onApplied = onApplied;
    VBox root = build();
    root.getStyleClass().addAll(styleClasses);
    Scene scene = new Scene(root, 640, 870);
    scene.getStylesheets().add(stylesheet);
    scene.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ESCAPE) {
            stage.close();
            e.consume();
          }
        });
    stage.setScene(scene);
    stage.setTitle("Sidescope — sources");
    if (owner != null) {
      stage.initOwner(owner);
      stage.initModality(Modality.WINDOW_MODAL);
    }
  }

  /** Shows the dialog and starts reading what can be chosen. */
  void show() {
    stage.show();
    stage.toFront();
    busy(true, "Reading the kubeconfig and the AWS profiles…");
    background(
        () -> new Loaded(catalog.offer(), catalog.inUse()),
        loaded -> {
          busy(false, "");
          fill(loaded.offer(), loaded.inUse());
        });
  }

  Stage stage() {
    return stage;
  }

  private record Loaded(SourceOffer offer, SourceChoice inUse) {}

  private VBox build() {
    Label title = new Label("Sources");
    title.getStyleClass().add("title-3");

    Label kubeHeading = heading("Kubernetes");
    kubeconfig.getStyleClass().add("text-muted");
    kubeconfig.setWrapText(true);
    kubeconfig.setMinHeight(Region.USE_PREF_SIZE); // wrap the file list, never cut it
    contexts.setId("sources-contexts");
    ScrollPane contextScroll = new ScrollPane(contexts);
    contextScroll.setFitToWidth(true);
    contextScroll.setPrefViewportHeight(140);
    namespace.setId("sources-namespace");
    namespace.setPromptText("all namespaces");
    HBox namespaceRow = new HBox(8, new Label("Namespace"), namespace);
    namespaceRow.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(namespace, Priority.ALWAYS);

    Label ecsHeading = heading("Amazon ECS");
    awsNote.getStyleClass().add("text-muted");
    awsNote.setWrapText(true);
    awsNote.setMinHeight(Region.USE_PREF_SIZE);
    ecs.setId("sources-ecs");
    profile.setId("sources-profile");
    profile.setPromptText("profile");
    profile.setMaxWidth(Double.MAX_VALUE);
    region.setId("sources-region");
    region.setEditable(true);
    region.setPromptText("the profile's region");
    region.setMaxWidth(Double.MAX_VALUE);
    profile.valueProperty().addListener((o, a, b) -> onProfile(b));
    listClusters.setId("sources-list-clusters");
    listClusters.setOnAction(e -> listClusters());
    GridPane aws = new GridPane();
    aws.setHgap(8);
    aws.setVgap(6);
    aws.addRow(0, new Label("Profile"), profile);
    aws.addRow(1, new Label("Region"), region);
    GridPane.setHgrow(profile, Priority.ALWAYS);
    GridPane.setHgrow(region, Priority.ALWAYS);
    clusters.setId("sources-clusters");
    Label clustersHint = new Label("Clusters (none ticked: every cluster of the region)");
    clustersHint.getStyleClass().add("text-muted");
    ScrollPane clusterScroll = new ScrollPane(clusters);
    clusterScroll.setFitToWidth(true);
    clusterScroll.setPrefViewportHeight(100);
    HBox listRow = new HBox(8, listClusters, clustersHint);
    listRow.setAlignment(Pos.CENTER_LEFT);
    clusterNames.setId("sources-cluster-names");
    clusterNames.setPromptText("or name them: orders, payments (when listing is not allowed)");
    for (Node n : List.of(profile, region, listClusters, clusterScroll, clusterNames)) {
      n.disableProperty().bind(ecs.selectedProperty().not());
    }

    Label xrayHeading = heading("AWS X-Ray");
    Label xrayNote =
        new Label(
            "The API is read beside ECS, with the profile and region above. Apps reach the daemon"
                + " port through AWS_XRAY_DAEMON_ADDRESS.");
    xrayNote.getStyleClass().add("text-muted");
    xrayNote.setWrapText(true);
    xrayNote.setMinHeight(Region.USE_PREF_SIZE);
    xrayApi.setId("sources-xray-api");
    xrayWindow.setId("sources-xray-window");
    xrayWindow.getItems().setAll(WINDOWS);
    xrayWindow.disableProperty().bind(xrayApi.selectedProperty().not());
    HBox apiRow = new HBox(8, xrayApi, new Label("over the last"), xrayWindow);
    apiRow.setAlignment(Pos.CENTER_LEFT);
    xrayDaemon.setId("sources-xray-daemon");
    daemonAddress.setId("sources-xray-daemon-address");
    daemonAddress.setPromptText("[HOST:]PORT");
    daemonAddress.setPrefColumnCount(14);
    daemonAddress.disableProperty().bind(xrayDaemon.selectedProperty().not());
    xrayDaemon
        .selectedProperty()
        .addListener(
            (o, was, on) -> {
              if (on && daemonAddress.getText().isBlank()) {
                daemonAddress.setText(XRayChoice.DEFAULT_DAEMON);
              }
            });
    HBox daemonRow = new HBox(8, xrayDaemon, daemonAddress);
    daemonRow.setAlignment(Pos.CENTER_LEFT);

    progress.setId("sources-progress");
    progress.setPrefSize(18, 18);
    progress.setVisible(false);
    message.setId("sources-message");
    message.setWrapText(true);
    message.setMaxWidth(Double.MAX_VALUE);
    message.setMinHeight(Region.USE_PREF_SIZE);
    HBox.setHgrow(message, Priority.ALWAYS);
    apply.setId("sources-apply");
    apply.setDefaultButton(true);
    apply.getStyleClass().add("accent");
    apply.setOnAction(e -> apply());
    cancel.setId("sources-cancel");
    cancel.setCancelButton(true);
    cancel.setOnAction(e -> stage.close());
    Region spring = new Region();
    HBox.setHgrow(spring, Priority.ALWAYS);
    cancel.setMinWidth(Region.USE_PREF_SIZE);
    apply.setMinWidth(Region.USE_PREF_SIZE);
    HBox status = new HBox(8, progress, message);
    status.setAlignment(Pos.CENTER_LEFT);
    HBox buttons = new HBox(8, spring, cancel, apply);
    buttons.setAlignment(Pos.CENTER_RIGHT);

    VBox root =
        new VBox(
            10,
            title,
            kubeHeading,
            kubeconfig,
            contextScroll,
            namespaceRow,
            new Separator(),
            ecsHeading,
            awsNote,
            ecs,
            aws,
            listRow,
            clusterScroll,
            clusterNames,
            new Separator(),
            xrayHeading,
            xrayNote,
            apiRow,
            daemonRow,
            new Separator(),
            status,
            buttons);
    VBox.setVgrow(contextScroll, Priority.ALWAYS);
    root.setId("sources-dialog");
    root.setPadding(new Insets(16));
    return root;
  }

  /** The X-Ray API windows offered, as shown. */
  private static final List<String> WINDOWS = List.of("1 min", "5 min", "15 min", "30 min", "1 h");

  private static String window(Duration d) {
    return d.toMinutes() >= 60 && d.toMinutes() % 60 == 0
        ? d.toHours() + " h"
        : d.toMinutes() + " min";
  }

  private static Duration window(String shown) {
    String[] parts = shown.strip().split("\\s+");
    long n = Long.parseLong(parts[0]);
    return parts.length > 1 && parts[1].equals("h") ? Duration.ofHours(n) : Duration.ofMinutes(n);
  }

  private static Label heading(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("title-4");
    return l;
  }

  private void fill(SourceOffer found, SourceChoice inUse) {
    offer = found;
    SourceChoice start = found.startingPoint(inUse);
    kubeconfig.setText(
        found.kubeProblem().map(p -> p).orElse("Contexts of " + found.kubeconfig() + ":"));
    contexts.getChildren().clear();
    for (String name : found.kubeContexts()) {
      boolean current = found.currentContext().filter(name::equals).isPresent();
      CheckBox box = new CheckBox(current ? name + "   (current)" : name);
      box.setUserData(name);
      box.setSelected(start.kubeContexts().contains(name));
      contexts.getChildren().add(box);
    }
    namespace.setText(start.namespace().orElse(""));

    profile.getItems().setAll(found.awsProfiles());
    region.getItems().setAll(found.regions());
    ecs.setSelected(start.ecs());
    ecs.setDisable(found.awsProfiles().isEmpty());
    String chosenProfile =
        start
            .awsProfile()
            .or(found::defaultProfile)
            .filter(found.awsProfiles()::contains)
            .orElse(found.awsProfiles().isEmpty() ? null : found.awsProfiles().get(0));
    profile.setValue(chosenProfile);
    start.awsRegion().ifPresent(region::setValue);
    setClusters(start.ecsClusters(), start.ecsClusters());
    clusterNames.clear();
    awsNote.setText(found.awsProblem().orElse("Profiles of the AWS CLI's config and credentials."));
    XRayChoice x = start.xray();
    xrayApi.setSelected(x.api());
    String shown = window(x.window());
    if (!xrayWindow.getItems().contains(shown)) {
      xrayWindow.getItems().add(shown);
    }
    xrayWindow.setValue(shown);
    daemonAddress.setText(x.daemon().orElse(""));
    xrayDaemon.setSelected(x.daemon().isPresent());
    apply.requestFocus();
  }

  private void onProfile(String chosen) {
    if (offer == null || chosen == null) {
      return;
    }
    region.setValue(offer.profileRegions().get(chosen));
    clusters.getChildren().clear();
  }

  private void setClusters(List<String> names, List<String> ticked) {
    clusters.getChildren().clear();
    for (String name : names) {
      CheckBox box = new CheckBox(name);
      box.setUserData(name);
      box.setSelected(ticked.contains(name));
      clusters.getChildren().add(box);
    }
  }

  private void listClusters() {
    String p = profile.getValue();
    if (p == null) {
      say("Choose an AWS profile first.");
      return;
    }
    Optional<String> r = chosenRegion();
    List<String> ticked = ticked(clusters);
    busy(true, "Listing the ECS clusters of " + p + r.map(x -> " in " + x).orElse("") + "…");
    background(
        () -> catalog.ecsClusters(p, r),
        names -> {
          busy(false, names.isEmpty() ? "There are no ECS clusters there." : "");
          setClusters(names, ticked);
        });
  }

  private Optional<String> chosenRegion() {
    // An editable combo box commits typed text on Enter only; read the editor too.
    String typed = region.isEditable() ? region.getEditor().getText() : null;
    String value = typed != null && !typed.isBlank() ? typed : region.getValue();
    return Optional.ofNullable(value).map(String::strip).filter(s -> !s.isEmpty());
  }

  /** Why the X-Ray settings shown cannot be used, in one sentence; empty when they can. */
  Optional<String> xrayProblem() {
    return xrayDaemon.isSelected() ? XRayChoice.problem(daemonAddress.getText()) : Optional.empty();
  }

  /** The X-Ray settings as the dialog shows them; check {@link #xrayProblem()} first. */
  XRayChoice xrayChoice() {
    String w = xrayWindow.getValue();
    return new XRayChoice(
        xrayApi.isSelected(),
        w == null ? XRayChoice.DEFAULT_WINDOW : window(w),
        xrayDaemon.isSelected() ? Optional.of(daemonAddress.getText()) : Optional.empty());
  }

  /** The choice as the dialog shows it now. */
  SourceChoice choice() {
    SourceChoice kube =
        SourceChoice.kubernetes(ticked(contexts), Optional.of(namespace.getText()))
            .withXRay(xrayProblem().isEmpty() ? xrayChoice() : XRayChoice.DEFAULT);
    if (ecs.isSelected() && profile.getValue() != null) {
      List<String> named = new ArrayList<>(ticked(clusters));
      for (String typed : clusterNames.getText().split("[,\\s]+")) {
        named.add(typed);
      }
      return kube.withEcs(profile.getValue(), chosenRegion(), named);
    }
    return kube;
  }

  private static List<String> ticked(VBox boxes) {
    List<String> names = new ArrayList<>();
    for (Node n : boxes.getChildren()) {
      if (n instanceof CheckBox box && box.isSelected()) {
        names.add((String) box.getUserData());
      }
    }
    return names;
  }

  private void apply() {
    if (busy) {
      return;
    }
    Optional<String> xrayProblem = xrayProblem();
    if (xrayProblem.isPresent()) {
      failed(xrayProblem.get());
      daemonAddress.requestFocus();
      return;
    }
    SourceChoice chosen = choice();
    if (chosen.isEmpty()) {
      say("Tick a kube context, or watch ECS with a profile, then apply.");
      return;
    }
    busy(true, "Connecting to " + chosen.describe() + "…");
    background(
        () -> catalog.apply(chosen),
        title -> {
          busy(false, "");
          stage.close();
          onApplied.accept(chosen, title);
        });
  }

  private void busy(boolean on, String text) {
    busy = on;
    progress.setVisible(on);
    apply.setDisable(on);
    listClusters.disableProperty().unbind();
    listClusters.setDisable(on || !ecs.isSelected());
    if (!on) {
      listClusters.disableProperty().bind(ecs.selectedProperty().not());
    }
    say(text);
  }

  private void say(String text) {
    message.setText(text);
  }

  /**
   * Runs {@code work} on the worker and hands its result to {@code then} on the FX thread; a
   * failure becomes one sentence in the dialog.
   */
  private <T> void background(Supplier<T> work, java.util.function.Consumer<T> then) {
    try {
      worker.execute(
          () -> {
            try {
              T result = work.get();
              Platform.runLater(() -> then.accept(result));
            } catch (SourceCatalog.Unavailable e) {
              Platform.runLater(() -> failed(e.getMessage()));
            } catch (RuntimeException e) {
              Platform.runLater(
                  () ->
                      failed(
                          "That did not work ("
                              + (e.getMessage() == null
                                  ? e.getClass().getSimpleName()
                                  : e.getMessage().lines().findFirst().orElse(""))
                              + ")."));
            }
          });
    } catch (RejectedExecutionException closing) {
      stage.close();
    }
  }

  private void failed(String sentence) {
    busy(false, sentence);
    if (!message.getStyleClass().contains("danger")) {
      message.getStyleClass().add("danger");
    }
    message.textProperty().addListener(new ClearDanger(message));
  }

  /** The error colour goes with the next message. */
  private record ClearDanger(Label label) implements javafx.beans.value.ChangeListener<String> {
    @Override
    public void changed(
        javafx.beans.value.ObservableValue<? extends String> o, String before, String after) {
      label.getStyleClass().remove("danger");
      o.removeListener(this);
    }
  }
}
