package dev.sidescope.samples.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidescope.samples.logs.ContainerLog;
import dev.sidescope.samples.logs.LogFormat;
import dev.sidescope.samples.logs.LoggedContainer;
import dev.sidescope.samples.logs.SampleLogs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CloudWatch Logs log groups and streams the sample's ECS tasks write to, from their task
 * definitions: a container with the {@code awslogs} driver writes to {@code awslogs-group}, stream
 * {@code <awslogs-stream-prefix>/<container>/<task id>}; one sent through FireLens to Fluent Bit's
 * {@code cloudwatch} or {@code cloudwatch_logs} output writes to {@code log_group_name}, stream
 * {@code <log_stream_prefix><container>-firelens-<task id>} (or {@code log_stream_name}). A
 * container that logs elsewhere or nowhere has no stream. Immutable.
 */
final class EcsLogStreams {
  private static final Set<String> CLOUDWATCH_OUTPUTS = Set.of("cloudwatch", "cloudwatch_logs");

  /**
   * One log stream: its group, its name, when it was created and the log written to it.
   *
   * @param index its place among all the sample's streams, which orders events of one millisecond
   */
  record Stream(String group, String name, Instant createdAt, ContainerLog log, int index) {}

  /** Where a container's log goes. */
  private record Destination(String group, String stream) {}

  private final Map<String, List<Stream>> byGroup;

  private EcsLogStreams(Map<String, List<Stream>> byGroup) {
    this.byGroup = byGroup;
  }

  /** The streams of every task of {@code account}'s services, their lines from {@code logs}. */
  static EcsLogStreams of(EcsSampleAccount account, SampleLogs logs) {
    Map<String, List<Stream>> groups = new LinkedHashMap<>();
    int index = 0;
    for (List<EcsSampleAccount.Service> services : account.clusters().values()) {
      for (EcsSampleAccount.Service service : services) {
        ObjectNode definition = account.definitions().get(service.definitionKey());
        for (int task = 0; task < service.taskIds().size(); task++) {
          String taskId = service.taskIds().get(task);
          Instant started = EcsDescriptions.taskStartedAt(account, task);
          for (JsonNode container : definition.path("containerDefinitions")) {
            Optional<Destination> target = destination(container, taskId);
            if (target.isEmpty()) {
              continue;
            }
            LoggedContainer logged =
                new LoggedContainer(
                    service.name(),
                    logs.taskReplica(service.name(), task),
                    taskId,
                    EcsDescriptions.taskIp(taskId),
                    container.path("name").asText(),
                    LogFormat.of(
                        container.path("name").asText(), container.path("image").asText(), false),
                    container.path("portMappings").path(0).path("containerPort").asInt(8080),
                    started,
                    Optional.empty());
            groups
                .computeIfAbsent(target.get().group(), g -> new ArrayList<>())
                .add(
                    new Stream(
                        target.get().group(),
                        target.get().stream(),
                        started,
                        logs.log(logged),
                        index++));
          }
        }
      }
    }
    groups.replaceAll((group, streams) -> List.copyOf(streams));
    return new EcsLogStreams(groups);
  }

  /** The log groups, in task definition order. */
  Set<String> groups() {
    return byGroup.keySet();
  }

  /** The streams of {@code group}; empty when there is no such group. */
  Optional<List<Stream>> streams(String group) {
    return Optional.ofNullable(byGroup.get(group));
  }

  /** The group and stream that the container writes to in task {@code taskId}, if CloudWatch. */
  private static Optional<Destination> destination(JsonNode container, String taskId) {
    JsonNode config = container.path("logConfiguration");
    JsonNode options = config.path("options");
    String name = container.path("name").asText();
    switch (config.path("logDriver").asText()) {
      case "awslogs" -> {
        String group = options.path("awslogs-group").asText("");
        if (group.isEmpty()) {
          return Optional.empty();
        }
        String prefix = options.path("awslogs-stream-prefix").asText("");
        // Without a prefix (EC2 only) the stream is named after the Docker container's id.
        String stream =
            prefix.isEmpty()
                ? DerivedIds.hex(taskId + "/" + name)
                : prefix + "/" + name + "/" + taskId;
        return Optional.of(new Destination(group, stream));
      }
      case "awsfirelens" -> {
        String output = options.path("Name").asText("");
        String group = options.path("log_group_name").asText("");
        if (!CLOUDWATCH_OUTPUTS.contains(output) || group.isEmpty()) {
          return Optional.empty();
        }
        String stream =
            options.hasNonNull("log_stream_name")
                ? options.get("log_stream_name").asText()
                : options.path("log_stream_prefix").asText("") + name + "-firelens-" + taskId;
        return Optional.of(new Destination(group, stream));
      }
      default -> {
        return Optional.empty();
      }
    }
  }
}
