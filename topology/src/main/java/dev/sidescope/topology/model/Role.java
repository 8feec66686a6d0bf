package dev.sidescope.topology.model;

import java.util.Locale;

/** What a container is to its workload. Written in snapshots as {@code app|sidecar|init}. */
public enum Role {
  APP,
  SIDECAR,
  INIT;

  /** The name written in snapshots. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
