package dev.sidescope.views.logs;

/** How a line is coloured, from its level: errors red, warnings amber, debug and trace dim. */
public enum LineTone {
  PLAIN,
  /** DEBUG and TRACE. */
  DIM,
  /** WARN. */
  WARN,
  /** ERROR and FATAL, and an access line with a 5xx status. */
  ERROR
}
