package dev.sidescope.views.fx;

import dev.sidescope.views.TextClipboard;
import dev.sidescope.views.console.LogViewModel;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * Logs in a window of their own: a {@link LogPane} on a view model that took over a tail, which it
 * keeps following whatever the console selects. Closing the window closes the tail. FX thread only.
 */
final class LogWindow {
  private final Stage stage = new Stage();
  private final LogPane pane;
  private final LogViewModel model;

  LogWindow(
      Window owner,
      LogViewModel model,
      TextClipboard clipboard,
      String css,
      List<String> themeClasses) {
    this.model = model;
    this.pane = new LogPane(model, clipboard, false);
    pane.getStyleClass().addAll(themeClasses);
    Scene scene = new Scene(pane, 1100, 700);
    scene.getStylesheets().add(css);
    stage.setScene(scene);
    stage.setTitle("Logs — " + model.heading().get());
    if (owner != null) {
      stage.initOwner(owner);
      // Over the console's corner, inside its screen, rather than wherever the platform puts it.
      stage.setX(owner.getX() + 40);
      stage.setY(owner.getY() + 40);
    }
    stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> close());
  }

  void show() {
    stage.show();
    pane.focusLines();
  }

  Stage stage() {
    return stage;
  }

  LogPane pane() {
    return pane;
  }

  private void close() {
    pane.stop();
    model.close();
  }
}
