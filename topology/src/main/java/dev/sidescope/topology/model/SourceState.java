package dev.sidescope.topology.model;

import java.util.Locale;

/** The state a source reports about itself. */
public enum SourceState {
  CONNECTING,
  LIVE,
  DEGRADED,
  DOWN,
  STALE;

  /** The name written in snapshots. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
