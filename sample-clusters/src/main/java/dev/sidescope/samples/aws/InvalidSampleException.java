package dev.sidescope.samples.aws;

/**
 * A sample folder whose ECS part cannot be served: a task definition that does not parse, a
 * services.yaml entry that names an unknown task definition, and the like. The message is one
 * sentence naming the file.
 */
public final class InvalidSampleException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidSampleException(String message) {
    super(message);
  }
}
