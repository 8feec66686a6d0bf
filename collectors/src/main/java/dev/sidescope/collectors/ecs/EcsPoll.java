package dev.sidescope.collectors.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sidescope.collectors.aws.SdkJson;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/**
 * One pass over the account: {@code ListClusters} (unless clusters were given), then per cluster
 * {@code ListServices} and {@code DescribeServices} (10 a call), {@code ListTasks} (every page) and
 * {@code DescribeTasks} (100 a call), and {@code DescribeTaskDefinition} for each definition not
 * seen before. Each task becomes a {@link WorkloadSpec} through {@link EcsTaskDefinitions}.
 *
 * <p>A cluster that denies access or does not exist is skipped and reported, keeping what was last
 * seen there; so is a task definition that cannot be read (its tasks are read from DescribeTasks
 * alone). Anything else that fails — throttling, server errors, a response that is not JSON, the
 * credentials — fails the whole pass with an {@link EcsCallFailure}.
 *
 * <p>Not thread-safe: the source runs one pass at a time. The task-definition cache lives across
 * passes (a revision never changes), bounded to {@value #MAX_CACHED_DEFINITIONS} entries.
 */
final class EcsPoll {
  private static final Logger LOG = LoggerFactory.getLogger(EcsPoll.class);

  static final int DESCRIBE_TASKS_BATCH = 100;
  static final int DESCRIBE_SERVICES_BATCH = 10;
  static final int MAX_CACHED_DEFINITIONS = 512;

  /** A cluster or task definition that could not be read; the rest of the pass went on. */
  record Problem(Kind kind, String subject, String operation, String code) {
    enum Kind {
      CLUSTER_DENIED,
      CLUSTER_NOT_FOUND,
      DEFINITION_UNREADABLE
    }
  }

  /** What one pass saw. */
  record Result(List<WorkloadSpec> workloads, List<ServiceSpec> services, List<Problem> problems) {}

  private record ClusterView(List<WorkloadSpec> workloads, List<ServiceSpec> services) {}

