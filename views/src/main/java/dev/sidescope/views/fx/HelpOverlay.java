package dev.sidescope.views.fx;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The keyboard help, shown over the picture by {@code ?}. FX thread only. */
final class HelpOverlay extends VBox {
  /** Each key and what it does, as the console binds them. */
  static final List<String[]> KEYS =
      List.of(
          new String[] {"/", "find (ns:shop  kind:envoy  finding:SIDECAR_NOT_READY  platform:ecs)"},
          new String[] {"← ↑ → ↓", "move between nodes"},
          new String[] {
            "Enter", "open the selected node in the inspector; in the findings, its node"
          },
          new String[] {"1  2  3", "group by pod, workload, service"},
          new String[] {"+  −", "zoom in, out"},
          new String[] {"F", "fit the picture to the window"},
          new String[] {"0", "zoom to 100%"},
          new String[] {"R", "re-arrange the picture"},
          new String[] {"T", "switch light and dark"},
          new String[] {"Ctrl+O  S", "choose sources: kube contexts, AWS profile, ECS clusters"},
          new String[] {"Ctrl+C", "copy the picture as Mermaid"},
          new String[] {"Ctrl+E", "export (PNG, SVG, Mermaid, DOT)"},
          new String[] {"Esc", "clear find and selection, close this help"},
          new String[] {"?", "show or hide this help"});

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
    for (String[] k : KEYS) {
      Label key = new Label(k[0]);
      key.getStyleClass().add("help-key");
      grid.addRow(row++, key, new Label(k[1]));
    }
    getChildren().addAll(title, grid);
    setVisible(false);
    setManaged(false);
  }

  void toggle() {
    setShown(!isVisible());
  }

  void setShown(boolean shown) {
    setVisible(shown);
    setManaged(shown);
  }
}
