package dev.sidescope.views.console;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which key does what in the console: one table from key strokes to {@link ConsoleAction}s, the
 * keyboard help written from the same table, and the rules for the keys that belong to something
 * else (a text field, the findings table, the empty state's buttons).
 *
 * <p>Keys act by code, so they work whatever character the keyboard layout gives; {@code ?} and
 * {@code +} also by the character typed, for layouts where they sit elsewhere. A key that acts when
 * pressed and then also types a character ({@code /} opening find) has that character swallowed, so
 * it does not land in find or act twice: for that, one instance per window remembers it. Not
 * thread-safe: the FX thread.
 */
public final class ConsoleKeys {

  /**
   * A key as the toolkit reports it: pressed, by its code name as JavaFX names it ({@code SLASH},
   * {@code KP_LEFT}, {@code DIGIT1}); or typed, by its character.
   */
  public record Stroke(String code, String character, boolean shift, boolean shortcut) {
    public static Stroke pressed(String code) {
      return new Stroke(code, "", false, false);
    }

    public static Stroke typed(String character) {
      return new Stroke("UNDEFINED", character, false, false);
    }

    public Stroke withShift() {
      return new Stroke(code, character, true, shortcut);
    }

    public Stroke withShortcut() {
      return new Stroke(code, character, shift, true);
    }
  }

  /** What has the keyboard focus, as far as keys care. */
  public enum Focus {
    /** The picture, or anything not named below. */
    PICTURE,
    /** A text field: keys type, only Esc acts. */
    TEXT_FIELD,
    /** The findings list, which moves and picks with the arrows and Enter itself. */
    FINDINGS_TABLE,
    /**
     * Another control reached by keyboard (a toolbar button, the check box, a tab, a link): the
     * arrows and Enter are its own, so a person who tabbed to it can work it. One reached by a
     * click leaves them to the picture.
     */
    CONTROL,
    /** The empty state's "Choose sources…" button. */
    CHOOSE_SOURCES_BUTTON,
    /** A list of the side pane (calls, traces), which moves and picks with the arrows and Enter. */
    SIDE_LIST,
    /** An open trace's spans: the arrows, Enter and Esc (which closes the trace) are its own. */
    TRACE_SPANS,
    /**
     * A search field of the side pane that holds text (the Envoy tab's stats and configuration
     * searches): keys type, and Esc is the field's own, which clears it. An empty one is a {@link
     * #TEXT_FIELD}.
     */
    SIDE_FIELD,
    /**
     * The Logs tab's lines: the arrows, Enter, Home, End, the page keys, F3, {@code /}, W, K and
     * Ctrl+C (copy the lines selected) are the tab's own.
     */
    LOG_LINES,
    /** The Events tab's events: the arrows, Enter and Ctrl+C (copy those selected) are its own. */
    EVENT_ROWS
  }

  /** How a binding is triggered. */
  private enum Kind {
    /** Pressed, whatever has the focus and whatever modifier is down. */
    PRESSED_ANYWHERE,
    /** Pressed, Shift as the binding says, the shortcut modifier up. */
    PRESSED,
    /** Pressed with the shortcut modifier (Ctrl, or Cmd on a Mac). */
    SHORTCUT,
    /** The character typed. */
    TYPED
  }

  /** Whether a pressed binding wants Shift up, down, or does not care. */
  private enum Shift {
    ANY,
    UP,
    DOWN
  }

  /**
   * One key and what it does.
   *
   * @param swallows the character the key then types, which must not act as well; or empty
   */
  private record Binding(
      Kind kind, String key, Shift shift, ConsoleAction action, Optional<String> swallows) {
    boolean matches(Kind k, Stroke s) {
      if (kind != k) {
        return false;
      }
      if (kind == Kind.TYPED) {
        return key.equals(s.character());
      }
      return key.equals(s.code()) && (shift == Shift.ANY || (shift == Shift.DOWN) == s.shift());
    }

    Binding swallowing(String character) {
      return new Binding(kind, key, shift, action, Optional.of(character));
    }
  }

  /** A line of the keyboard help: the keys as a person reads them, and what they do. */
  public record HelpLine(String keys, String meaning) {}

  /** A line of the help and the bindings it describes. */
  private record Row(HelpLine help, List<Binding> bindings) {}

  private static Binding press(String code, ConsoleAction action) {
    return new Binding(Kind.PRESSED, code, Shift.ANY, action, Optional.empty());
  }

  private static Binding press(String code, Shift shift, ConsoleAction action) {
    return new Binding(Kind.PRESSED, code, shift, action, Optional.empty());
  }

  private static Binding shortcut(String code, ConsoleAction action) {
    return new Binding(Kind.SHORTCUT, code, Shift.ANY, action, Optional.empty());
  }

  private static Binding shortcut(String code, Shift shift, ConsoleAction action) {
    return new Binding(Kind.SHORTCUT, code, shift, action, Optional.empty());
  }

  private static Binding typed(String character, ConsoleAction action) {
    return new Binding(Kind.TYPED, character, Shift.ANY, action, Optional.empty());
  }

  private static Row keys(String label, String meaning, Binding... bindings) {
    return new Row(new HelpLine(label, meaning), List.of(bindings));
  }

  /** Every binding, under the line of the keyboard help that says it, in the help's order. */
  private static final List<Row> TABLE =
      List.of(
          keys(
              "/",
              "find (ns:shop  kind:envoy  finding:SIDECAR_NOT_READY  severity:warning  has:finding"
                  + "  platform:ecs)",
              press("SLASH", Shift.UP, ConsoleAction.FIND).swallowing("/"),
              press("DIVIDE", Shift.UP, ConsoleAction.FIND).swallowing("/")),
          keys(
              "← ↑ → ↓",
              "move between nodes",
              press("LEFT", ConsoleAction.MOVE_LEFT),
              press("KP_LEFT", ConsoleAction.MOVE_LEFT),
              press("RIGHT", ConsoleAction.MOVE_RIGHT),
              press("KP_RIGHT", ConsoleAction.MOVE_RIGHT),
              press("UP", ConsoleAction.MOVE_UP),
              press("KP_UP", ConsoleAction.MOVE_UP),
              press("DOWN", ConsoleAction.MOVE_DOWN),
              press("KP_DOWN", ConsoleAction.MOVE_DOWN)),
          keys(
              "Enter",
              "open the selected node in the inspector; in the findings, its node",
              press("ENTER", ConsoleAction.INSPECT)),
          keys(
              "1  2  3",
              "group by pod, workload, service",
              press("DIGIT1", ConsoleAction.GROUP_BY_POD),
              press("NUMPAD1", ConsoleAction.GROUP_BY_POD),
              press("DIGIT2", ConsoleAction.GROUP_BY_WORKLOAD),
              press("NUMPAD2", ConsoleAction.GROUP_BY_WORKLOAD),
              press("DIGIT3", ConsoleAction.GROUP_BY_SERVICE),
              press("NUMPAD3", ConsoleAction.GROUP_BY_SERVICE)),
          keys(
              "+  −",
              "zoom in, out",
              press("ADD", ConsoleAction.ZOOM_IN),
              press("PLUS", ConsoleAction.ZOOM_IN),
              // Plain "=" does nothing; "+" on US layouts is Shift and "=", and types a "+" too.
              press("EQUALS", Shift.DOWN, ConsoleAction.ZOOM_IN),
              typed("+", ConsoleAction.ZOOM_IN),
              press("MINUS", ConsoleAction.ZOOM_OUT),
              press("SUBTRACT", ConsoleAction.ZOOM_OUT)),
          keys("F", "fit the picture to the window", press("F", ConsoleAction.FIT)),
          keys(
              "0",
              "zoom to 100%",
              press("DIGIT0", ConsoleAction.ACTUAL_SIZE),
              press("NUMPAD0", ConsoleAction.ACTUAL_SIZE)),
          keys("R", "re-arrange the picture", press("R", ConsoleAction.REARRANGE)),
          keys("T", "switch light and dark", press("T", ConsoleAction.TOGGLE_THEME)),
          keys(
              "P",
              "pause live updates; again to resume with the newest picture",
              press("P", Shift.UP, ConsoleAction.TOGGLE_PAUSE)),
          keys(
              "Ctrl+O  S",
              "choose sources: kube contexts, AWS profile, ECS clusters",
              shortcut("O", ConsoleAction.CHOOSE_SOURCES),
              press("S", ConsoleAction.CHOOSE_SOURCES)),
          keys("L", "the logs of the node selected", press("L", ConsoleAction.SHOW_LOGS)),
          keys(
              "E",
              "the events of the node selected: probe failures, restarts, service events",
              press("E", Shift.UP, ConsoleAction.SHOW_EVENTS)),
          keys(
              "Ctrl+C",
              "copy the picture as Mermaid",
              shortcut("C", Shift.UP, ConsoleAction.COPY_MERMAID)),
          keys(
              "Ctrl+Shift+C",
              "copy the command to run next for the node selected (kubectl logs, describe; aws ecs)",
              shortcut("C", Shift.DOWN, ConsoleAction.COPY_COMMAND)),
          keys(
              "Ctrl+Shift+F",
              "go to the findings list (then ↑ ↓, Enter; Tab moves on)",
              shortcut("F", Shift.DOWN, ConsoleAction.FOCUS_FINDINGS)),
          keys(
              "N  Shift+N",
              "next, previous finding: selected in the picture and inspected",
              press("N", Shift.UP, ConsoleAction.NEXT_FINDING),
              press("N", Shift.DOWN, ConsoleAction.PREVIOUS_FINDING)),
          keys("Findings: Ctrl+C", "copy the findings selected, a line each"),
          keys(
              "Ctrl+E",
              "export (PNG, SVG, Mermaid, DOT, snapshot JSON)",
              shortcut("E", ConsoleAction.EXPORT_PNG)),
          keys("Tab  Shift+Tab", "move the focus between the controls; the arrows then work it"),
          keys(
              "Esc",
              "clear find and selection, close this help, back to the picture",
              new Binding(
                  Kind.PRESSED_ANYWHERE,
                  "ESCAPE",
                  Shift.ANY,
                  ConsoleAction.CLEAR,
                  Optional.empty())),
          keys(
              "?",
              "show or hide this help",
              // "?" is Shift and "/" on US layouts.
              press("SLASH", Shift.DOWN, ConsoleAction.HELP).swallowing("?"),
              press("DIVIDE", Shift.DOWN, ConsoleAction.HELP).swallowing("?"),
              typed("?", ConsoleAction.HELP)),
          // The Logs tab's own keys: it acts on them itself, with the focus in the tab.
          keys("Logs: End", "follow the newest line (scrolling up pauses)"),
          keys("Logs: /  Ctrl+F", "search; Enter, F3 next match, Shift+Enter, Shift+F3 previous"),
          keys("Logs: Ctrl+G", "go to a time (14:03:12 or ISO)"),
          keys("Logs: Ctrl+C", "copy the lines selected (secrets masked unless revealed)"),
          keys("Logs: W  K  D", "wrap lines, a column per container, a window of its own"),
          keys("Events: Ctrl+C", "copy the events selected (secrets masked unless shown)"));

  /** The keyboard help: one line per row of the table, so that the two cannot disagree. */
  public static final List<HelpLine> HELP = TABLE.stream().map(Row::help).toList();

  /** The keys the Logs tab's lines keep for themselves. */
  private static final Set<String> LOG_KEYS =
      Set.of(
          "LEFT",
          "RIGHT",
          "UP",
          "DOWN",
          "KP_LEFT",
          "KP_RIGHT",
          "KP_UP",
          "KP_DOWN",
          "ENTER",
          "HOME",
          "END",
          "PAGE_UP",
          "PAGE_DOWN",
          "F3",
          "SLASH",
          "DIVIDE",
          "W",
          "K",
          "D");

  /** The keys JavaFX counts as arrow keys, which the findings list keeps for itself. */
  private static final Set<String> ARROWS =
      Set.of("LEFT", "RIGHT", "UP", "DOWN", "KP_LEFT", "KP_RIGHT", "KP_UP", "KP_DOWN");

  /** The character of the last key acted on when pressed, until the next character is typed. */
  private String swallow;

  /**
   * What a pressed key does; empty when it is not the console's (the event then goes on to the
   * control with the focus). The rules, in the order they apply:
   *
   * <ol>
   *   <li>An open trace keeps Esc: it closes the trace. A side search field with text keeps it too:
   *       it clears the field.
   *   <li>Esc acts anywhere else, a text field included: it is how one leaves find. So does
   *       Ctrl+Shift+F, which goes to the findings, from find to its results.
   *   <li>A text field (a side search field too) takes every other key.
   *   <li>On the empty state, Enter takes the "Choose sources…" button when it has the focus, else
   *       it opens the demo.
   *   <li>The Logs tab's lines keep their own keys, Ctrl+C among them; the Events tab's events keep
   *       Ctrl+C.
   *   <li>In the findings list, Ctrl+C copies the findings selected (Ctrl+Shift+C copies the
   *       command of the node selected, as anywhere else).
   *   <li>With the shortcut modifier down, only the shortcut bindings act.
   *   <li>The findings list, the side pane's lists, an open trace and a control reached by keyboard
   *       keep the arrows and Enter.
   *   <li>Then the table.
   * </ol>
   *
   * @param emptyState whether the "no cluster found" call to action is shown
   */
  public Optional<ConsoleAction> pressed(Stroke stroke, Focus focus, boolean emptyState) {
    if ((focus == Focus.TRACE_SPANS || focus == Focus.SIDE_FIELD)
        && stroke.code().equals("ESCAPE")) {
      return Optional.empty();
    }
    Optional<Binding> anywhere = find(Kind.PRESSED_ANYWHERE, stroke);
    if (anywhere.isPresent()) {
      return anywhere.map(Binding::action);
    }
    Optional<Binding> toFindings =
        find(Kind.SHORTCUT, stroke)
            .filter(b -> stroke.shortcut() && b.action() == ConsoleAction.FOCUS_FINDINGS);
    if (toFindings.isPresent()) {
      return toFindings.map(Binding::action);
    }
    if (focus == Focus.TEXT_FIELD || focus == Focus.SIDE_FIELD) {
      return Optional.empty();
    }
    if (emptyState && stroke.code().equals("ENTER")) {
      return Optional.of(
          focus == Focus.CHOOSE_SOURCES_BUTTON
              ? ConsoleAction.CHOOSE_SOURCES
              : ConsoleAction.OPEN_DEMO);
    }
    if (focus == Focus.LOG_LINES
        && (stroke.shortcut() ? stroke.code().equals("C") : LOG_KEYS.contains(stroke.code()))) {
      return Optional.empty();
    }
    if (focus == Focus.EVENT_ROWS
        && stroke.shortcut()
        && !stroke.shift()
        && stroke.code().equals("C")) {
      return Optional.empty();
    }
    if (focus == Focus.FINDINGS_TABLE
        && stroke.shortcut()
        && !stroke.shift()
        && stroke.code().equals("C")) {
      return Optional.of(ConsoleAction.COPY_FINDINGS);
    }
    if (stroke.shortcut()) {
      return find(Kind.SHORTCUT, stroke).map(Binding::action);
    }
    if ((focus == Focus.FINDINGS_TABLE
            || focus == Focus.SIDE_LIST
            || focus == Focus.TRACE_SPANS
            || focus == Focus.EVENT_ROWS
            || focus == Focus.CONTROL)
        && (ARROWS.contains(stroke.code()) || stroke.code().equals("ENTER"))) {
      return Optional.empty();
    }
    Optional<Binding> b = find(Kind.PRESSED, stroke);
    b.flatMap(Binding::swallows).ifPresent(c -> swallow = c);
    return b.map(Binding::action);
  }

  /**
   * What a typed character does: {@link ConsoleAction#SWALLOW} for the character of a key that
   * already acted when pressed; nothing in a text field (a side search field too) or with the
   * shortcut modifier down.
   */
  public Optional<ConsoleAction> typed(Stroke stroke, Focus focus) {
    if (swallow != null) {
      boolean same = swallow.equals(stroke.character());
      swallow = null;
      if (same) {
        return Optional.of(ConsoleAction.SWALLOW);
      }
    }
    if (focus == Focus.TEXT_FIELD || focus == Focus.SIDE_FIELD || stroke.shortcut()) {
      return Optional.empty();
    }
    return find(Kind.TYPED, stroke).map(Binding::action);
  }

  private static Optional<Binding> find(Kind kind, Stroke stroke) {
    return TABLE.stream()
        .flatMap(r -> r.bindings().stream())
        .filter(b -> b.matches(kind, stroke))
        .findFirst();
  }
}
