package dev.sidescope.samples.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sidescope.samples.aws.EcsSampleAccount.ContainerStateOverride;
import dev.sidescope.samples.aws.EcsSampleAccount.Service;
import dev.sidescope.samples.folder.SampleText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the ECS part of a sample folder into an {@link EcsSampleAccount}: the region from {@code
 * cluster.yaml}, the task definitions in {@code ecs/*.json} ({@code RegisterTaskDefinition} input
 * or {@code DescribeTaskDefinition} output, ISO timestamps as the AWS CLI prints them included) and
 * the services in {@code ecs/services.yaml} (docs/sample-clusters-ecs.md). A folder without {@code
 * ecs/} is an account with no clusters.
 *
 * <p>What cannot be served is an {@link InvalidSampleException} whose message names the file. The
 * folder may live inside a jar: only {@link Files} is used. Stateless and thread-safe.
 */
final class EcsSampleFolder {
  /** The region when {@code cluster.yaml} names none. */
  static final String DEFAULT_REGION = "us-east-1";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

  private EcsSampleFolder() {}

  /**
   * Reads the sample in {@code folder} as of {@code startedAt}, from which timestamps the files do
   * not give are counted back.
   *
   * @throws InvalidSampleException when a file cannot be served; the message names it
   * @throws IOException when a file cannot be read
   */
  static EcsSampleAccount read(Path folder, Instant startedAt) throws IOException {
    EcsArns arns = new EcsArns(region(folder));
    Path ecs = folder.resolve("ecs");
    Map<String, ObjectNode> definitions = new LinkedHashMap<>();
    Map<String, JsonNode> definitionTags = new LinkedHashMap<>();
    Map<String, Integer> latest = new TreeMap<>();
    Map<String, List<Service>> clusters = new TreeMap<>();
    if (!Files.isDirectory(ecs)) {
      return new EcsSampleAccount(arns, startedAt, definitions, definitionTags, latest, clusters);
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(ecs)) {
      files =
          list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
              .sorted()
              .toList();
    }
    for (Path file : files) {
      readDefinition(file, arns, startedAt, definitions, definitionTags, latest);
    }
    Path services = ecs.resolve("services.yaml");
    if (!Files.exists(services)) {
      services = ecs.resolve("services.yml");
    }
    if (Files.exists(services)) {
      readServices(services, definitions, latest, clusters);
    }
    return new EcsSampleAccount(arns, startedAt, definitions, definitionTags, latest, clusters);
  }

  private static String region(Path folder) throws IOException {
    Path clusterYaml = folder.resolve("cluster.yaml");
    if (!Files.exists(clusterYaml)) {
      return DEFAULT_REGION;
    }
    JsonNode tree = tree(YAML, clusterYaml, "cluster.yaml", "YAML");
    String region = tree == null ? "" : tree.path("region").asText("").strip();
    if (region.isEmpty()) {
      return DEFAULT_REGION;
    }
    if (!REGION.matcher(region).matches()) {
      throw new InvalidSampleException(
          "cluster.yaml names region " + region + ", which is not an AWS region name.");
    }
    return region;
  }

  private static void readDefinition(
      Path file,
      EcsArns arns,
      Instant startedAt,
      Map<String, ObjectNode> definitions,
      Map<String, JsonNode> definitionTags,
      Map<String, Integer> latest)
      throws IOException {
    String where = "ecs/" + file.getFileName();
    JsonNode tree = tree(JSON, file, where, "JSON");
    if (tree == null || !tree.isObject()) {
      throw new InvalidSampleException(where + " is not an ECS task definition.");
    }
    boolean described = tree.path("taskDefinition").isObject();
    ObjectNode definition = (ObjectNode) (described ? tree.get("taskDefinition") : tree).deepCopy();
    if (!definition.path("containerDefinitions").isArray()
        || !definition.path("family").isTextual()) {
      throw new InvalidSampleException(
          where + " is not an ECS task definition (it needs family and containerDefinitions).");
    }
    CliJson.toWire(definition);
    String family = definition.get("family").asText();
    int revision =
        described && definition.path("revision").canConvertToInt()
            ? definition.get("revision").asInt()
            : latest.getOrDefault(family, 0) + 1;
    String key = family + ":" + revision;
    if (definitions.containsKey(key)) {
      throw new InvalidSampleException(
          where + " defines task definition " + key + " a second time.");
    }
    // RegisterTaskDefinition input carries tags inside; DescribeTaskDefinition returns them beside.
    JsonNode tags = described && tree.path("tags").isArray() ? tree.get("tags") : NODES.arrayNode();
    if (definition.path("tags").isArray()) {
      tags = definition.remove("tags");
    }
    definition.put("taskDefinitionArn", arns.taskDefinition(key));
    definition.put("revision", revision);
    definition.put("status", "ACTIVE");
    if (!definition.has("compatibilities")) {
      ArrayNode compatibilities = definition.putArray("compatibilities");
      compatibilities.add("EC2");
      if (EcsSampleAccount.isFargate(definition)) {
        compatibilities.add("FARGATE");
      }
    }
    if (!definition.has("registeredAt")) {
      definition.put("registeredAt", CliJson.epochSeconds(startedAt.minus(Duration.ofDays(3))));
    }
    definitions.put(key, definition);
    definitionTags.put(key, tags);
    latest.merge(family, revision, Math::max);
  }

  private static void readServices(
      Path file,
      Map<String, ObjectNode> definitions,
      Map<String, Integer> latest,
      Map<String, List<Service>> clusters)
      throws IOException {
    String where = "ecs/" + file.getFileName();
    JsonNode tree = tree(YAML, file, where, "YAML");
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return;
    }
    if (!tree.isArray()) {
      throw new InvalidSampleException(
          where + " must be a list of {cluster, service, taskDefinition, desiredCount}.");
    }
    int index = 0;
    for (JsonNode entry : tree) {
      index++;
      String what = where + " entry " + index;
      String cluster = required(entry, "cluster", what);
      String service = required(entry, "service", what);
      String reference = required(entry, "taskDefinition", what);
      String key =
          reference.contains(":")
              ? reference.substring(reference.lastIndexOf('/') + 1)
              : Optional.ofNullable(latest.get(reference))
                  .map(r -> reference + ":" + r)
                  .orElse(reference);
      if (!definitions.containsKey(key)) {
        throw new InvalidSampleException(
            what
                + " ("
                + service
                + ") names task definition "
                + reference
                + ", which is not in ecs/.");
      }
      int desired = entry.path("desiredCount").asInt(1);
      if (desired < 0 || desired > 1000) {
        throw new InvalidSampleException(
            what + " has desiredCount " + desired + "; use 0 to 1000.");
      }
      List<ContainerStateOverride> states = new ArrayList<>();
      for (JsonNode s : entry.path("containerStates")) {
        String container = required(s, "name", what + " containerStates");
        states.add(
            new ContainerStateOverride(
                container,
                s.has("task") ? Optional.of(s.get("task").asInt()) : Optional.empty(),
                s.path("lastStatus").asText("RUNNING").toUpperCase(Locale.ROOT),
                s.has("exitCode") ? Optional.of(s.get("exitCode").asInt()) : Optional.empty(),
                text(s, "reason"),
                text(s, "healthStatus").map(h -> h.toUpperCase(Locale.ROOT))));
      }
      List<String> taskIds = new ArrayList<>();
      for (int i = 0; i < desired; i++) {
        taskIds.add(DerivedIds.hex(cluster + "/" + service + "/" + i).substring(0, 32));
      }
      List<Service> services = clusters.computeIfAbsent(cluster, c -> new ArrayList<>());
      if (services.stream().anyMatch(s -> s.name().equals(service))) {
        throw new InvalidSampleException(
            what + " repeats service " + service + " of cluster " + cluster + ".");
      }
      services.add(
          new Service(
              cluster,
              service,
              key,
              desired,
              entry.path("serviceConnect").asBoolean(false),
              states,
              taskIds));
    }
  }

  /** The file's tree; a file that cannot be parsed is one sentence naming it (where). */
  private static JsonNode tree(ObjectMapper mapper, Path file, String where, String language)
      throws IOException {
    try {
      return mapper.readTree(SampleText.read(file));
    } catch (SampleText.NotUtf8 e) {
      throw new InvalidSampleException(where + " " + e.getMessage() + ".");
    } catch (StreamConstraintsException e) {
      throw new InvalidSampleException(where + " " + SampleText.beyondLimits(e) + ".");
    } catch (JsonProcessingException e) {
      throw new InvalidSampleException(where + lineOf(e) + " is not valid " + language + ".");
    }
  }

  /**
   * {@code " line N"} where the parser stopped, or nothing. Only the place: the parser's own
   * message quotes the text there, which in a task definition's environment may be a secret.
   */
  private static String lineOf(JsonProcessingException e) {
    return e.getLocation() != null && e.getLocation().getLineNr() > 0
        ? " line " + e.getLocation().getLineNr()
        : "";
  }

  private static String required(JsonNode node, String field, String what) {
    JsonNode value = node.get(field);
    if (value == null || !value.isValueNode() || value.asText().isBlank()) {
      throw new InvalidSampleException(what + " has no " + field + ".");
    }
    return value.asText().strip();
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank()
        ? Optional.empty()
        : Optional.of(value.asText());
  }
}
