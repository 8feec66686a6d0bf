package dev.sidescope.topology.model;

import java.util.Locale;

/** Where a workload runs. Written in snapshots as {@code kubernetes} or {@code ecs}. */
public enum Platform {
  KUBERNETES,
  ECS;

  /** The name written in snapshots. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
