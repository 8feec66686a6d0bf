package dev.sidescope.topology.model;

import java.util.Locale;

/**
 * What an edge carries: {@code local} app to its sidecar inside one pod or task, {@code upstream}
 * calls to another service, and what sidecars feed to outside services: {@code telemetry}, {@code
 * logs}, {@code config}, {@code secrets}.
 */
public enum EdgeKind {
  LOCAL,
  UPSTREAM,
  TELEMETRY,
  LOGS,
  CONFIG,
  SECRETS;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The name written in snapshots. */
  public String wireName() {
    return wireName;
  }
}
