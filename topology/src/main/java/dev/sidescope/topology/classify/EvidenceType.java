package dev.sidescope.topology.classify;

/** What a row matched on, strongest first: a container takes the kind of its strongest evidence. */
enum EvidenceType {
  /** The workload declares it: ECS proxy or FireLens configuration, an injector's annotation. */
  DECLARED,
  /** The image repository. */
  IMAGE,
  /** Another container addresses it through a well-known variable (AWS_XRAY_DAEMON_ADDRESS). */
  ADDRESS,
  /** The container's name. */
  NAME,
  /** A declared well-known port. */
  PORT
}
