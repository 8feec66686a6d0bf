package dev.sidescope.views.fx;

import dev.sidescope.topology.model.Grouping;
import dev.sidescope.views.ExportFormat;
import dev.sidescope.views.console.ConsoleViewModel;
import dev.sidescope.views.settings.ThemeChoice;
import java.util.Locale;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The console's toolbar: find and "hide non-matching", grouping, zoom, fit and re-arrange, the
 * Sources button, the theme and export menus and the help button, bound to the view model. FX
 * thread only.
 */
final class ConsoleToolBar extends ToolBar {
  private final ConsoleViewModel model;
  private final TextField find = new TextField();
  private final CheckBox hideNonMatching = new CheckBox("Hide non-matching");
  private final ToggleGroup groupingToggle = new ToggleGroup();
  private final ToggleGroup themes = new ToggleGroup();

  /**
   * @param openSources opens the Sources dialog; its button shows only when {@code sourcesOffered}
   */
  ConsoleToolBar(
      ConsoleViewModel model,
      TopologyView view,
      LayoutWorker worker,
      ExportActions exports,
      Runnable openSources,
      boolean sourcesOffered) {
    this.model = model;
    find.setId("find");
    find.setPromptText("Find (/)  e.g. order  ns:shop  kind:envoy");
    find.setPrefColumnCount(22);
    find.setTooltip(
        new Tooltip(
            "Names, or ns:shop  kind:envoy  finding:SIDECAR_NOT_READY  severity:warning"
                + "  has:finding  platform:ecs; all words must match, -word excludes;"
                + " Enter selects the first match"));
    find.setOnAction(e -> model.enterFind().ifPresent(view::centerOn));
    hideNonMatching.setId("hide-non-matching");

    HBox grouping = new HBox();
    grouping.getStyleClass().add("segmented");
    for (Grouping g : Grouping.values()) {
      ToggleButton b = new ToggleButton(label(g));
      b.setId("group-" + g.wireName());
      b.setUserData(g);
      b.setToggleGroup(groupingToggle);
      b.setTooltip(new Tooltip("One box per " + g.wireName() + " (" + (g.ordinal() + 1) + ")"));
      grouping.getChildren().add(b);
    }

    MenuButton themeMenu = new MenuButton("Theme");
    themeMenu.setId("theme");
    for (ThemeChoice c : ThemeChoice.values()) {
      RadioMenuItem item = new RadioMenuItem(c == ThemeChoice.SYSTEM ? "Follow system" : label(c));
      item.setId("theme-" + c.wireName());
      item.setUserData(c);
      item.setToggleGroup(themes);
      item.setOnAction(e -> model.setTheme(c));
      themeMenu.getItems().add(item);
    }

    MenuButton export = new MenuButton("Export");
    export.setId("export");
    for (ExportFormat f : ExportFormat.values()) {
      MenuItem item = new MenuItem(f.description() + "…");
      item.setId("export-" + f.wireName());
      item.setOnAction(e -> exports.export(f));
      export.getItems().add(item);
    }
    MenuItem copy = new MenuItem("Copy Mermaid (Ctrl+C)");
    copy.setId("copy-mermaid");
    copy.setOnAction(e -> exports.copyMermaid());
    export.getItems().add(copy);
    Button sources =
        button(
            "Sources…",
            "Choose kube contexts, an AWS profile and ECS clusters (Ctrl+O)",
            "sources-button",
            openSources);
    sources.setVisible(sourcesOffered);
    sources.setManaged(sourcesOffered);

    Region spring = new Region();
    HBox.setHgrow(spring, Priority.ALWAYS);
    getItems()
        .addAll(
            find,
            hideNonMatching,
            new Separator(Orientation.VERTICAL),
            grouping,
            new Separator(Orientation.VERTICAL),
            button("−", "Zoom out (-)", "zoom-out", () -> view.zoom(1 / 0.8)),
            button("+", "Zoom in (+)", "zoom-in", () -> view.zoom(0.8)),
            button("Fit", "Fit the picture to the window (F)", "fit", view::fit),
            button(
                "Re-arrange",
                "Lay the whole picture out afresh (R)",
                "rearrange",
                worker::rearrange),
            spring,
            sources,
            themeMenu,
            export,
            button("?", "Keyboard help (?)", "help-button", model::toggleHelp));
    bind();
  }

  /** Controls show the view model's values, and what a person does with them goes back to it. */
  private void bind() {
    model
        .findText()
        .listen(
            t -> {
              if (!find.getText().equals(t)) {
                find.setText(t); // Esc cleared find
              }
            });
    find.textProperty().addListener((o, a, b) -> model.find(b));
    model
        .findInvalid()
        .listen(
            bad -> {
              find.getStyleClass().remove("danger");
              if (bad) {
                find.getStyleClass().add("danger");
              }
            });
    model.hideNonMatching().listen(hideNonMatching::setSelected);
    hideNonMatching.selectedProperty().addListener((o, a, b) -> model.setHideNonMatching(b));
    model
        .grouping()
        .bind(g -> groupingToggle.getToggles().forEach(t -> t.setSelected(t.getUserData() == g)));
    groupingToggle
        .selectedToggleProperty()
        .addListener(
            (o, a, b) -> {
              if (b == null) {
                a.setSelected(true); // one grouping is always chosen
              } else if (b.getUserData() != model.grouping().get()) {
                model.setGrouping((Grouping) b.getUserData());
              }
            });
    model
        .themeChoice()
        .bind(c -> themes.getToggles().forEach(t -> t.setSelected(t.getUserData() == c)));
  }

  /** "/": the find field takes the keys, its text selected to be typed over. */
  void focusFind() {
    find.requestFocus();
    find.selectAll();
  }

  private static Button button(String text, String tip, String id, Runnable action) {
    Button b = new Button(text);
    b.setId(id);
    b.setTooltip(new Tooltip(tip));
    b.setOnAction(e -> action.run());
    return b;
  }

  private static String label(Enum<?> e) {
    String n = e.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }
}
