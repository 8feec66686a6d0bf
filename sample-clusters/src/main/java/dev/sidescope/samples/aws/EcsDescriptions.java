package dev.sidescope.samples.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sidescope.samples.aws.EcsSampleAccount.ContainerStateOverride;
import dev.sidescope.samples.aws.EcsSampleAccount.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code DescribeServices} and {@code DescribeTasks} say about a sample account's services and
 * the tasks they run, in AWS JSON 1.1 shapes: every service steady at its desired count, every task
 * {@code RUNNING} and {@code HEALTHY} with all its containers (and the Service Connect proxy where
 * the service asks for it), unless the service's {@code containerStates} say otherwise; each
 * service with the event log ECS would have written for that. Timestamps are counted back from the
 * account's start, addresses and ids derived from the task's id, so a task reads the same on every
 * call and every run.
 *
 * <p>Immutable; builds a fresh tree on every call, safe from several threads at once.
 */
final class EcsDescriptions {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final EcsSampleAccount account;

  EcsDescriptions(EcsSampleAccount account) {
    this.account = account;
  }

  /** The service as {@code DescribeServices} returns it. */
  ObjectNode service(Service s) {
    EcsArns arns = account.arns();
    ObjectNode definition = account.definitions().get(s.definitionKey());
    String definitionArn = definition.get("taskDefinitionArn").asText();
    Instant created = account.startedAt().minus(Duration.ofDays(2));
    ObjectNode service = NODES.objectNode();
    service
        .put("serviceArn", arns.service(s.cluster(), s.name()))
        .put("serviceName", s.name())
        .put("clusterArn", arns.cluster(s.cluster()))
        .put("status", "ACTIVE")
        .put("desiredCount", s.desiredCount())
        .put("runningCount", s.desiredCount())
        .put("pendingCount", 0)
        .put("launchType", EcsSampleAccount.isFargate(definition) ? "FARGATE" : "EC2")
        .put("taskDefinition", definitionArn)
        .put("schedulingStrategy", "REPLICA")
        .put("createdAt", CliJson.epochSeconds(created));
    service.putObject("deploymentController").put("type", "ECS");
    service
        .putArray("deployments")
        .addObject()
        .put("id", "ecs-svc/" + DerivedIds.digits(s.cluster() + "/" + s.name()))
        .put("status", "PRIMARY")
        .put("taskDefinition", definitionArn)
        .put("desiredCount", s.desiredCount())
        .put("runningCount", s.desiredCount())
        .put("pendingCount", 0)
        .put("failedTasks", 0)
        .put("rolloutState", "COMPLETED")
        .put("createdAt", CliJson.epochSeconds(created))
        .put("updatedAt", CliJson.epochSeconds(created));
    serviceEvents(s, service.putArray("events"));
    service.putArray("loadBalancers");
    return service;
  }

  /** How often ECS says again that a service that has not changed is steady. */
  static final Duration STEADY_STATE_EVERY = Duration.ofHours(6);

  /** The most events {@code DescribeServices} gives for a service, as ECS keeps them. */
  static final int MAX_SERVICE_EVENTS = 100;

  /**
   * The service's event log, newest first, as ECS writes it: its tasks started (a minute apart, six
   * hours ago), the deployment completed, and a steady state reached and said again every six hours
   * since. A service one of whose tasks reports a container stopped with an error (its {@code
   * containerStates}) first stopped that task's predecessor: "(service statements) has stopped 1
   * running tasks: (task ...)." Ids are derived, times counted back from the account's start.
   */
  private void serviceEvents(Service s, ArrayNode events) {
    String service = "(service " + s.name() + ")";
    String deployment = "ecs-svc/" + DerivedIds.digits(s.cluster() + "/" + s.name());
    List<ObjectNode> oldestFirst = new ArrayList<>();
    Instant firstTask = taskCreatedAt(account, 0);
    Optional<Integer> broken = taskWithAFailedContainer(s);
    if (broken.isPresent()) {
      String predecessor =
          DerivedIds.hex(s.cluster() + "/" + s.name() + "/replaced/" + broken.get())
              .substring(0, 32);
      oldestFirst.add(
          serviceEvent(
              s,
              "stopped",
              firstTask.minusSeconds(40),
              service + " has stopped 1 running tasks: (task " + predecessor + ")."));
    }
    if (!s.taskIds().isEmpty()) {
      StringBuilder started =
          new StringBuilder(service)
              .append(" has started ")
              .append(s.taskIds().size())
              .append(" tasks:");
      s.taskIds().forEach(id -> started.append(" (task ").append(id).append(')'));
      oldestFirst.add(
          serviceEvent(s, "started", firstTask.minusSeconds(1), started.append('.').toString()));
    }
    Instant steady = taskStartedAt(account, Math.max(0, s.taskIds().size() - 1)).plusSeconds(75);
    oldestFirst.add(
        serviceEvent(
            s,
            "deployment",
            steady.minusSeconds(9),
            service + " (deployment " + deployment + ") deployment completed."));
    for (Instant t = steady; !t.isAfter(account.startedAt()); t = t.plus(STEADY_STATE_EVERY)) {
      oldestFirst.add(serviceEvent(s, "steady/" + t, t, service + " has reached a steady state."));
    }
    for (int i = oldestFirst.size() - 1; i >= 0 && events.size() < MAX_SERVICE_EVENTS; i--) {
      events.add(oldestFirst.get(i));
    }
  }

