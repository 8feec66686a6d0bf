package dev.sidescope.topology.model;

import java.util.Locale;

/**
 * The seed's three sidecar variants: a {@code sidecar} extends the app (logging, tracing, a mesh
 * proxy that intercepts both directions), an {@code ambassador} proxies its outbound traffic only,
 * an {@code adapter} restates its interface for someone else (exporters).
 */
public enum Variant {
  SIDECAR,
  AMBASSADOR,
  ADAPTER;

  /** The name written in snapshots. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
