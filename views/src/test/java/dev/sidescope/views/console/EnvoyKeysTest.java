package dev.sidescope.views.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.views.console.ConsoleKeys.Focus;
import dev.sidescope.views.console.ConsoleKeys.Stroke;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Envoy tab's search fields type every key and keep Esc to clear themselves. */
class EnvoyKeysTest {
  private final ConsoleKeys keys = new ConsoleKeys();

  @Test
  void escInASideSearchFieldWithTextIsTheFieldsOwn() {
    assertThat(keys.pressed(Stroke.pressed("ESCAPE"), Focus.SIDE_FIELD, false)).isEmpty();
    assertThat(keys.pressed(Stroke.pressed("ESCAPE"), Focus.TEXT_FIELD, false))
        .as("an empty one is a text field: Esc leaves it as it leaves find")
        .contains(ConsoleAction.CLEAR);
  }

  @ParameterizedTest
  @ValueSource(strings = {"P", "T", "R", "F", "S", "DIGIT1", "SLASH", "LEFT", "ENTER"})
  void aSideSearchFieldTypesTheKeysThatActElsewhere(String code) {
    assertThat(keys.pressed(Stroke.pressed(code), Focus.PICTURE, false)).isPresent();
    assertThat(keys.pressed(Stroke.pressed(code), Focus.SIDE_FIELD, false)).isEmpty();
  }

  @Test
  void typedCharactersLandInASideSearchField() {
    assertThat(keys.typed(Stroke.typed("?"), Focus.PICTURE)).contains(ConsoleAction.HELP);
    assertThat(keys.typed(Stroke.typed("?"), Focus.SIDE_FIELD)).isEmpty();
    assertThat(keys.typed(Stroke.typed("+"), Focus.SIDE_FIELD)).isEmpty();
  }

  @Test
  void shortcutsStillActFromASideSearchFieldAsFromFind() {
    assertThat(keys.pressed(Stroke.pressed("C").withShortcut(), Focus.SIDE_FIELD, false))
        .as("Ctrl+C in a text field copies its text, not the picture")
        .isEqualTo(keys.pressed(Stroke.pressed("C").withShortcut(), Focus.TEXT_FIELD, false));
  }
}