  /** The task (from 0) of which a container reports it stopped with an error, if any. */
  private static Optional<Integer> taskWithAFailedContainer(Service s) {
    for (ContainerStateOverride o : s.containerStates()) {
      if ("STOPPED".equals(o.lastStatus()) && o.exitCode().map(c -> c != 0).orElse(false)) {
        return Optional.of(o.task().orElse(0));
      }
    }
    return Optional.empty();
  }

  private static ObjectNode serviceEvent(Service s, String what, Instant at, String message) {
    ObjectNode event = NODES.objectNode();
    event
        .put("id", DerivedIds.uuid(s.cluster() + "/" + s.name() + "/event/" + what))
        .put("createdAt", CliJson.epochSeconds(at))
        .put("message", message);
    return event;
  }

  /** When task number {@code index} of a service was created. */
  static Instant taskCreatedAt(EcsSampleAccount account, int index) {
    return account.startedAt().minus(Duration.ofHours(6)).plus(Duration.ofMinutes(index));
  }

  /** When task number {@code index} of a service started: 14 seconds after it was created. */
  static Instant taskStartedAt(EcsSampleAccount account, int index) {
    return taskCreatedAt(account, index).plusSeconds(14);
  }

  /** The private IP address of the task {@code id}. */
  static String taskIp(String id) {
    return "10.0."
        + (1 + Math.floorMod(id.hashCode(), 3))
        + "."
        + (10 + Math.floorMod(id.hashCode() >> 3, 240));
  }

  /** Task number {@code index} of the service as {@code DescribeTasks} returns it. */
  ObjectNode task(Service s, int index, boolean withTags) {
    ObjectNode definition = account.definitions().get(s.definitionKey());
    String id = s.taskIds().get(index);
    String arn = account.arns().task(s.cluster(), id);
    boolean fargate = EcsSampleAccount.isFargate(definition);
    Instant created = taskCreatedAt(account, index);
    String ip = taskIp(id);
    String attachmentId = DerivedIds.uuid(id + "/eni");

    ObjectNode task = NODES.objectNode();
    task.put("taskArn", arn)
        .put("clusterArn", account.arns().cluster(s.cluster()))
        .put("taskDefinitionArn", definition.get("taskDefinitionArn").asText())
        .put("group", "service:" + s.name())
        .put("startedBy", "ecs-svc/" + DerivedIds.digits(s.cluster() + "/" + s.name()))
        .put("lastStatus", "RUNNING")
        .put("desiredStatus", "RUNNING")
        .put("healthStatus", "HEALTHY")
        .put("launchType", fargate ? "FARGATE" : "EC2")
        .put("availabilityZone", account.region() + "abc".charAt(index % 3))
        .put("connectivity", "CONNECTED")
        .put("connectivityAt", CliJson.epochSeconds(created.plusSeconds(2)))
        .put("createdAt", CliJson.epochSeconds(created))
        .put("pullStartedAt", CliJson.epochSeconds(created.plusSeconds(4)))
        .put("pullStoppedAt", CliJson.epochSeconds(created.plusSeconds(11)))
        .put("startedAt", CliJson.epochSeconds(taskStartedAt(account, index)))
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

  private static Optional<ContainerStateOverride> stateOf(
      Service s, int taskIndex, String container) {
    return s.containerStates().stream()
        .filter(c -> c.name().equals(container))
        .filter(c -> c.task().map(t -> t == taskIndex).orElse(true))
        .findFirst();
  }

  private ObjectNode container(
      String taskArn,
      String cluster,
      String taskId,
      String name,
      String image,
      JsonNode definition,
      boolean fargate,
      String attachmentId,
      String ip,
      Optional<ContainerStateOverride> state) {
    ObjectNode c = NODES.objectNode();
    c.put(
            "containerArn",
            account.arns().container(cluster, taskId, DerivedIds.uuid(taskId + "/" + name)))
        .put("taskArn", taskArn)
        .put("name", name)
        .put("image", image)
        .put("runtimeId", taskId + "-" + DerivedIds.digits(name).substring(0, 10));
    String lastStatus = state.map(ContainerStateOverride::lastStatus).orElse("RUNNING");
    c.put("lastStatus", lastStatus);
    state.flatMap(ContainerStateOverride::exitCode).ifPresent(code -> c.put("exitCode", code));
    state.flatMap(ContainerStateOverride::reason).ifPresent(reason -> c.put("reason", reason));
    String health =
        state
            .flatMap(ContainerStateOverride::healthStatus)
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
}
