package dev.sidescope.views.fx;

import dev.sidescope.views.console.ConsoleKeys;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** The side pane's text fields (searches, a time to go to): typing keys stay in them. */
final class SideFields {
  private SideFields() {}

  /**
   * Marks {@code field} as a side-pane field for the console's keys, and makes Esc clear its text
   * first; once it is empty, Esc acts as everywhere else.
   */
  static void clearsOnEscape(TextField field) {
    field.getProperties().put(ConsoleKeys.Focus.class, ConsoleKeys.Focus.SIDE_FIELD);
    field.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ESCAPE && !field.getText().isEmpty()) {
            field.clear();
            e.consume();
          }
        });
  }
}