  private final EcsClient ecs;
  private final String region;
  private final List<String> givenClusters;
  private final EcsTaskDefinitions definitions;
  private final Map<String, JsonNode> definitionCache =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
          return size() > MAX_CACHED_DEFINITIONS;
        }
      };
  private final Map<String, ClusterView> lastSeen = new LinkedHashMap<>();

  /** Definitions that could not be read in this pass: asked for once a pass, not once a task. */
  private final Set<String> unreadableThisPass = new java.util.HashSet<>();

  EcsPoll(EcsClient ecs, String sourceId, String region, List<String> givenClusters) {
    this.ecs = ecs;
    this.region = region;
    this.givenClusters = List.copyOf(givenClusters);
    this.definitions = new EcsTaskDefinitions(sourceId, sourceId);
  }

  /** Runs one pass. */
  Result run() {
    unreadableThisPass.clear();
    List<String> clusters = clusters();
    List<WorkloadSpec> workloads = new ArrayList<>();
    List<ServiceSpec> services = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Map<String, ClusterView> seen = new LinkedHashMap<>();
    for (String cluster : clusters) {
      ClusterView view;
      try {
        view = cluster(cluster, problems);
      } catch (EcsCallFailure e) {
        Optional<Problem.Kind> kind = clusterProblem(e);
        if (kind.isEmpty()) {
          throw e;
        }
        problems.add(new Problem(kind.get(), cluster, e.operation(), code(e)));
        view = lastSeen.get(cluster);
        if (view == null) {
          continue;
        }
      }
      seen.put(cluster, view);
      workloads.addAll(view.workloads());
      services.addAll(view.services());
    }
    lastSeen.clear();
    lastSeen.putAll(seen);
    return new Result(workloads, services, problems);
  }

  /** Every cluster's name, as ListClusters returns them (every page), sorted. */
  List<String> listClusterNames() {
    Set<String> names = new LinkedHashSet<>();
    call(
        "ListClusters",
        null,
        () -> {
          ecs.listClustersPaginator(r -> r.maxResults(100))
              .clusterArns()
              .forEach(arn -> names.add(lastSegment(arn)));
          return null;
        });
    return names.stream().sorted().toList();
  }

  /** The cluster names to read: the given ones, or all that ListClusters returns, sorted. */
  private List<String> clusters() {
    if (givenClusters.isEmpty()) {
      return listClusterNames();
    }
    Set<String> names = new LinkedHashSet<>();
    givenClusters.forEach(c -> names.add(lastSegment(c)));
    return names.stream().sorted().toList();
  }

  private ClusterView cluster(String cluster, List<Problem> problems) {
    List<String> serviceArns =
        call(
            "ListServices",
            cluster,
            () ->
                ecs
                    .listServicesPaginator(r -> r.cluster(cluster).maxResults(100))
                    .serviceArns()
                    .stream()
                    .toList());
    List<ServiceSpec> services = new ArrayList<>();
    for (List<String> batch : batches(serviceArns, DESCRIBE_SERVICES_BATCH)) {
      DescribeServicesResponse response =
          call(
              "DescribeServices",
              cluster,
              () -> ecs.describeServices(r -> r.cluster(cluster).services(batch)));
      for (Service s : response.services()) {
        if (s.serviceName() != null) {
          services.add(
              new ServiceSpec(
                  "ecs-service/" + region + "/" + cluster + "/" + s.serviceName(),
                  Platform.ECS,
                  cluster,
                  s.serviceName(),
                  Map.of(),
                  List.of()));
        }
      }
    }

    List<String> taskArns =
        call(
            "ListTasks",
            cluster,
            () ->
                ecs.listTasksPaginator(r -> r.cluster(cluster).maxResults(100)).taskArns().stream()
                    .toList());
    List<WorkloadSpec> workloads = new ArrayList<>();
    for (List<String> batch : batches(taskArns, DESCRIBE_TASKS_BATCH)) {
      DescribeTasksResponse response =
          call(
              "DescribeTasks",
              cluster,
              () ->
                  ecs.describeTasks(r -> r.cluster(cluster).tasks(batch).include(TaskField.TAGS)));
      for (Task task : response.tasks()) {
        JsonNode definition = definition(task.taskDefinitionArn(), problems);
        try {
          workloads.add(definitions.runningTask(SdkJson.tree(task), definition, cluster));
        } catch (InvalidTaskDefinitionException e) {
          LOG.debug("Skipping a task of cluster {}: {}", cluster, e.getMessage());
        }
      }
      // "MISSING" failures are tasks that stopped between ListTasks and DescribeTasks: not news.
    }
    return new ClusterView(List.copyOf(workloads), List.copyOf(services));
  }

  /** The task definition, from the cache or DescribeTaskDefinition; null when unreadable. */
  private JsonNode definition(String arn, List<Problem> problems) {
    if (arn == null) {
      return null;
    }
    JsonNode cached = definitionCache.get(arn);
    if (cached != null || unreadableThisPass.contains(arn)) {
      return cached;
    }
    try {
      JsonNode definition =
          call(
              "DescribeTaskDefinition",
              null,
              () ->
                  SdkJson.tree(
                      ecs.describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition()));
      definitionCache.put(arn, definition);
      return definition;
    } catch (EcsCallFailure e) {
      if (!(e.getCause() instanceof AwsServiceException service)
          || service.statusCode() >= 500
          || service.isThrottlingException()) {
        throw e;
      }
      unreadableThisPass.add(arn);
      problems.add(
          new Problem(
              Problem.Kind.DEFINITION_UNREADABLE,
              lastSegment(arn),
              "DescribeTaskDefinition",
              code(e)));
      return null;
    }
  }

  private static Optional<Problem.Kind> clusterProblem(EcsCallFailure e) {
    String code = code(e);
    if (code.equals("AccessDeniedException")) {
      return Optional.of(Problem.Kind.CLUSTER_DENIED);
    }
    if (code.equals("ClusterNotFoundException")) {
      return Optional.of(Problem.Kind.CLUSTER_NOT_FOUND);
    }
    return Optional.empty();
  }

  static String code(EcsCallFailure e) {
    return e.getCause() instanceof AwsServiceException service
            && service.awsErrorDetails() != null
            && service.awsErrorDetails().errorCode() != null
        ? service.awsErrorDetails().errorCode()
        : "";
  }

  private static <T> T call(String operation, String cluster, Supplier<T> call) {
    try {
      return call.get();
    } catch (EcsCallFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EcsCallFailure(operation, cluster, e);
    }
  }

  private static <T> List<List<T>> batches(List<T> items, int size) {
    List<List<T>> batches = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      batches.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
    }
    return batches;
  }

  /** {@code arn:aws:ecs:r:a:cluster/name} gives {@code name}; a plain name stays as it is. */
  static String lastSegment(String nameOrArn) {
    int slash = nameOrArn.lastIndexOf('/');
    return slash < 0 ? nameOrArn : nameOrArn.substring(slash + 1);
  }
}
