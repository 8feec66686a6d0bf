package dev.sidescope.collectors.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidescope.topology.model.ContainerSpec;
import dev.sidescope.topology.model.ContainerState;
import dev.sidescope.topology.model.ContainerState.Phase;
import dev.sidescope.topology.model.CredentialMask;
import dev.sidescope.topology.model.Dependency;
import dev.sidescope.topology.model.EnvVar;
import dev.sidescope.topology.model.LogConfig;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Port;
import dev.sidescope.topology.model.ProxyConfig;
import dev.sidescope.topology.model.Resources;
import dev.sidescope.topology.model.VolumeMount;
import dev.sidescope.topology.model.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an ECS task definition, as a JSON tree, into the {@link WorkloadSpec} that stands for it.
 *
 * <p>Accepts the {@code RegisterTaskDefinition} input (what task definition files hold) and the
 * {@code DescribeTaskDefinition} output ({@code {"taskDefinition": {...}, "tags": [...]}}). The
 * mapping works on a plain Jackson tree so that files and the live ECS collector (which can render
 * the SDK's objects as JSON) share it. It reads leniently: placeholders such as {@code
 * <task_role_arn>} or {@code {{region}}} are kept as written, numbers written as strings are
 * accepted, a port that is not a number is left out. Secrets are kept as references, never their
 * values.
 *
 * <p>{@link #runningTask} joins a running task ({@code DescribeTasks}) with its task definition:
 * the definition says what each container is, the task what it is doing now. What a live account
 * returns is treated more strictly than a file the user handed over: environment values that look
 * like credentials are replaced by {@link CredentialMask#MASK}, and of {@code secrets} only the
 * variable names are kept.
 *
 * <p>Pure and immutable: no I/O, no logging; an instance may be shared and called from any thread
 * at once.
 */
public final class EcsTaskDefinitions {
  private final String sourceId;
  private final String idPrefix;

  /**
   * @param sourceId the id of the reporting source, e.g. {@code manifests} or {@code ecs/us-east-1}
   * @param idPrefix what workload ids start with, e.g. {@code ecs/manifests}; an id reads {@code
   *     <idPrefix>/<namespace>/<family>:<revision>}
   */
  public EcsTaskDefinitions(String sourceId, String idPrefix) {
    this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
    this.idPrefix = Objects.requireNonNull(idPrefix, "idPrefix");
  }

  /**
   * True when the tree has the shape of a task definition: an object with {@code
   * containerDefinitions}, or a {@code DescribeTaskDefinition} output wrapping one.
   */
  public static boolean looksLikeTaskDefinition(JsonNode document) {
    return document != null
        && document.isObject()
        && (document.has("containerDefinitions")
            || (document.path("taskDefinition").isObject()
                && document.path("taskDefinition").has("containerDefinitions")));
  }

  /**
   * The workload standing for a task definition: named after its family, owned by {@code
   * TaskDefinition/<family>:<revision>} (revision 1 when the file has none), with the task's tags
   * as labels.
   *
   * @param document a task definition or a {@code DescribeTaskDefinition} output
   * @param namespace {@code default} for files; the ECS cluster name for a live task
   * @throws InvalidTaskDefinitionException when it has no family or its containers are not a list
   *     of objects with names; the message is one sentence for a person
   */
  public WorkloadSpec workload(JsonNode document, String namespace) {
    JsonNode task =
        document.path("taskDefinition").isObject() ? document.get("taskDefinition") : document;
    String family = text(task.get("family")).orElse(null);
    if (family == null) {
      throw new InvalidTaskDefinitionException("the task definition has no family");
    }
    int revision = integer(task.get("revision")).filter(r -> r > 0).orElse(1);
    String owner = "TaskDefinition/" + family + ":" + revision;

    JsonNode definitions = task.get("containerDefinitions");
    if (definitions == null || !definitions.isArray()) {
      throw new InvalidTaskDefinitionException(
          "containerDefinitions of task definition " + family + " is not a list");
    }
    List<ContainerSpec> containers = new ArrayList<>();
    for (int i = 0; i < definitions.size(); i++) {
      JsonNode c = definitions.get(i);
      Optional<String> name = c.isObject() ? text(c.get("name")) : Optional.empty();
      if (name.isEmpty()) {
        throw new InvalidTaskDefinitionException(
            "container " + (i + 1) + " of task definition " + family + " has no name");
      }
      containers.add(container(name.get(), c));
    }

    Map<String, String> labels = new LinkedHashMap<>();
    // DescribeTaskDefinition returns the tags beside the task definition, not inside it.
    tags(document.get("tags"), labels);
    if (task != document) {
      tags(task.get("tags"), labels);
    }

    return new WorkloadSpec(
        idPrefix + "/" + namespace + "/" + family + ":" + revision,
        Platform.ECS,
        sourceId,
        namespace,
        family,
        Optional.of(owner),
        labels,
        Map.of(),
        containers,
        proxy(task.get("proxyConfiguration")),
        Optional.empty());
  }

  /**
   * A running task as a workload: id {@code <idPrefix>/<cluster>/<task id>}, named after its task
   * id, in namespace {@code cluster}, owned by {@code Service/<name>} when ECS started it for a
   * service (its {@code group} reads {@code service:<name>}), else by {@code
   * TaskDefinition/<family>:<revision>}; the task's tags are its labels and its {@code lastStatus}
   * its phase.
   *
   * <p>Containers come in the definition's order, each joined with the task's container of the same
   * name: {@code lastStatus}, {@code exitCode}, {@code reason} and {@code healthStatus} become its
   * {@link ContainerState}. Containers the task runs but the definition does not declare (the ECS
   * Service Connect proxy, which ECS adds itself) follow, in the task's order; without a definition
   * (it could not be read) every container comes from the task alone.
   *
   * @param task one element of {@code DescribeTasks}' {@code tasks}
   * @param taskDefinition the task's definition ({@code DescribeTaskDefinition} output or its
   *     {@code taskDefinition}), or {@code null} when it could not be read
   * @param cluster the name of the cluster the task was listed in
   * @throws InvalidTaskDefinitionException when the task has no ARN, or the definition is invalid
   */
  public WorkloadSpec runningTask(JsonNode task, JsonNode taskDefinition, String cluster) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(cluster, "cluster");
    String taskArn =
        text(task.get("taskArn"))
            .orElseThrow(() -> new InvalidTaskDefinitionException("a task has no taskArn"));
    String taskId = lastSegment(taskArn);

    JsonNode definition =
        taskDefinition == null
            ? null
            : taskDefinition.path("taskDefinition").isObject()
                ? taskDefinition.get("taskDefinition")
                : taskDefinition;
    Map<String, JsonNode> running = new LinkedHashMap<>();
    for (JsonNode c : elements(task.get("containers"))) {
      text(c.get("name")).ifPresent(n -> running.putIfAbsent(n, c));
    }

    List<ContainerSpec> containers = new ArrayList<>();
    Set<String> declared = new LinkedHashSet<>();
    if (definition != null) {
      String family = text(definition.get("family")).orElse("task definition");
      JsonNode definitions = definition.get("containerDefinitions");
      if (definitions == null || !definitions.isArray()) {
        throw new InvalidTaskDefinitionException(
            "containerDefinitions of task definition " + family + " is not a list");
      }
      for (JsonNode c : definitions) {
        Optional<String> name = c.isObject() ? text(c.get("name")) : Optional.empty();
        if (name.isEmpty() || !declared.add(name.get())) {
          continue;
        }
        ContainerSpec.Builder b = container(name.get(), c, true).toBuilder();
        b.state(state(running.get(name.get())));
        containers.add(b.build());
      }
    }
    for (Map.Entry<String, JsonNode> e : running.entrySet()) {
      if (!declared.contains(e.getKey())) {
        containers.add(
            ContainerSpec.builder(e.getKey(), text(e.getValue().get("image")).orElse(""))
                .state(state(e.getValue()))
                .build());
      }
    }

    Map<String, String> labels = new LinkedHashMap<>();
    tags(task.get("tags"), labels);

    return new WorkloadSpec(
        idPrefix + "/" + cluster + "/" + taskId,
        Platform.ECS,
        sourceId,
        cluster,
        taskId,
        Optional.of(owner(task, definition)),
        labels,
        Map.of(),
        containers,
        definition == null ? Optional.empty() : proxy(definition.get("proxyConfiguration")),
        text(task.get("lastStatus")));
  }

  /** {@code Service/<name>} for a service's task, else {@code TaskDefinition/<family>:<rev>}. */
  private static String owner(JsonNode task, JsonNode definition) {
    Optional<String> group = text(task.get("group"));
    if (group.isPresent() && group.get().startsWith("service:") && group.get().length() > 8) {
      return "Service/" + group.get().substring("service:".length());
    }
    if (definition != null && text(definition.get("family")).isPresent()) {
      int revision = integer(definition.get("revision")).filter(r -> r > 0).orElse(1);
      return "TaskDefinition/" + text(definition.get("family")).get() + ":" + revision;
    }
    // arn:aws:ecs:us-east-1:123456789012:task-definition/order-service:3
    String arn = text(task.get("taskDefinitionArn")).orElse("unknown:1");
    return "TaskDefinition/" + lastSegment(arn);
  }

  /** What ECS says a container is doing now; unknown when the task does not list it. */
  static ContainerState state(JsonNode running) {
    if (running == null) {
      return ContainerState.UNKNOWN;
    }
    String status = text(running.get("lastStatus")).orElse("").toUpperCase(Locale.ROOT);
    Phase phase =
        switch (status) {
          case "RUNNING" -> Phase.RUNNING;
          case "PENDING", "PROVISIONING", "ACTIVATING", "CREATED" -> Phase.WAITING;
          case "STOPPED", "STOPPING", "DEACTIVATING", "DEPROVISIONING" -> Phase.TERMINATED;
          default -> Phase.UNKNOWN;
        };
    Optional<String> health = text(running.get("healthStatus"));
    String healthStatus = health.orElse("UNKNOWN").toUpperCase(Locale.ROOT);
    // ECS has no readiness: a running container is ready when its health check says so, and a
    // stopped one is not; without a health check it is unknown.
    Optional<Boolean> ready =
        phase == Phase.TERMINATED
            ? Optional.of(false)
            : phase == Phase.RUNNING && healthStatus.equals("HEALTHY")
                ? Optional.of(true)
                : healthStatus.equals("UNHEALTHY") ? Optional.of(false) : Optional.empty();
    return new ContainerState(
        phase,
        ready,
        Optional.empty(),
        text(running.get("reason")),
        integer(running.get("exitCode")),
        health);
  }

  private static String lastSegment(String arn) {
    int slash = arn.lastIndexOf('/');
    return slash < 0 ? arn.substring(arn.lastIndexOf(':') + 1) : arn.substring(slash + 1);
  }

  private static ContainerSpec container(String name, JsonNode c) {
    return container(name, c, false);
  }

  private static ContainerSpec container(String name, JsonNode c, boolean live) {
    ContainerSpec.Builder b = ContainerSpec.builder(name, text(c.get("image")).orElse(""));
    JsonNode essential = c.get("essential");
    // ECS treats a container without "essential" as essential.
    b.essential(essential == null || essential.isNull() || essential.asBoolean(true));
    for (JsonNode p : elements(c.get("portMappings"))) {
      Optional<Integer> number = integer(p.get("containerPort"));
      if (number.isPresent()) {
        b.port(new Port(number.get(), text(p.get("protocol")).orElse("TCP"), text(p.get("name"))));
      }
    }
    for (JsonNode e : elements(c.get("environment"))) {
      text(e.get("name"))
          .ifPresent(
              n -> {
                String value = e.path("value").asText("");
                b.env(EnvVar.literal(n, live ? CredentialMask.shown(n, value) : value));
              });
    }
    for (JsonNode s : elements(c.get("secrets"))) {
      // A live account's secret references stay in the account: only the variable's name is kept.
      text(s.get("name"))
          .ifPresent(
              n ->
                  b.env(
                      EnvVar.reference(
                          n,
                          live ? "ECS secret" : "secret " + text(s.get("valueFrom")).orElse("?"))));
    }
    for (JsonNode m : elements(c.get("mountPoints"))) {
      Optional<String> volume = text(m.get("sourceVolume"));
      Optional<String> path = text(m.get("containerPath"));
      if (volume.isPresent() && path.isPresent()) {
        b.mount(new VolumeMount(volume.get(), path.get(), m.path("readOnly").asBoolean(false)));
      }
    }
    Optional<String> memory = text(c.get("memory")).or(() -> text(c.get("memoryReservation")));
    b.limits(new Resources(text(c.get("cpu")), memory));
    List<String> command = new ArrayList<>();
    for (JsonNode part : elements(c.get("entryPoint"))) {
      command.add(part.asText());
    }
    for (JsonNode part : elements(c.get("command"))) {
      command.add(part.asText());
    }
    b.command(command);
    for (JsonNode d : elements(c.get("dependsOn"))) {
      text(d.get("containerName"))
          .ifPresent(n -> b.dependsOn(new Dependency(n, text(d.get("condition")).orElse("START"))));
    }
    JsonNode firelens = c.get("firelensConfiguration");
    if (firelens != null && firelens.isObject()) {
      b.firelens(
          new LogConfig(text(firelens.get("type")).orElse(""), options(firelens.get("options"))));
    }
    JsonNode logging = c.get("logConfiguration");
    if (logging != null && logging.isObject()) {
      b.logConfig(
          new LogConfig(
              text(logging.get("logDriver")).orElse(""), options(logging.get("options"))));
    }
    return b.build();
  }

  private static Optional<ProxyConfig> proxy(JsonNode proxy) {
    if (proxy == null || !proxy.isObject()) {
      return Optional.empty();
    }
    Map<String, String> properties = new LinkedHashMap<>();
    for (JsonNode p : elements(proxy.get("properties"))) {
      text(p.get("name")).ifPresent(n -> properties.put(n, p.path("value").asText("")));
    }
    return Optional.of(
        new ProxyConfig(
            text(proxy.get("type")).orElse("APPMESH"),
            text(proxy.get("containerName")).orElse(""),
            properties));
  }

  private static void tags(JsonNode tags, Map<String, String> into) {
    for (JsonNode t : elements(tags)) {
      Optional<String> key = text(t.get("key")).or(() -> text(t.get("Key")));
      JsonNode value = t.has("value") ? t.get("value") : t.path("Value");
      key.ifPresent(k -> into.put(k, value.asText("")));
    }
  }

  private static Map<String, String> options(JsonNode options) {
    Map<String, String> result = new LinkedHashMap<>();
    if (options != null && options.isObject()) {
      options
          .properties()
          .forEach(
              e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                  result.put(e.getKey(), e.getValue().asText());
                }
              });
    }
    return result;
  }

  private static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> result = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(
          e -> {
            if (!e.isNull()) {
              result.add(e);
            }
          });
    }
    return result;
  }

  private static Optional<String> text(JsonNode node) {
    if (node == null || !node.isValueNode() || node.isNull()) {
      return Optional.empty();
    }
    String value = node.asText();
    return value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  private static Optional<Integer> integer(JsonNode node) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return Optional.of(node.asInt());
    }
    return node.isTextual() ? parseInt(node.asText()) : Optional.empty();
  }

  private static Optional<Integer> parseInt(String text) {
    try {
      return Optional.of(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
