package dev.sidescope.collectors.ecs.events;

import dev.sidescope.collectors.aws.AwsFailures;
import dev.sidescope.collectors.cloudwatch.RequestBudget;
import dev.sidescope.collectors.events.FeedSink;
import dev.sidescope.topology.events.EventFeedState.Phase;
import dev.sidescope.topology.events.PlatformEvent;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.EventFeeds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Polls the events of the tasks of one feed of {@link EcsEventFeeds}, cluster by cluster: one
 * {@code DescribeTasks} per 100 tasks and one {@code DescribeServices} per 10 of their services,
 * each request taken from the region's budget. After a round every task's whole list is delivered
 * (the sink says it only when it changed); the next round follows after the poll interval, or, when
 * a call failed, after twice the last wait, up to the longest, with the task {@code FAILED} and the
 * reason. A task ECS no longer knows ({@code MISSING}) is {@code GONE}.
 *
 * <p>Runs on the feeds' scheduler, one round at a time; nothing here is touched by another thread
 * except {@link #stop()}.
 */
final class EcsEventPoller implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(EcsEventPoller.class);
  private static final int TASKS_PER_CALL = 100;
  private static final int SERVICES_PER_CALL = 10;

  private final FeedSink sink;
  private final Map<String, List<Workload>> byCluster;
  private final Supplier<EcsClient> client;
  private final RequestBudget budget;
  private final ScheduledExecutorService scheduler;
  private final EcsEventFeeds.Settings settings;
  private final String region;

  private final Map<String, Task> tasks = new HashMap<>();
  private final Map<String, Service> services = new HashMap<>();
  private final Map<String, Instant> firstSeenStopped = new HashMap<>();
  private final Set<String> gone = new LinkedHashSet<>();
  private final Map<String, Phase> shown = new HashMap<>();
  private Duration interval;
  private volatile boolean stopped;
  private volatile ScheduledFuture<?> next;

  EcsEventPoller(
      FeedSink sink,
      Map<String, List<Workload>> byCluster,
      Supplier<EcsClient> client,
      RequestBudget budget,
      ScheduledExecutorService scheduler,
      EcsEventFeeds.Settings settings,
      String region) {
    this.sink = sink;
    this.byCluster = byCluster;
    this.client = client;
    this.budget = budget;
    this.scheduler = scheduler;
    this.settings = settings;
    this.region = region;
    this.interval = settings.pollInterval();
  }

  /** Says every task is being asked for, and asks at once. */
  void start() {
    byCluster.values().stream()
        .flatMap(List::stream)
        .forEach(
            w ->
                state(
                    w,
                    Phase.CONNECTING,
                    "asking ECS for the events of task " + w.name() + " and its service"));
    schedule(Duration.ZERO);
  }

  /** No further round is scheduled; one that is running delivers nothing more. */
  void stop() {
    stopped = true;
    ScheduledFuture<?> f = next;
    if (f != null) {
      f.cancel(true);
    }
  }

  @Override
  public void run() {
    if (stopped || sink.isClosed()) {
      return;
    }
    boolean failedAny = false;
    for (Map.Entry<String, List<Workload>> cluster : byCluster.entrySet()) {
      List<Workload> live = live(cluster.getValue());
      if (live.isEmpty()) {
        continue;
      }
      String failure;
      try {
        failure = poll(cluster.getKey(), live);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("Polling the ECS events of cluster {} failed unexpectedly", cluster.getKey(), e);
        failure = "polling ECS failed unexpectedly; the details are in the log file";
      }
      if (stopped) {
        return;
      }
      for (Workload w : live) {
        if (gone.contains(w.id())) {
          continue;
        }
        sink.events(w.id(), listOf(w));
      }
      if (failure != null) {
        failedAny = true;
        Duration wait = min(interval.multipliedBy(2), settings.maxInterval());
        String sentence = failure + "; asking again in " + seconds(wait) + " s";
        live(cluster.getValue()).forEach(w -> state(w, Phase.FAILED, sentence));
      } else {
        live(cluster.getValue())
            .forEach(
                w ->
                    state(
                        w,
                        Phase.LIVE,
                        "polling the task's and its service's events every "
                            + seconds(settings.pollInterval())
                            + " s"));
      }
    }
    interval =
        failedAny ? min(interval.multipliedBy(2), settings.maxInterval()) : settings.pollInterval();
    if (byCluster.values().stream().anyMatch(ws -> !live(ws).isEmpty())) {
      schedule(interval);
    }
  }

  /** One cluster's round; null when every call worked, else why not. */
  private String poll(String cluster, List<Workload> live) throws InterruptedException {
    String operation = "DescribeTasks";
    try {
      List<String> ids = live.stream().map(Workload::name).toList();
      for (int i = 0; i < ids.size(); i += TASKS_PER_CALL) {
        List<String> chunk = ids.subList(i, Math.min(ids.size(), i + TASKS_PER_CALL));
        EcsClient ecs = clientOrNull();
        if (ecs == null || !acquire()) {
          return null;
        }
        DescribeTasksResponse answer = ecs.describeTasks(r -> r.cluster(cluster).tasks(chunk));
        for (Task t : answer.tasks()) {
          tasks.put(cluster + "/" + taskId(t.taskArn()), t);
        }
        for (Failure f : answer.failures()) {
          if ("MISSING".equals(f.reason()) && f.arn() != null) {
            String id = taskId(f.arn());
            live.stream()
                .filter(w -> w.name().equals(id))
                .forEach(
                    w -> {
                      sink.events(w.id(), listOf(w));
                      state(
                          w, Phase.GONE, "task " + id + " no longer exists in cluster " + cluster);
                      gone.add(w.id());
                    });
          }
        }
      }
      operation = "DescribeServices";
      List<String> names =
          new ArrayList<>(
              new LinkedHashSet<>(
                  live.stream().map(EcsEventPoller::serviceOf).flatMap(Optional::stream).toList()));
      for (int i = 0; i < names.size(); i += SERVICES_PER_CALL) {
        List<String> chunk = names.subList(i, Math.min(names.size(), i + SERVICES_PER_CALL));
        EcsClient ecs = clientOrNull();
        if (ecs == null || !acquire()) {
          return null;
        }
        DescribeServicesResponse answer =
            ecs.describeServices(r -> r.cluster(cluster).services(chunk));
        for (Service s : answer.services()) {
          services.put(cluster + "/" + s.serviceName(), s);
        }
      }
      return null;
    } catch (AwsServiceException e) {
      LOG.debug("{} on cluster {} failed", operation, cluster, e);
      return describe(e, operation, cluster);
    } catch (SdkClientException e) {
      if (stopped || Thread.currentThread().isInterrupted()) {
        throw new InterruptedException();
      }
      LOG.debug("{} on cluster {} failed", operation, cluster, e);
      String why = AwsFailures.unreachable(e);
      if (why != null) {
        return "cannot reach ECS in " + region + ": " + why;
      }
      return "cannot call ECS in "
          + region
          + ": "
          + (AwsFailures.mentionsCredentials(e) ? "no usable AWS credentials" : "client error");
    }
  }

  private String describe(AwsServiceException e, String operation, String cluster) {
    String code = AwsFailures.code(e);
    if (e.isThrottlingException() || code.equals("ThrottlingException")) {
      return "throttled by ECS in " + region;
    }
    if (code.startsWith("AccessDenied") || e.statusCode() == 403) {
      return "not allowed to call "
          + operation
          + " on cluster "
          + cluster
          + (code.isEmpty() ? "" : " (" + code + ")");
    }
    if (code.equals("UnrecognizedClientException")
        || code.equals("InvalidSignatureException")
        || code.equals("ExpiredTokenException")) {
      return "ECS rejected the credentials (" + code + ")";
    }
    if (code.equals("ClusterNotFoundException")) {
      return "ECS has no cluster " + cluster + " in " + region;
    }
    return "ECS answered "
        + (code.isEmpty() ? String.valueOf(e.statusCode()) : code)
        + " to "
        + operation
        + " on cluster "
        + cluster;
  }

  /** Newest first, at most {@link EventFeeds#MAX_EVENTS_PER_WORKLOAD}. */
  private List<PlatformEvent> listOf(Workload w) {
    String cluster = w.namespace();
    List<PlatformEvent> list = new ArrayList<>();
    Task task = tasks.get(cluster + "/" + w.name());
    if (task != null) {
      list.addAll(
          EcsEvents.ofTask(
              w.id(),
              w.name(),
              task,
              (container, now) ->
                  firstSeenStopped.computeIfAbsent(w.id() + "/" + container, k -> now),
              settings.clock().instant()));
    }
    serviceOf(w)
        .map(name -> services.get(cluster + "/" + name))
        .ifPresent(s -> list.addAll(EcsEvents.ofService(w.id(), s)));
    list.sort(PlatformEvent.NEWEST_FIRST);
    return List.copyOf(
        list.size() > EventFeeds.MAX_EVENTS_PER_WORKLOAD
            ? list.subList(0, EventFeeds.MAX_EVENTS_PER_WORKLOAD)
            : list);
  }

  /** The service a task belongs to: its owner {@code Service/<name>}. */
  static Optional<String> serviceOf(Workload w) {
    return w.owner().filter(o -> o.startsWith("Service/")).map(o -> o.substring(8));
  }

  /** A task's id from its ARN ({@code arn:...:task/<cluster>/<id>}) or from an id. */
  static String taskId(String arnOrId) {
    return arnOrId == null ? "" : arnOrId.substring(arnOrId.lastIndexOf('/') + 1);
  }

  private List<Workload> live(List<Workload> workloads) {
    return workloads.stream().filter(w -> !gone.contains(w.id())).toList();
  }

  private EcsClient clientOrNull() {
    return stopped ? null : client.get();
  }

  /** Waits for a request of the region's budget; false when stopped meanwhile. */
  private boolean acquire() throws InterruptedException {
    while (!stopped) {
      Duration wait = budget.tryAcquire();
      if (wait.isZero()) {
        return true;
      }
      Thread.sleep(Math.max(1, wait.toMillis()));
    }
    return false;
  }

  private void state(Workload w, Phase phase, String sentence) {
    // LIVE is said once; a FAILED is said each time, since its sentence says when it is tried
    // again.
    if (phase == Phase.LIVE && shown.get(w.id()) == Phase.LIVE) {
      return;
    }
    shown.put(w.id(), phase);
    sink.state(w.id(), phase, sentence);
  }

  private void schedule(Duration delay) {
    if (stopped || sink.isClosed()) {
      return;
    }
    try {
      next = scheduler.schedule(this, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The feeds were closed: no more rounds.
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0);
  }
}
