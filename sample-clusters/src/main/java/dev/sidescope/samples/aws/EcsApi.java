package dev.sidescope.samples.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidescope.samples.aws.EcsSampleAccount.Service;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ECS API of a sample account: the read calls Sidescope makes ({@code ListClusters}, {@code
 * DescribeClusters}, {@code ListServices}, {@code DescribeServices}, {@code ListTasks}, {@code
 * DescribeTasks}, {@code DescribeTaskDefinition}), each from an AWS JSON 1.1 request tree to a
 * response tree, with ECS's paging ({@code maxResults}, an opaque {@code nextToken}), its
 * validation and its errors ({@link AwsErrorResponse}). Builds nothing it is not asked for.
 *
 * <p>Immutable; safe to answer from several threads at once.
 */
final class EcsApi {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int DEFAULT_PAGE = 100;

  private final EcsSampleAccount account;
  private final EcsDescriptions descriptions;
  private final int maxPageSize;
  private final Map<String, Function<JsonNode, ObjectNode>> operations;

  private EcsApi(EcsSampleAccount account, int maxPageSize) {
    this.account = account;
    this.descriptions = new EcsDescriptions(account);
    this.maxPageSize = maxPageSize;
    this.operations = answers();
  }

  /** The API of {@code account}, answering list calls with pages of up to 100 items. */
  static EcsApi of(EcsSampleAccount account) {
    return new EcsApi(account, DEFAULT_PAGE);
  }

  /** A copy whose list calls answer at most {@code size} items a page (to exercise paging). */
  EcsApi withMaxPageSize(int size) {
    return new EcsApi(account, size);
  }

  /** The account answered from. */
  EcsSampleAccount account() {
    return account;
  }

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
    List<String> arns = account.clusters().keySet().stream().map(account.arns()::cluster).toList();
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
      List<Service> services = account.clusters().get(name);
      if (services == null) {
        failures.addObject().put("arn", account.arns().cluster(name)).put("reason", "MISSING");
        continue;
      }
      int tasks = services.stream().mapToInt(Service::desiredCount).sum();
      found
          .addObject()
          .put("clusterArn", account.arns().cluster(name))
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
    List<Service> services = cluster(request);
    return page(
        services.stream().map(s -> account.arns().service(s.cluster(), s.name())).toList(),
        request,
        "serviceArns",
        10);
  }

  private ObjectNode describeServices(JsonNode request) {
    List<Service> services = cluster(request);
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
      Optional<Service> service = services.stream().filter(s -> s.name().equals(name)).findFirst();
      if (service.isEmpty()) {
        failures
            .addObject()
            .put("arn", account.arns().service(clusterOf(request), name))
            .put("reason", "MISSING");
      } else {
        found.add(descriptions.service(service.get()));
      }
    }
    return response;
  }

  private ObjectNode listTasks(JsonNode request) {
    List<Service> services = cluster(request);
    String desired = request.path("desiredStatus").asText("RUNNING").toUpperCase(Locale.ROOT);
    String serviceName = request.path("serviceName").asText("");
    String family = request.path("family").asText("");
    List<String> arns = new ArrayList<>();
    if (desired.equals("RUNNING")) {
      for (Service s : services) {
        if ((!serviceName.isEmpty() && !serviceName.endsWith(s.name()))
            || (!family.isEmpty() && !s.definitionKey().startsWith(family + ":"))) {
          continue;
        }
        s.taskIds().forEach(id -> arns.add(account.arns().task(s.cluster(), id)));
      }
    }
    return page(arns, request, "taskArns", 100);
  }

  private ObjectNode describeTasks(JsonNode request) {
    List<Service> services = cluster(request);
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
      for (Service s : services) {
        int index = s.taskIds().indexOf(id);
        if (index >= 0) {
          found.add(descriptions.task(s, index, tags));
          matched = true;
          break;
        }
      }
      if (!matched) {
        failures
            .addObject()
            .put("arn", account.arns().task(clusterOf(request), id))
            .put("reason", "MISSING");
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
            : Optional.ofNullable(account.latestRevision().get(reference))
                .map(r -> reference + ":" + r)
                .orElse(reference);
    ObjectNode definition = account.definitions().get(key);
    if (definition == null) {
      throw new AwsErrorResponse(400, "ClientException", "Unable to describe task definition.");
    }
    ObjectNode response = NODES.objectNode();
    response.set("taskDefinition", definition.deepCopy());
    if (includes(request, "TAGS")) {
      response.set("tags", account.definitionTags().get(key).deepCopy());
    }
    return response;
  }

  private List<Service> cluster(JsonNode request) {
    List<Service> services = account.clusters().get(clusterOf(request));
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
}
