package dev.sidescope.topology.model;

import java.util.Locale;

/** How bad a finding is; declared from worst to mildest so the natural order sorts worst first. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  /** The name written in snapshots. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this is at least as bad as {@code other}. */
  public boolean atLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }
}
