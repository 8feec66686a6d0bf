package dev.sidescope.views.fx;

import dev.sidescope.views.console.ConsoleKeys;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The keyboard help, shown over the picture by {@code ?}, written from {@link ConsoleKeys}. FX
 * thread only.
 */
final class HelpOverlay extends VBox {
  HelpOverlay() {
    setId("help");
    getStyleClass().add("help-overlay");
    setPadding(new Insets(16));
    setSpacing(8);
    setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
    Label title = new Label("Keyboard");
    title.getStyleClass().add("title-3");
    GridPane grid = new GridPane();
    grid.setHgap(16);
    grid.setVgap(6);
    int row = 0;
    for (ConsoleKeys.HelpLine line : ConsoleKeys.HELP) {
      Label key = new Label(line.keys());
      key.getStyleClass().add("help-key");
      grid.addRow(row++, key, new Label(line.meaning()));
    }
    getChildren().addAll(title, grid);
    setVisible(false);
    setManaged(false);
  }

  void setShown(boolean shown) {
    setVisible(shown);
    setManaged(shown);
  }
}
