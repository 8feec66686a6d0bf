package dev.sidescope.topology.model;

import java.util.Locale;

/** Where knowledge of an edge came from. */
public enum Evidence {
  MANIFEST,
  KUBERNETES,
  ECS,
  ENVOY,
  XRAY;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The name written in snapshots. */
  public String wireName() {
    return wireName;
  }
}
