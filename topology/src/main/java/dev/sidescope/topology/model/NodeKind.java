package dev.sidescope.topology.model;

import java.util.Locale;

/** Nodes that stand outside pods and tasks. */
public enum NodeKind {
  /** A Kubernetes Service or ECS service that workloads call. */
  SERVICE,
  /** An AWS service a sidecar feeds: X-Ray, CloudWatch Logs, AppConfig, Secrets Manager. */
  AWS,
  /** A HashiCorp Vault server. */
  VAULT,
  /** Anything else reached by host name: a database, a third-party API. */
  EXTERNAL;

  /** The name written in snapshots. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
