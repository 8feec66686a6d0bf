package dev.sidescope.topology.picture;

import java.util.Locale;

/**
 * How a node of a {@link TopologyPicture} is told apart: by the role of a container inside a pod or
 * task, or by the kind of thing outside it. Exporters and views give each style its own colour.
 */
public enum NodeStyle {
  /** An app container. */
  APP,
  /** A sidecar container, of any kind and variant. */
  SIDECAR,
  /** An init container that runs to completion before the others. */
  INIT,
  /** A Kubernetes Service or ECS service that workloads call. */
  SERVICE,
  /** An AWS service that sidecars feed. */
  AWS,
  /** A HashiCorp Vault server. */
  VAULT,
  /** Anything else outside: a database, a third-party API, an id the snapshot does not name. */
  EXTERNAL;

  /** A lower-case name usable as a CSS or Mermaid class name, e.g. {@code sidecar}. */
  public String className() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the styles of containers, which are drawn inside a box. */
  public boolean isContainer() {
    return this == APP || this == SIDECAR || this == INIT;
  }
}
