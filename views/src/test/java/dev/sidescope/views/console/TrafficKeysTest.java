package dev.sidescope.views.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.views.console.ConsoleKeys.Focus;
import dev.sidescope.views.console.ConsoleKeys.Stroke;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Traffic tab's lists and an open trace keep the keys they move and pick with. */
class TrafficKeysTest {
  private final ConsoleKeys keys = new ConsoleKeys();

  @ParameterizedTest
  @ValueSource(strings = {"UP", "DOWN", "LEFT", "RIGHT", "ENTER"})
  void theSideListsKeepTheArrowsAndEnter(String code) {
    assertThat(keys.pressed(Stroke.pressed(code), Focus.SIDE_LIST, false)).isEmpty();
    assertThat(keys.pressed(Stroke.pressed(code), Focus.TRACE_SPANS, false)).isEmpty();
  }

  @Test
  void anOpenTraceKeepsEscAndASideListDoesNot() {
    assertThat(keys.pressed(Stroke.pressed("ESCAPE"), Focus.TRACE_SPANS, false)).isEmpty();
    assertThat(keys.pressed(Stroke.pressed("ESCAPE"), Focus.SIDE_LIST, false))
        .contains(ConsoleAction.CLEAR);
  }

  @Test
  void otherKeysStillActFromTheSideLists() {
    assertThat(keys.pressed(Stroke.pressed("F"), Focus.SIDE_LIST, false))
        .contains(ConsoleAction.FIT);
  }
}
