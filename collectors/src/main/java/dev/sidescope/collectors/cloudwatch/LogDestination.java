package dev.sidescope.collectors.cloudwatch;

/** Where one ECS container's logs go, as its task definition says. */
public sealed interface LogDestination {

  /**
   * One CloudWatch Logs stream.
   *
   * @param region the region of the log group
   * @param group the log group's name
   * @param stream the log stream's exact name
   */
  record CloudWatchStream(String region, String group, String stream) implements LogDestination {}

  /**
   * Not CloudWatch Logs, or nowhere at all.
   *
   * @param sentence where they go, e.g. "logs go to Splunk through FireLens (output splunk), not to
   *     CloudWatch Logs"
   */
  record Elsewhere(String sentence) implements LogDestination {}

  /**
   * CloudWatch Logs, but the stream cannot be named from the task definition.
   *
   * @param sentence why, e.g. that streams without {@code awslogs-stream-prefix} are named by the
   *     Docker container id
   */
  record Unnamed(String sentence) implements LogDestination {}
}
