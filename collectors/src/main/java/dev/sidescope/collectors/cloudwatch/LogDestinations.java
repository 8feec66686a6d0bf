package dev.sidescope.collectors.cloudwatch;

import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.LogConfig;
import dev.sidescope.topology.model.WorkloadSpec;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads where an ECS container's logs go from its {@code logConfiguration}:
 *
 * <ul>
 *   <li>{@code awslogs}: group {@code awslogs-group}, stream {@code
 *       <awslogs-stream-prefix>/<container>/<task id>}. Without a prefix ECS names the stream after
 *       the Docker container id, which the task definition does not give: rather than search the
 *       whole group, the destination says so ({@link LogDestination.Unnamed}).
 *   <li>{@code awsfirelens} with output {@code Name} {@code cloudwatch} or {@code cloudwatch_logs}:
 *       group {@code log_group_name}, stream {@code log_stream_name} when given, else {@code
 *       <log_stream_prefix><container>-firelens-<task id>} (FireLens tags each container's records
 *       {@code <container>-firelens-<task id>}).
 *   <li>Any other FireLens output or log driver: a sentence saying where the logs go instead.
 * </ul>
 *
 * <p>A {@code region} ({@code awslogs-region}) option overrides the task's region, unless it is a
 * template placeholder ({@code {{...}}}). Pure functions; safe from any thread.
 */
public final class LogDestinations {
  private static final String NOT_CLOUDWATCH = ", not to CloudWatch Logs";

  private static final Map<String, String> FIRELENS_OUTPUTS =
      Map.ofEntries(
          Map.entry("splunk", "Splunk"),
          Map.entry("datadog", "Datadog"),
          Map.entry("es", "Elasticsearch"),
          Map.entry("opensearch", "OpenSearch"),
          Map.entry("kinesis_firehose", "Amazon Data Firehose"),
          Map.entry("firehose", "Amazon Data Firehose"),
          Map.entry("kinesis_streams", "Amazon Kinesis Data Streams"),
          Map.entry("kinesis", "Amazon Kinesis Data Streams"),
          Map.entry("s3", "Amazon S3"),
          Map.entry("http", "an HTTP endpoint"),
          Map.entry("loki", "Loki"),
          Map.entry("newrelic", "New Relic"),
          Map.entry("nrlogs", "New Relic"),
          Map.entry("kafka", "Kafka"),
          Map.entry("forward", "a Fluentd or Fluent Bit server"),
          Map.entry("stackdriver", "Google Cloud Logging"),
          Map.entry("azure", "Azure Log Analytics"),
          Map.entry("stdout", "the log router's own output"));

  private static final Map<String, String> DRIVERS =
      Map.of(
          "splunk", "Splunk",
          "fluentd", "a Fluentd server",
          "gelf", "a GELF endpoint",
          "syslog", "syslog",
          "json-file", "JSON files on the container instance",
          "journald", "journald on the container instance",
          "awsfirelens", "FireLens");

  private LogDestinations() {}

  /**
   * Where {@code container}'s logs go.
   *
   * @param task the ECS task (its {@code name} is the task id)
   * @param container one of its containers
   * @param taskRegion the task's region, for a configuration that names none
   */
  public static LogDestination of(WorkloadSpec task, ContainerSpec container, String taskRegion) {
    Optional<LogConfig> config = container.logConfig();
    if (config.isEmpty()) {
      return new LogDestination.Elsewhere(
          "this container's logs are not collected: its task definition has no logConfiguration");
    }
    String driver = config.get().driver().toLowerCase(Locale.ROOT);
    Map<String, String> options = config.get().options();
    return switch (driver) {
      case "awslogs" -> awslogs(task, container, options, taskRegion);
      case "awsfirelens" -> firelens(task, container, options, taskRegion);
      case "none" ->
          new LogDestination.Elsewhere(
              "this container's logs are discarded: its log driver is none");
      default ->
          new LogDestination.Elsewhere(
              "logs go to "
                  + DRIVERS.getOrDefault(driver, "the " + driver + " log driver")
                  + " (log driver "
                  + driver
                  + ")"
                  + NOT_CLOUDWATCH);
    };
  }

  private static LogDestination awslogs(
      WorkloadSpec task, ContainerSpec container, Map<String, String> options, String taskRegion) {
    Optional<String> group = option(options, "awslogs-group");
    if (group.isEmpty()) {
      return new LogDestination.Unnamed(
          "its awslogs log configuration names no awslogs-group, so its log group is unknown");
    }
    Optional<String> prefix = option(options, "awslogs-stream-prefix");
    if (prefix.isEmpty()) {
      return new LogDestination.Unnamed(
          "its logs go to log group "
              + group.get()
              + ", in a stream named after the Docker container id, since awslogs-stream-prefix is"
              + " not set; ECS does not give that id here");
    }
    return new LogDestination.CloudWatchStream(
        region(options, "awslogs-region", taskRegion),
        group.get(),
        prefix.get() + "/" + container.name() + "/" + task.name());
  }

  private static LogDestination firelens(
      WorkloadSpec task, ContainerSpec container, Map<String, String> options, String taskRegion) {
    Optional<String> output = option(options, "Name").map(n -> n.toLowerCase(Locale.ROOT));
    if (output.isEmpty()) {
      return new LogDestination.Elsewhere(
          "logs go through FireLens to the outputs in the log router's own configuration file,"
              + " which the task definition does not show");
    }
    if (!output.get().equals("cloudwatch") && !output.get().equals("cloudwatch_logs")) {
      String name = output.get();
      return new LogDestination.Elsewhere(
          "logs go to "
              + FIRELENS_OUTPUTS.getOrDefault(name, "the " + name + " output")
              + " through FireLens (output "
              + name
              + ")"
              + NOT_CLOUDWATCH);
    }
    Optional<String> group = option(options, "log_group_name");
    if (group.isEmpty()) {
      return new LogDestination.Unnamed(
          "its FireLens output " + output.get() + " names no log_group_name");
    }
    String firelensTag = container.name() + "-firelens-" + task.name();
    Optional<String> stream =
        option(options, "log_stream_name")
            .or(() -> option(options, "log_stream_prefix").map(p -> p + firelensTag));
    if (stream.isEmpty()) {
      return new LogDestination.Unnamed(
          "its FireLens output "
              + output.get()
              + " names neither log_stream_name nor log_stream_prefix");
    }
    return new LogDestination.CloudWatchStream(
        region(options, "region", taskRegion), group.get(), stream.get());
  }

  private static String region(Map<String, String> options, String key, String taskRegion) {
    return option(options, key).filter(r -> !r.contains("{{")).orElse(taskRegion);
  }

  private static Optional<String> option(Map<String, String> options, String key) {
    return Optional.ofNullable(options.get(key)).map(String::strip).filter(v -> !v.isEmpty());
  }
}
