package dev.sidescope.samples.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ECS side of a sample cluster, as an account would hold it: task definitions (from {@code
 * ecs/*.json}) with their tags, and clusters with the services they run (from {@code
 * ecs/services.yaml}), with ARNs in a fixed fake account. {@link EcsSampleFolder} reads it, {@link
 * EcsApi} answers the ECS calls from it, {@link EcsDescriptions} describes its services and tasks.
 *
 * <p>Task definitions get revisions in file order per family, starting at 1; a {@code
 * DescribeTaskDefinition} output keeps its own revision. Task ids are derived from cluster, service
 * and index, so they are the same on every run.
 *
 * <p>Immutable: the maps are read-only and nobody changes the task definitions' JSON once read
 * (answers hand out copies); safe to read from several threads at once.
 *
 * @param arns the ARNs of the sample's region
 * @param startedAt the account's "now", from which creation and start times are counted back
 * @param definitions {@code family:revision} to the task definition, as {@code
 *     DescribeTaskDefinition} returns it in {@code taskDefinition}
 * @param definitionTags {@code family:revision} to the task definition's tags (a JSON array)
 * @param latestRevision each family's latest revision
 * @param clusters each cluster's services, in {@code services.yaml} order; clusters by name
 */
record EcsSampleAccount(
    EcsArns arns,
    Instant startedAt,
    Map<String, ObjectNode> definitions,
    Map<String, JsonNode> definitionTags,
    Map<String, Integer> latestRevision,
    Map<String, List<Service>> clusters) {

  EcsSampleAccount {
    Objects.requireNonNull(arns, "arns");
    Objects.requireNonNull(startedAt, "startedAt");
    definitions = readOnly(definitions);
    definitionTags = readOnly(definitionTags);
    latestRevision = readOnly(latestRevision);
    Map<String, List<Service>> services = new LinkedHashMap<>();
    clusters.forEach((cluster, list) -> services.put(cluster, List.copyOf(list)));
    clusters = Collections.unmodifiableMap(services);
  }

  /**
   * One service of {@code services.yaml}, with the tasks it runs.
   *
   * @param definitionKey its task definition's {@code family:revision}
   * @param serviceConnect whether its tasks also run the ECS Service Connect proxy
   * @param containerStates what named containers report instead of running and healthy
   * @param taskIds the ids of its {@code desiredCount} tasks
   */
  record Service(
      String cluster,
      String name,
      String definitionKey,
      int desiredCount,
      boolean serviceConnect,
      List<ContainerStateOverride> containerStates,
      List<String> taskIds) {
    Service {
      containerStates = List.copyOf(containerStates);
      taskIds = List.copyOf(taskIds);
    }
  }

  /**
   * A {@code containerStates} entry: what one container of a service's tasks reports.
   *
   * @param task the task (from 0) it applies to; all the service's tasks when empty
   */
  record ContainerStateOverride(
      String name,
      Optional<Integer> task,
      String lastStatus,
      Optional<Integer> exitCode,
      Optional<String> reason,
      Optional<String> healthStatus) {}

  /** The sample's region. */
  String region() {
    return arns.region();
  }

  /** Whether a task definition requires Fargate ({@code requiresCompatibilities}). */
  static boolean isFargate(JsonNode definition) {
    for (JsonNode r : definition.path("requiresCompatibilities")) {
      if (r.asText().equalsIgnoreCase("FARGATE")) {
        return true;
      }
    }
    return false;
  }

  private static <K, V> Map<K, V> readOnly(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
