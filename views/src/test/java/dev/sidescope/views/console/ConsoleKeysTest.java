package dev.sidescope.views.console;

import static dev.sidescope.views.console.ConsoleAction.ACTUAL_SIZE;
import static dev.sidescope.views.console.ConsoleAction.CHOOSE_SOURCES;
import static dev.sidescope.views.console.ConsoleAction.CLEAR;
import static dev.sidescope.views.console.ConsoleAction.COPY_COMMAND;
import static dev.sidescope.views.console.ConsoleAction.COPY_FINDINGS;
import static dev.sidescope.views.console.ConsoleAction.COPY_MERMAID;
import static dev.sidescope.views.console.ConsoleAction.EXPORT_PNG;
import static dev.sidescope.views.console.ConsoleAction.FIND;
import static dev.sidescope.views.console.ConsoleAction.FIT;
import static dev.sidescope.views.console.ConsoleAction.FOCUS_FINDINGS;
import static dev.sidescope.views.console.ConsoleAction.GROUP_BY_POD;
import static dev.sidescope.views.console.ConsoleAction.GROUP_BY_SERVICE;
import static dev.sidescope.views.console.ConsoleAction.GROUP_BY_WORKLOAD;
import static dev.sidescope.views.console.ConsoleAction.HELP;
import static dev.sidescope.views.console.ConsoleAction.INSPECT;
import static dev.sidescope.views.console.ConsoleAction.MOVE_DOWN;
import static dev.sidescope.views.console.ConsoleAction.MOVE_LEFT;
import static dev.sidescope.views.console.ConsoleAction.MOVE_RIGHT;
import static dev.sidescope.views.console.ConsoleAction.MOVE_UP;
import static dev.sidescope.views.console.ConsoleAction.NEXT_FINDING;
import static dev.sidescope.views.console.ConsoleAction.OPEN_DEMO;
import static dev.sidescope.views.console.ConsoleAction.PREVIOUS_FINDING;
import static dev.sidescope.views.console.ConsoleAction.REARRANGE;
import static dev.sidescope.views.console.ConsoleAction.SWALLOW;
import static dev.sidescope.views.console.ConsoleAction.TOGGLE_THEME;
import static dev.sidescope.views.console.ConsoleAction.ZOOM_IN;
import static dev.sidescope.views.console.ConsoleAction.ZOOM_OUT;
import static dev.sidescope.views.console.ConsoleKeys.Focus.CHOOSE_SOURCES_BUTTON;
import static dev.sidescope.views.console.ConsoleKeys.Focus.CONTROL;
import static dev.sidescope.views.console.ConsoleKeys.Focus.FINDINGS_TABLE;
import static dev.sidescope.views.console.ConsoleKeys.Focus.PICTURE;
import static dev.sidescope.views.console.ConsoleKeys.Focus.TEXT_FIELD;
import static dev.sidescope.views.console.ConsoleKeys.Stroke.pressed;
import static dev.sidescope.views.console.ConsoleKeys.Stroke.typed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.sidescope.views.console.ConsoleKeys.Focus;
import dev.sidescope.views.console.ConsoleKeys.Stroke;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConsoleKeysTest {
  private final ConsoleKeys keys = new ConsoleKeys();

  /** A pressed key: what it is, where the focus is, whether the empty state shows, what it does. */
  static Stream<Arguments> pressedKeys() {
    return Stream.of(
        arguments("arrows move", pressed("LEFT"), PICTURE, false, MOVE_LEFT),
        arguments("keypad arrows move", pressed("KP_LEFT"), PICTURE, false, MOVE_LEFT),
        arguments("right", pressed("RIGHT"), PICTURE, false, MOVE_RIGHT),
        arguments("keypad right", pressed("KP_RIGHT"), PICTURE, false, MOVE_RIGHT),
        arguments("up", pressed("UP"), PICTURE, false, MOVE_UP),
        arguments("keypad up", pressed("KP_UP"), PICTURE, false, MOVE_UP),
        arguments("down", pressed("DOWN"), PICTURE, false, MOVE_DOWN),
        arguments("keypad down", pressed("KP_DOWN"), PICTURE, false, MOVE_DOWN),
        arguments(
            "Shift does not stop the arrows",
            pressed("LEFT").withShift(),
            PICTURE,
            false,
            MOVE_LEFT),
        arguments("Enter inspects", pressed("ENTER"), PICTURE, false, INSPECT),
        arguments("slash finds", pressed("SLASH"), PICTURE, false, FIND),
        arguments("keypad divide finds", pressed("DIVIDE"), PICTURE, false, FIND),
        arguments("Shift slash is ?", pressed("SLASH").withShift(), PICTURE, false, HELP),
        arguments("Shift divide is ?", pressed("DIVIDE").withShift(), PICTURE, false, HELP),
        arguments("1 groups by pod", pressed("DIGIT1"), PICTURE, false, GROUP_BY_POD),
        arguments("keypad 1", pressed("NUMPAD1"), PICTURE, false, GROUP_BY_POD),
        arguments("2 by workload", pressed("DIGIT2"), PICTURE, false, GROUP_BY_WORKLOAD),
        arguments("keypad 2", pressed("NUMPAD2"), PICTURE, false, GROUP_BY_WORKLOAD),
        arguments("3 by service", pressed("DIGIT3"), PICTURE, false, GROUP_BY_SERVICE),
        arguments("keypad 3", pressed("NUMPAD3"), PICTURE, false, GROUP_BY_SERVICE),
        arguments("keypad plus zooms in", pressed("ADD"), PICTURE, false, ZOOM_IN),
        arguments("plus zooms in", pressed("PLUS"), PICTURE, false, ZOOM_IN),
        arguments("Shift equals zooms in", pressed("EQUALS").withShift(), PICTURE, false, ZOOM_IN),
        arguments("plain equals does nothing", pressed("EQUALS"), PICTURE, false, null),
        arguments("minus zooms out", pressed("MINUS"), PICTURE, false, ZOOM_OUT),
        arguments("keypad minus", pressed("SUBTRACT"), PICTURE, false, ZOOM_OUT),
        arguments("F fits", pressed("F"), PICTURE, false, FIT),
        arguments("0 is 100%", pressed("DIGIT0"), PICTURE, false, ACTUAL_SIZE),
        arguments("keypad 0", pressed("NUMPAD0"), PICTURE, false, ACTUAL_SIZE),
        arguments("R re-arranges", pressed("R"), PICTURE, false, REARRANGE),
        arguments("T switches theme", pressed("T"), PICTURE, false, TOGGLE_THEME),
        arguments("S chooses sources", pressed("S"), PICTURE, false, CHOOSE_SOURCES),
        arguments(
            "Ctrl+O chooses sources", pressed("O").withShortcut(), PICTURE, false, CHOOSE_SOURCES),
        arguments("Ctrl+C copies", pressed("C").withShortcut(), PICTURE, false, COPY_MERMAID),
        arguments(
            "Ctrl+Shift+C copies the command",
            pressed("C").withShortcut().withShift(),
            PICTURE,
            false,
            COPY_COMMAND),
        arguments(
            "Ctrl+Shift+C copies the command from the findings too",
            pressed("C").withShortcut().withShift(),
            FINDINGS_TABLE,
            false,
            COPY_COMMAND),
        arguments("Ctrl+E exports", pressed("E").withShortcut(), PICTURE, false, EXPORT_PNG),
        arguments("Ctrl+F is not bound", pressed("F").withShortcut(), PICTURE, false, null),
        arguments("Ctrl+arrow is not bound", pressed("LEFT").withShortcut(), PICTURE, false, null),
        arguments("an unbound key", pressed("Q"), PICTURE, false, null),
        arguments("Esc clears", pressed("ESCAPE"), PICTURE, false, CLEAR),
        arguments("Esc leaves a text field", pressed("ESCAPE"), TEXT_FIELD, false, CLEAR),
        arguments("Esc with Ctrl", pressed("ESCAPE").withShortcut(), PICTURE, false, CLEAR),
        arguments("a text field types slash", pressed("SLASH"), TEXT_FIELD, false, null),
        arguments("a text field types T", pressed("T"), TEXT_FIELD, false, null),
        arguments(
            "a text field keeps Ctrl+C", pressed("C").withShortcut(), TEXT_FIELD, false, null),
        arguments("the findings keep down", pressed("DOWN"), FINDINGS_TABLE, false, null),
        arguments("the findings keep keypad up", pressed("KP_UP"), FINDINGS_TABLE, false, null),
        arguments("the findings keep Enter", pressed("ENTER"), FINDINGS_TABLE, false, null),
        arguments("T works from the findings", pressed("T"), FINDINGS_TABLE, false, TOGGLE_THEME),
        arguments(
            "Ctrl+C in the findings copies the findings selected",
            pressed("C").withShortcut(),
            FINDINGS_TABLE,
            false,
            COPY_FINDINGS),
        arguments(
            "Ctrl+E works from the findings",
            pressed("E").withShortcut(),
            FINDINGS_TABLE,
            false,
            EXPORT_PNG),
        arguments(
            "Enter on the empty state opens the demo", pressed("ENTER"), PICTURE, true, OPEN_DEMO),
        arguments(
            "Enter on its focused sources button",
            pressed("ENTER"),
            CHOOSE_SOURCES_BUTTON,
            true,
            CHOOSE_SOURCES),
        arguments(
            "Enter on the empty state from the findings",
            pressed("ENTER"),
            FINDINGS_TABLE,
            true,
            OPEN_DEMO),
        arguments(
            "Enter in a text field on the empty state", pressed("ENTER"), TEXT_FIELD, true, null),
        arguments(
            "the sources button without the empty state",
            pressed("ENTER"),
            CHOOSE_SOURCES_BUTTON,
            false,
            INSPECT),
        arguments("other keys on the empty state", pressed("T"), PICTURE, true, TOGGLE_THEME),
        arguments(
            "Ctrl+Shift+F goes to the findings",
            pressed("F").withShortcut().withShift(),
            PICTURE,
            false,
            FOCUS_FINDINGS),
        arguments(
            "Ctrl+Shift+F from the logs",
            pressed("F").withShortcut().withShift(),
            Focus.LOG_LINES,
            false,
            FOCUS_FINDINGS),
        arguments(
            "the logs keep Ctrl+F", pressed("F").withShortcut(), Focus.LOG_LINES, false, null),
        arguments("N is the next finding", pressed("N"), PICTURE, false, NEXT_FINDING),
        arguments("N in the findings", pressed("N"), FINDINGS_TABLE, false, NEXT_FINDING),
        arguments(
            "Shift+N the previous", pressed("N").withShift(), PICTURE, false, PREVIOUS_FINDING),
        arguments("a text field types N", pressed("N"), TEXT_FIELD, false, null),
        arguments(
            "Ctrl+Shift+F leaves a text field for the findings",
            pressed("F").withShortcut().withShift(),
            TEXT_FIELD,
            false,
            FOCUS_FINDINGS),
        arguments(
            "a text field keeps Ctrl+F", pressed("F").withShortcut(), TEXT_FIELD, false, null),
        arguments("a control tabbed to keeps left", pressed("LEFT"), CONTROL, false, null),
        arguments(
            "a control tabbed to keeps keypad down", pressed("KP_DOWN"), CONTROL, false, null),
        arguments("a control tabbed to keeps Enter", pressed("ENTER"), CONTROL, false, null),
        arguments("F fits from a control", pressed("F"), CONTROL, false, FIT),
        arguments("Esc leaves a control", pressed("ESCAPE"), CONTROL, false, CLEAR));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pressedKeys")
  void aPressedKeyDoesWhatTheTableSays(
      String what, Stroke stroke, Focus focus, boolean emptyState, ConsoleAction action) {
    assertThat(keys.pressed(stroke, focus, emptyState)).isEqualTo(Optional.ofNullable(action));
  }

  static Stream<Arguments> typedCharacters() {
    return Stream.of(
        arguments("? shows help on any layout", typed("?"), PICTURE, HELP),
        arguments("+ zooms in on any layout", typed("+"), PICTURE, ZOOM_IN),
        arguments("a typed slash is not bound", typed("/"), PICTURE, null),
        arguments("a letter", typed("a"), PICTURE, null),
        arguments("? in a text field is typed", typed("?"), TEXT_FIELD, null),
        arguments("? with Ctrl", typed("?").withShortcut(), PICTURE, null),
        arguments("? from the findings", typed("?"), FINDINGS_TABLE, HELP));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typedCharacters")
  void aTypedCharacterDoesWhatTheTableSays(
      String what, Stroke stroke, Focus focus, ConsoleAction action) {
    assertThat(keys.typed(stroke, focus)).isEqualTo(Optional.ofNullable(action));
  }

  @Test
  void theSlashThatOpensFindDoesNotLandInIt() {
    assertThat(keys.pressed(pressed("SLASH"), PICTURE, false)).contains(FIND);
    assertThat(keys.typed(typed("/"), TEXT_FIELD)).contains(SWALLOW);
    assertThat(keys.typed(typed("/"), TEXT_FIELD)).as("the next slash is typed").isEmpty();
  }

  @Test
  void theQuestionMarkOfShiftSlashTogglesHelpOnceNotTwice() {
    assertThat(keys.pressed(pressed("SLASH").withShift(), PICTURE, false)).contains(HELP);
    assertThat(keys.typed(typed("?"), PICTURE)).contains(SWALLOW);
    assertThat(keys.typed(typed("?"), PICTURE)).contains(HELP);
  }

  @Test
  void aSwallowedCharacterWaitsOnlyForTheNextCharacterTyped() {
    keys.pressed(pressed("SLASH"), PICTURE, false);
    assertThat(keys.typed(typed("x"), TEXT_FIELD)).isEmpty();
    assertThat(keys.typed(typed("/"), TEXT_FIELD)).isEmpty();
  }

  @Test
  void everyActionButTheEmptyStatesHasALineOfHelp() {
    Set<ConsoleAction> bound = EnumSet.noneOf(ConsoleAction.class);
    Arrays.asList(
            "LEFT", "RIGHT", "UP", "DOWN", "ENTER", "SLASH", "DIGIT1", "DIGIT2", "DIGIT3", "PLUS",
            "MINUS", "F", "DIGIT0", "R", "T", "P", "S", "L", "E", "N", "ESCAPE")
        .forEach(code -> keys.pressed(pressed(code), PICTURE, false).ifPresent(bound::add));
    keys.pressed(pressed("N").withShift(), PICTURE, false).ifPresent(bound::add);
    keys.pressed(pressed("F").withShortcut().withShift(), PICTURE, false).ifPresent(bound::add);
    keys.pressed(pressed("SLASH").withShift(), PICTURE, false).ifPresent(bound::add);
    Arrays.asList("C", "E")
        .forEach(
            c -> keys.pressed(pressed(c).withShortcut(), PICTURE, false).ifPresent(bound::add));
    keys.pressed(pressed("C").withShortcut(), FINDINGS_TABLE, false).ifPresent(bound::add);
    keys.pressed(pressed("C").withShortcut().withShift(), PICTURE, false).ifPresent(bound::add);
    assertThat(bound)
        .containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(OPEN_DEMO, SWALLOW)));
    assertThat(ConsoleKeys.HELP)
        .extracting(ConsoleKeys.HelpLine::keys)
        .containsExactly(
            "/",
            "← ↑ → ↓",
            "Enter",
            "1  2  3",
            "+  −",
            "F",
            "0",
            "R",
            "T",
            "P",
            "Ctrl+O  S",
            "L",
            "E",
            "Ctrl+C",
            "Ctrl+Shift+C",
            "Ctrl+Shift+F",
            "N  Shift+N",
            "Findings: Ctrl+C",
            "Ctrl+E",
            "Tab  Shift+Tab",
            "Esc",
            "?",
            "Logs: End",
            "Logs: /  Ctrl+F",
            "Logs: Ctrl+G",
            "Logs: Ctrl+C",
            "Logs: W  K  D",
            "Events: Ctrl+C");
  }
}
