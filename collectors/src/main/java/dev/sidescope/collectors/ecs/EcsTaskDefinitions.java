package dev.sidescope.collectors.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidescope.topology.model.ContainerSpec;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

  private static ContainerSpec container(String name, JsonNode c) {
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
      text(e.get("name")).ifPresent(n -> b.env(EnvVar.literal(n, e.path("value").asText(""))));
    }
    for (JsonNode s : elements(c.get("secrets"))) {
      text(s.get("name"))
          .ifPresent(
              n -> b.env(EnvVar.reference(n, "secret " + text(s.get("valueFrom")).orElse("?"))));
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
