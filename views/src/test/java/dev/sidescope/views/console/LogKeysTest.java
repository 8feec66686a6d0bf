package dev.sidescope.views.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.views.console.ConsoleKeys.Focus;
import dev.sidescope.views.console.ConsoleKeys.Stroke;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Logs tab's lines keep their own keys; L opens the tab; the help lists them all. */
class LogKeysTest {
  private final ConsoleKeys keys = new ConsoleKeys();

  @Test
  void lOpensTheLogsOfTheNodeSelected() {
    assertThat(keys.pressed(Stroke.pressed("L"), Focus.PICTURE, false))
        .contains(ConsoleAction.SHOW_LOGS);
  }

  @Test
  void ctrlCInTheLinesCopiesLinesNotThePicture() {
    assertThat(keys.pressed(Stroke.pressed("C").withShortcut(), Focus.PICTURE, false))
        .contains(ConsoleAction.COPY_MERMAID);
    assertThat(keys.pressed(Stroke.pressed("C").withShortcut(), Focus.LOG_LINES, false)).isEmpty();
    assertThat(keys.pressed(Stroke.pressed("E").withShortcut(), Focus.LOG_LINES, false))
        .as("other shortcuts still act")
        .contains(ConsoleAction.EXPORT_PNG);
  }

  @ParameterizedTest
  @ValueSource(strings = {"UP", "DOWN", "ENTER", "END", "HOME", "PAGE_UP", "F3", "SLASH", "W", "K"})
  void theLinesKeepTheirOwnKeys(String code) {
    assertThat(keys.pressed(Stroke.pressed(code), Focus.LOG_LINES, false)).isEmpty();
  }

  @Test
  void escAndTheConsolesOtherKeysStillActFromTheLines() {
    assertThat(keys.pressed(Stroke.pressed("ESCAPE"), Focus.LOG_LINES, false))
        .contains(ConsoleAction.CLEAR);
    assertThat(keys.pressed(Stroke.pressed("T"), Focus.LOG_LINES, false))
        .contains(ConsoleAction.TOGGLE_THEME);
  }

  @Test
  void theHelpSaysTheLogsKeys() {
    assertThat(ConsoleKeys.HELP)
        .extracting(ConsoleKeys.HelpLine::keys)
        .contains("L", "Logs: End", "Logs: /  Ctrl+F", "Logs: Ctrl+G", "Logs: Ctrl+C");
  }
}
