package dev.sidescope.views.console;

/** What a key can make the console do; {@link ConsoleKeys} says which key does which. */
public enum ConsoleAction {
  FIND,
  HELP,
  MOVE_LEFT,
  MOVE_RIGHT,
  MOVE_UP,
  MOVE_DOWN,
  INSPECT,
  GROUP_BY_POD,
  GROUP_BY_WORKLOAD,
  GROUP_BY_SERVICE,
  ZOOM_IN,
  ZOOM_OUT,
  FIT,
  ACTUAL_SIZE,
  REARRANGE,
  TOGGLE_THEME,
  /** Holds the picture still, or lets live updates in again with the newest. */
  TOGGLE_PAUSE,
  CHOOSE_SOURCES,
  /** Brings the Logs tab forward for the node selected. */
  SHOW_LOGS,
  /** Brings the Events tab forward for the node selected. */
  SHOW_EVENTS,
  COPY_MERMAID,
  /**
   * Ctrl+C in the findings list: the findings selected as text, a line each; the picture as Mermaid
   * when none is selected.
   */
  COPY_FINDINGS,
  /**
   * Ctrl+Shift+C: the kubectl or AWS CLI command to run next for the node selected ({@link
   * NextCommand}).
   */
  COPY_COMMAND,
  EXPORT_PNG,
  /** Ctrl+Shift+F: the keyboard focus to the findings list, a row in it focused. */
  FOCUS_FINDINGS,
  /** N: the next finding of the list selected, its node selected, centred and inspected. */
  NEXT_FINDING,
  /** Shift+N: the previous finding, likewise. */
  PREVIOUS_FINDING,
  CLEAR,
  /** The empty state's call to action. */
  OPEN_DEMO,
  /** The character of a key already acted on when it was pressed: taken, nothing more done. */
  SWALLOW
}
