package dev.sidescope.collectors.ecs;

/**
 * A task definition (or running task) that cannot stand for a workload: no family, containers that
 * are not a list of named objects, or a task without an ARN. The message is one sentence for a
 * person, with no Java in it.
 */
public final class InvalidTaskDefinitionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidTaskDefinitionException(String message) {
    super(message);
  }
}
