package dev.sidescope.views.fx;

import dev.sidescope.views.console.ConsoleViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The console's empty state: no cluster found, and why; the demo one click away, or the Sources
 * dialog. Shown over the picture while the view model says so. FX thread only.
 */
final class EmptyState extends VBox {
  private final Button chooseSources = new Button("Choose sources…");

  EmptyState(ConsoleViewModel model, Runnable openSources) {
    super(12);
    Label title = new Label("No cluster found");
    title.getStyleClass().add("title-2");
    Label why = new Label();
    why.setId("nothing-found-why");
    why.setWrapText(true);
    why.getStyleClass().add("text-muted");
    Label hint =
        new Label(
            "Open the built-in sample cluster to look around, or choose a kube context or an AWS"
                + " profile of your own.");
    hint.setWrapText(true);
    Button openDemo = new Button("Open the demo");
    openDemo.setId("open-demo");
    openDemo.getStyleClass().addAll("accent", "large");
    openDemo.setDefaultButton(true);
    openDemo.setOnAction(e -> model.openDemo());
    chooseSources.setId("choose-sources");
    chooseSources.getStyleClass().add("large");
    chooseSources.setOnAction(e -> openSources.run());
    HBox actions = new HBox(10, openDemo, chooseSources);
    actions.setAlignment(Pos.CENTER_LEFT);
    getChildren().addAll(title, why, hint, actions);
    setId("nothing-found");
    getStyleClass().add("nothing-found");
    setPadding(new Insets(24));
    setMaxSize(560, USE_PREF_SIZE);

    model
        .nothingFound()
        .bind(
            shown -> {
              setVisible(shown);
              setManaged(shown);
            });
    model.nothingFoundWhy().bind(why::setText);
    model
        .offersEnabled()
        .bind(
            on -> {
              openDemo.setDisable(!on);
              chooseSources.setDisable(!on);
            });
  }

  /** Whether {@code focus} is the "Choose sources…" button, which Enter then takes. */
  boolean isChooseSources(Node focus) {
    return focus == chooseSources;
  }
}
