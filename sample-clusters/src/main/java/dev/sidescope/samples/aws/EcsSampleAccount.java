package dev.sidescope.samples.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The ECS side of a sample cluster, as an account would hold it: task definitions (from {@code
 * ecs/*.json}), clusters and services (from {@code ecs/services.yaml}) and the tasks each service
 * runs, with ARNs in a fixed fake account. Answers the read calls Sidescope makes, in AWS JSON 1.1
 * shapes; builds nothing it is not asked for.
 *
 * <p>Task definitions get revisions in file order per family, starting at 1; a {@code
 * DescribeTaskDefinition} output keeps its own revision. Every task is {@code RUNNING} and {@code
 * HEALTHY} with all its containers, unless the service's {@code containerStates} say otherwise.
 * Task ids are derived from cluster, service and index, so they are the same on every run.
 *
 * <p>Immutable after {@link #read}; safe to answer from several threads at once.
 */
final class EcsSampleAccount {
  static final String ACCOUNT_ID = "123456789012";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final int DEFAULT_PAGE = 100;

  private final String region;
  private final Instant startedAt;
  private final int maxPageSize;

  /** "family:revision" to the DescribeTaskDefinition output's taskDefinition. */
  private final Map<String, ObjectNode> definitions;

  private final Map<String, ObjectNode> definitionTags;
  private final Map<String, Integer> latestRevision;

  /** Cluster name to its services, in services.yaml order. */
  private final Map<String, List<ServiceEntry>> clusters;

  private final Map<String, Function<JsonNode, ObjectNode>> operations;

  /** One service of services.yaml, with the tasks it runs. */
  private record ServiceEntry(
      String cluster,
      String name,
      String definitionKey,
      int desiredCount,
      boolean serviceConnect,
      List<ContainerStateEntry> containerStates,
      List<String> taskIds) {}

  /** A {@code containerStates} entry: what one container of the service's tasks is doing. */
  private record ContainerStateEntry(
      String name,
      Optional<Integer> task,
      String lastStatus,
      Optional<Integer> exitCode,
      Optional<String> reason,
      Optional<String> healthStatus) {}

  private EcsSampleAccount(
      String region,
      Instant startedAt,
      int maxPageSize,
      Map<String, ObjectNode> definitions,
      Map<String, ObjectNode> definitionTags,
      Map<String, Integer> latestRevision,
      Map<String, List<ServiceEntry>> clusters) {
    this.region = region;
    this.startedAt = startedAt;
    this.maxPageSize = maxPageSize;
    this.definitions = definitions;
    this.definitionTags = definitionTags;
    this.latestRevision = latestRevision;
    this.clusters = clusters;
    this.operations = answers();
  }

  /**
   * Reads a sample folder's {@code ecs/}; a folder without one is an account with no clusters.
   *
   * @throws InvalidSampleException when a file cannot be served; the message names it
   */
  static EcsSampleAccount read(Path folder, String region, Instant startedAt) throws IOException {
    Path ecs = folder.resolve("ecs");
    Map<String, ObjectNode> definitions = new LinkedHashMap<>();
    Map<String, ObjectNode> definitionTags = new LinkedHashMap<>();
    Map<String, Integer> latest = new TreeMap<>();
    Map<String, List<ServiceEntry>> clusters = new TreeMap<>();
    if (!Files.isDirectory(ecs)) {
      return new EcsSampleAccount(
          region, startedAt, DEFAULT_PAGE, definitions, definitionTags, latest, clusters);
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(ecs)) {
      files =
          list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
              .sorted()
              .toList();
    }
    for (Path file : files) {
      readDefinition(file, region, startedAt, definitions, definitionTags, latest);
    }
    Path services = ecs.resolve("services.yaml");
    if (!Files.exists(services)) {
      services = ecs.resolve("services.yml");
    }
    if (Files.exists(services)) {
      readServices(services, definitions, latest, clusters);
    }
    return new EcsSampleAccount(
        region, startedAt, DEFAULT_PAGE, definitions, definitionTags, latest, clusters);
  }

  /** A copy whose list calls answer at most {@code size} items a page (to exercise paging). */
  EcsSampleAccount withMaxPageSize(int size) {
    return new EcsSampleAccount(
        region, startedAt, size, definitions, definitionTags, latestRevision, clusters);
  }

  private static void readDefinition(
      Path file,
      String region,
      Instant startedAt,
      Map<String, ObjectNode> definitions,
      Map<String, ObjectNode> definitionTags,
      Map<String, Integer> latest)
      throws IOException {
    String where = "ecs/" + file.getFileName();
    JsonNode tree;
    try {
      tree = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new InvalidSampleException(where + " is not valid JSON: " + e.getOriginalMessage());
    }
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
    ObjectNode tags = NODES.objectNode();
    tags.set(
        "tags", described && tree.path("tags").isArray() ? tree.get("tags") : NODES.arrayNode());
    if (definition.path("tags").isArray()) {
      tags.set("tags", definition.remove("tags"));
    }
    definition.put(
        "taskDefinitionArn",
        "arn:aws:ecs:" + region + ":" + ACCOUNT_ID + ":task-definition/" + key);
    definition.put("revision", revision);
    definition.put("status", "ACTIVE");
    if (!definition.has("compatibilities")) {
      ArrayNode compatibilities = definition.putArray("compatibilities");
      compatibilities.add("EC2");
      if (isFargate(definition)) {
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
      Map<String, List<ServiceEntry>> clusters)
      throws IOException {
    String where = "ecs/" + file.getFileName();
    JsonNode tree;
    try {
      tree = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new InvalidSampleException(where + " is not valid YAML: " + e.getOriginalMessage());
    }
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
      List<ContainerStateEntry> states = new ArrayList<>();
      for (JsonNode s : entry.path("containerStates")) {
        String container = required(s, "name", what + " containerStates");
        states.add(
            new ContainerStateEntry(
                container,
                s.has("task") ? Optional.of(s.get("task").asInt()) : Optional.empty(),
                s.path("lastStatus").asText("RUNNING").toUpperCase(Locale.ROOT),
                s.has("exitCode") ? Optional.of(s.get("exitCode").asInt()) : Optional.empty(),
                text(s, "reason"),
                text(s, "healthStatus").map(h -> h.toUpperCase(Locale.ROOT))));
      }
      List<String> taskIds = new ArrayList<>();
      for (int i = 0; i < desired; i++) {
        taskIds.add(hex(cluster + "/" + service + "/" + i).substring(0, 32));
      }
      List<ServiceEntry> services = clusters.computeIfAbsent(cluster, c -> new ArrayList<>());
      if (services.stream().anyMatch(s -> s.name().equals(service))) {
        throw new InvalidSampleException(
            what + " repeats service " + service + " of cluster " + cluster + ".");
      }
      services.add(
          new ServiceEntry(
              cluster,
              service,
              key,
              desired,
              entry.path("serviceConnect").asBoolean(false),
              List.copyOf(states),
              List.copyOf(taskIds)));
    }
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

  // ---- answers ---------------------------------------------------------------------------

  /** The operations answered, each from a request tree to a response tree. */
  Map<String, Function<JsonNode, ObjectNode>> operations() {
    return operations;
  }

  private Map<String, Function<JsonNode, ObjectNode>> answers() {
    Map<String, Function<JsonNode, ObjectNode>> ops = new LinkedHashMap<>();
    ops.put("ListClusters", this::listClusters);
    ops.put("DescribeClusters", this::describeClusters);
    ops.put("ListServices", this::listServices);
    ops.put("DescribeServices", this::describeServices);
    ops.put("ListTasks", this::listTasks);
    ops.put("DescribeTasks", this::describeTasks);
    ops.put("DescribeTaskDefinition", this::describeTaskDefinition);
    return Map.copyOf(ops);
  }

  /** The cluster a request is about, as ECS reads it ({@code default} when none is given). */
  static String clusterOf(JsonNode request) {
    String cluster = request.path("cluster").asText("");
    if (cluster.isBlank()) {
      return "default";
    }
    return cluster.substring(cluster.lastIndexOf('/') + 1);
  }

  /** The cluster names a request touches (for access rules); empty for account-wide calls. */
  static List<String> clustersOf(String operation, JsonNode request) {
    return switch (operation) {
      case "ListServices", "DescribeServices", "ListTasks", "DescribeTasks" ->
          List.of(clusterOf(request));
      case "DescribeClusters" -> {
        List<String> names = new ArrayList<>();
        request
            .path("clusters")
            .forEach(c -> names.add(c.asText().substring(c.asText().lastIndexOf('/') + 1)));
        yield names.isEmpty() ? List.of("default") : names;
      }
      default -> List.of();
    };
  }

  private ObjectNode listClusters(JsonNode request) {
    List<String> arns = clusters.keySet().stream().map(this::clusterArn).toList();
    return page(arns, request, "clusterArns", 100);
  }

  private ObjectNode describeClusters(JsonNode request) {
    ObjectNode response = NODES.objectNode();
    ArrayNode found = response.putArray("clusters");
    ArrayNode failures = response.putArray("failures");
    List<String> asked = new ArrayList<>();
    request.path("clusters").forEach(c -> asked.add(c.asText()));
    if (asked.isEmpty()) {
      asked.add("default");
    }
    for (String nameOrArn : asked) {
      String name = nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
      List<ServiceEntry> services = clusters.get(name);
      if (services == null) {
        failures.addObject().put("arn", clusterArn(name)).put("reason", "MISSING");
        continue;
      }
      int tasks = services.stream().mapToInt(ServiceEntry::desiredCount).sum();
      found
          .addObject()
          .put("clusterArn", clusterArn(name))
          .put("clusterName", name)
          .put("status", "ACTIVE")
          .put("registeredContainerInstancesCount", 0)
          .put("runningTasksCount", tasks)
          .put("pendingTasksCount", 0)
          .put("activeServicesCount", services.size());
    }
    return response;
  }

  private ObjectNode listServices(JsonNode request) {
    List<ServiceEntry> services = cluster(request);
    return page(services.stream().map(this::serviceArn).toList(), request, "serviceArns", 10);
  }

  private ObjectNode describeServices(JsonNode request) {
    List<ServiceEntry> services = cluster(request);
    JsonNode asked = request.path("services");
    if (!asked.isArray() || asked.isEmpty()) {
      throw AwsErrorResponse.invalidParameter("Services cannot be empty.");
    }
    if (asked.size() > 10) {
      throw AwsErrorResponse.invalidParameter("Services cannot be longer than 10.");
    }
    ObjectNode response = NODES.objectNode();
    ArrayNode found = response.putArray("services");
    ArrayNode failures = response.putArray("failures");
    for (JsonNode a : asked) {
      String name = a.asText().substring(a.asText().lastIndexOf('/') + 1);
      Optional<ServiceEntry> service =
          services.stream().filter(s -> s.name().equals(name)).findFirst();
      if (service.isEmpty()) {
        failures
            .addObject()
            .put(
                "arn",
                "arn:aws:ecs:"
                    + region
                    + ":"
                    + ACCOUNT_ID
                    + ":service/"
                    + clusterOf(request)
                    + "/"
                    + name)
            .put("reason", "MISSING");
      } else {
        found.add(service(service.get()));
      }
    }
    return response;
  }

  private ObjectNode listTasks(JsonNode request) {
    List<ServiceEntry> services = cluster(request);
    String desired = request.path("desiredStatus").asText("RUNNING").toUpperCase(Locale.ROOT);
    String serviceName = request.path("serviceName").asText("");
    String family = request.path("family").asText("");
    List<String> arns = new ArrayList<>();
    if (desired.equals("RUNNING")) {
      for (ServiceEntry s : services) {
        if ((!serviceName.isEmpty() && !serviceName.endsWith(s.name()))
            || (!family.isEmpty() && !s.definitionKey().startsWith(family + ":"))) {
          continue;
        }
        s.taskIds().forEach(id -> arns.add(taskArn(s.cluster(), id)));
      }
    }
    return page(arns, request, "taskArns", 100);
  }

  private ObjectNode describeTasks(JsonNode request) {
    List<ServiceEntry> services = cluster(request);
    JsonNode asked = request.path("tasks");
    if (!asked.isArray() || asked.isEmpty()) {
      throw AwsErrorResponse.invalidParameter("Tasks cannot be empty.");
    }
    if (asked.size() > 100) {
      throw AwsErrorResponse.invalidParameter("Tasks cannot be longer than 100.");
    }
    boolean tags = includes(request, "TAGS");
    ObjectNode response = NODES.objectNode();
    ArrayNode found = response.putArray("tasks");
    ArrayNode failures = response.putArray("failures");
    for (JsonNode a : asked) {
      String id = a.asText().substring(a.asText().lastIndexOf('/') + 1);
      boolean matched = false;
      for (ServiceEntry s : services) {
        int index = s.taskIds().indexOf(id);
        if (index >= 0) {
          found.add(task(s, index, tags));
          matched = true;
          break;
        }
      }
      if (!matched) {
        failures.addObject().put("arn", taskArn(clusterOf(request), id)).put("reason", "MISSING");
      }
    }
    return response;
  }

  private ObjectNode describeTaskDefinition(JsonNode request) {
    String asked = request.path("taskDefinition").asText("");
    if (asked.isBlank()) {
      throw AwsErrorResponse.invalidParameter("Task Definition can not be blank.");
    }
    String reference = asked.substring(asked.lastIndexOf('/') + 1);
    String key =
        reference.contains(":")
            ? reference
            : Optional.ofNullable(latestRevision.get(reference))
                .map(r -> reference + ":" + r)
                .orElse(reference);
    ObjectNode definition = definitions.get(key);
    if (definition == null) {
      throw new AwsErrorResponse(400, "ClientException", "Unable to describe task definition.");
    }
    ObjectNode response = NODES.objectNode();
    response.set("taskDefinition", definition.deepCopy());
    if (includes(request, "TAGS")) {
      response.set("tags", definitionTags.get(key).get("tags").deepCopy());
    }
    return response;
  }

  private List<ServiceEntry> cluster(JsonNode request) {
    List<ServiceEntry> services = clusters.get(clusterOf(request));
    if (services == null) {
      throw AwsErrorResponse.clusterNotFound();
    }
    return services;
  }

  private static boolean includes(JsonNode request, String field) {
    for (JsonNode i : request.path("include")) {
      if (i.asText().equalsIgnoreCase(field)) {
        return true;
      }
    }
    return false;
  }

  /** One page of a list call: {@code maxResults} (capped), an opaque {@code nextToken}. */
  private ObjectNode page(List<String> items, JsonNode request, String field, int defaultSize) {
    int size = request.path("maxResults").asInt(defaultSize);
    if (size < 1 || size > 100) {
      throw AwsErrorResponse.invalidParameter("maxResults must be between 1 and 100.");
    }
    size = Math.min(size, maxPageSize);
    int from = 0;
    String token = request.path("nextToken").asText("");
    if (!token.isEmpty()) {
      try {
        from =
            Integer.parseInt(
                new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw AwsErrorResponse.invalidParameter("The nextToken is not valid.");
      }
      if (from < 0 || from > items.size()) {
        throw AwsErrorResponse.invalidParameter("The nextToken is not valid.");
      }
    }
    int to = Math.min(items.size(), from + size);
    ObjectNode response = NODES.objectNode();
    ArrayNode array = response.putArray(field);
    items.subList(from, to).forEach(array::add);
    if (to < items.size()) {
      response.put(
          "nextToken",
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)));
    }
    return response;
  }

  // ---- shapes ----------------------------------------------------------------------------

  private String clusterArn(String cluster) {
    return "arn:aws:ecs:" + region + ":" + ACCOUNT_ID + ":cluster/" + cluster;
  }

  private String serviceArn(ServiceEntry s) {
    return "arn:aws:ecs:" + region + ":" + ACCOUNT_ID + ":service/" + s.cluster() + "/" + s.name();
  }

  private String taskArn(String cluster, String id) {
    return "arn:aws:ecs:" + region + ":" + ACCOUNT_ID + ":task/" + cluster + "/" + id;
  }

  private ObjectNode service(ServiceEntry s) {
    ObjectNode definition = definitions.get(s.definitionKey());
    String definitionArn = definition.get("taskDefinitionArn").asText();
    Instant created = startedAt.minus(Duration.ofDays(2));
    ObjectNode service = NODES.objectNode();
    service
        .put("serviceArn", serviceArn(s))
        .put("serviceName", s.name())
        .put("clusterArn", clusterArn(s.cluster()))
        .put("status", "ACTIVE")
        .put("desiredCount", s.desiredCount())
        .put("runningCount", s.desiredCount())
        .put("pendingCount", 0)
        .put("launchType", isFargate(definition) ? "FARGATE" : "EC2")
        .put("taskDefinition", definitionArn)
        .put("schedulingStrategy", "REPLICA")
        .put("createdAt", CliJson.epochSeconds(created));
    service.putObject("deploymentController").put("type", "ECS");
    service
        .putArray("deployments")
        .addObject()
        .put("id", "ecs-svc/" + digits(s.cluster() + "/" + s.name()))
        .put("status", "PRIMARY")
        .put("taskDefinition", definitionArn)
        .put("desiredCount", s.desiredCount())
        .put("runningCount", s.desiredCount())
        .put("pendingCount", 0)
        .put("failedTasks", 0)
        .put("rolloutState", "COMPLETED")
        .put("createdAt", CliJson.epochSeconds(created))
        .put("updatedAt", CliJson.epochSeconds(created));
    service.putArray("events");
    service.putArray("loadBalancers");
    return service;
  }

  private ObjectNode task(ServiceEntry s, int index, boolean withTags) {
    ObjectNode definition = definitions.get(s.definitionKey());
    String id = s.taskIds().get(index);
    String arn = taskArn(s.cluster(), id);
    boolean fargate = isFargate(definition);
    Instant created = startedAt.minus(Duration.ofHours(6)).plus(Duration.ofMinutes(index));
    String ip =
        "10.0."
            + (1 + Math.floorMod(id.hashCode(), 3))
            + "."
            + (10 + Math.floorMod(id.hashCode() >> 3, 240));
    String attachmentId = uuid(id + "/eni");

    ObjectNode task = NODES.objectNode();
    task.put("taskArn", arn)
        .put("clusterArn", clusterArn(s.cluster()))
        .put("taskDefinitionArn", definition.get("taskDefinitionArn").asText())
        .put("group", "service:" + s.name())
        .put("startedBy", "ecs-svc/" + digits(s.cluster() + "/" + s.name()))
        .put("lastStatus", "RUNNING")
        .put("desiredStatus", "RUNNING")
        .put("healthStatus", "HEALTHY")
        .put("launchType", fargate ? "FARGATE" : "EC2")
        .put("availabilityZone", region + "abc".charAt(index % 3))
        .put("connectivity", "CONNECTED")
        .put("connectivityAt", CliJson.epochSeconds(created.plusSeconds(2)))
        .put("createdAt", CliJson.epochSeconds(created))
        .put("pullStartedAt", CliJson.epochSeconds(created.plusSeconds(4)))
        .put("pullStoppedAt", CliJson.epochSeconds(created.plusSeconds(11)))
        .put("startedAt", CliJson.epochSeconds(created.plusSeconds(14)))
        .put("enableExecuteCommand", false)
        .put("version", 3);
    if (definition.hasNonNull("cpu")) {
      task.put("cpu", definition.get("cpu").asText());
    }
    if (definition.hasNonNull("memory")) {
      task.put("memory", definition.get("memory").asText());
    }
    if (fargate) {
      task.put("platformVersion", "1.4.0").put("platformFamily", "Linux");
    }
    ArrayNode attachments = task.putArray("attachments");
    if (fargate || "awsvpc".equals(definition.path("networkMode").asText())) {
      ObjectNode eni =
          attachments
              .addObject()
              .put("id", attachmentId)
              .put("type", "ElasticNetworkInterface")
              .put("status", "ATTACHED");
      ArrayNode details = eni.putArray("details");
      details
          .addObject()
          .put("name", "subnetId")
          .put("value", "subnet-0d0eab1bb3" + id.substring(0, 7));
      details
          .addObject()
          .put("name", "networkInterfaceId")
          .put("value", "eni-0fa40520ae" + id.substring(7, 14));
      details.addObject().put("name", "privateIPv4Address").put("value", ip);
    }
    task.putArray("attributes")
        .addObject()
        .put("name", "ecs.cpu-architecture")
        .put("value", "x86_64");

    ArrayNode containers = task.putArray("containers");
    ArrayNode overrides = task.putObject("overrides").putArray("containerOverrides");
    task.with("overrides").putArray("inferenceAcceleratorOverrides");
    for (JsonNode c : definition.path("containerDefinitions")) {
      String name = c.path("name").asText();
      overrides.addObject().put("name", name);
      containers.add(
          container(
              arn,
              s.cluster(),
              id,
              name,
              c.path("image").asText(""),
              c,
              fargate,
              attachmentId,
              ip,
              stateOf(s, index, name)));
    }
    if (s.serviceConnect()) {
      String name = "ecs-service-connect-" + id.substring(0, 5);
      containers.add(
          container(
              arn,
              s.cluster(),
              id,
              name,
              "public.ecr.aws/ecs/ecs-service-connect-agent:interface-v1",
              NODES.objectNode(),
              fargate,
              attachmentId,
              ip,
              stateOf(s, index, name)));
    }
    ArrayNode tags = NODES.arrayNode();
    tags.addObject().put("key", "aws:ecs:serviceName").put("value", s.name());
    tags.addObject().put("key", "aws:ecs:clusterName").put("value", s.cluster());
    if (withTags) {
      task.set("tags", tags);
    }
    return task;
  }

  private Optional<ContainerStateEntry> stateOf(ServiceEntry s, int taskIndex, String container) {
    return s.containerStates().stream()
        .filter(c -> c.name().equals(container))
        .filter(c -> c.task().map(t -> t == taskIndex).orElse(true))
        .findFirst();
  }

  private static ObjectNode container(
      String taskArn,
      String cluster,
      String taskId,
      String name,
      String image,
      JsonNode definition,
      boolean fargate,
      String attachmentId,
      String ip,
      Optional<ContainerStateEntry> state) {
    ObjectNode c = NODES.objectNode();
    c.put(
            "containerArn",
            "arn:aws:ecs:"
                + taskArn.split(":")[3]
                + ":"
                + ACCOUNT_ID
                + ":container/"
                + cluster
                + "/"
                + taskId
                + "/"
                + uuid(taskId + "/" + name))
        .put("taskArn", taskArn)
        .put("name", name)
        .put("image", image)
        .put("runtimeId", taskId + "-" + digits(name).substring(0, 10));
    String lastStatus = state.map(ContainerStateEntry::lastStatus).orElse("RUNNING");
    c.put("lastStatus", lastStatus);
    state.flatMap(ContainerStateEntry::exitCode).ifPresent(code -> c.put("exitCode", code));
    state.flatMap(ContainerStateEntry::reason).ifPresent(reason -> c.put("reason", reason));
    String health =
        state
            .flatMap(ContainerStateEntry::healthStatus)
            .orElse(lastStatus.equals("RUNNING") ? "HEALTHY" : "UNKNOWN");
    c.put("healthStatus", health);
    ArrayNode bindings = c.putArray("networkBindings");
    ArrayNode interfaces = c.putArray("networkInterfaces");
    if (fargate) {
      interfaces.addObject().put("attachmentId", attachmentId).put("privateIpv4Address", ip);
    } else {
      for (JsonNode p : definition.path("portMappings")) {
        if (p.has("containerPort")) {
          bindings
              .addObject()
              .put("bindIP", "0.0.0.0")
              .put("containerPort", p.get("containerPort").asInt())
              .put("hostPort", p.path("hostPort").asInt(p.get("containerPort").asInt()))
              .put("protocol", p.path("protocol").asText("tcp"));
        }
      }
    }
    if (definition.hasNonNull("cpu")) {
      c.put("cpu", definition.get("cpu").asText());
    }
    if (definition.hasNonNull("memory")) {
      c.put("memory", definition.get("memory").asText());
    }
    return c;
  }

  private static boolean isFargate(JsonNode definition) {
    for (JsonNode r : definition.path("requiresCompatibilities")) {
      if (r.asText().equalsIgnoreCase("FARGATE")) {
        return true;
      }
    }
    return false;
  }

  private static String hex(String seed) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** A UUID-shaped id derived from a seed. */
  private static String uuid(String seed) {
    String h = hex(seed);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-"
        + h.substring(12, 16)
        + "-"
        + h.substring(16, 20)
        + "-"
        + h.substring(20, 32);
  }

  /** Nineteen decimal digits derived from a seed, like ECS deployment ids. */
  private static String digits(String seed) {
    String h = hex(seed);
    StringBuilder digits = new StringBuilder();
    for (int i = 0; digits.length() < 19; i++) {
      digits.append(Character.digit(h.charAt(i % h.length()), 16) % 10);
    }
    return digits.toString();
  }
}
