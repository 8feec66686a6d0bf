package dev.sidescope.topology.model;

import java.util.Locale;

/**
 * How workloads are drawn: one box per pod or task, one per owner (all replicas of a Deployment or
 * ECS service together), or one per Service that selects them.
 */
public enum Grouping {
  POD,
  WORKLOAD,
  SERVICE;

  /** The name used on the command line. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
