package dev.sidescope.collectors.ecs.events;

import dev.sidescope.collectors.aws.AwsConnection;
import dev.sidescope.collectors.aws.AwsService;
import dev.sidescope.collectors.cloudwatch.RequestBudget;
import dev.sidescope.collectors.events.FeedSink;
import dev.sidescope.collectors.threads.DaemonThreads;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.EventFeeds;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;

/**
 * The events of the ECS tasks of one region ({@code ecs/<region>}) as {@link EventFeeds}: for each
 * served task ({@code ecs/<region>/<cluster>/<task id>}, in namespace {@code cluster}), {@code
 * DescribeTasks} gives its stopped reason and stop code ({@code TaskStopped}) and each container
 * that stopped, with its exit code and reason ({@code ContainerStopped}: an OOM-killed
 * non-essential log router is a warning while the task runs on); and when the task belongs to a
 * service (owner {@code Service/<name>}), {@code DescribeServices} gives the service's events
 * ({@code ServiceEvent}: "(service statements) has reached a steady state.", a warning when it says
 * something was unable to start, unhealthy, failed or stopped). A task's list is its newest {@value
 * EventFeeds#MAX_EVENTS_PER_WORKLOAD}, delivered whole when it changed.
 *
 * <p>While a feed is open it is polled every {@link Settings#pollInterval()} (15 s by default). All
 * feeds of the region share a budget of {@value #REQUESTS_PER_SECOND} requests a second, so that a
 * console watching many tasks leaves ECS's describe quota to the ECS source and the account's other
 * users; the SDK does not retry on its own, so that its retries do not go over it. A failed call
 * (throttled, not allowed, a failure of the service, unreachable) makes the cluster's tasks {@code
 * FAILED} with one sentence and the next round comes after twice the last wait, up to {@link
 * Settings#maxInterval()}; a round that works makes them {@code LIVE} again. A task ECS no longer
 * knows is {@code GONE}. Closing this object tells each open feed's tasks {@code FAILED} ("{@value
 * #SOURCE_STOPPED}") before the feed falls silent.
 *
 * <p>Threading: {@link #open} returns at once; every request and every call to a sink happens on
 * this object's two daemon threads ({@code sidescope-ecs-events-N}). The sink of one feed is never
 * called concurrently, and not at all once its feed's {@code close()} has returned.
 *
 * <p>Read-only: it only calls {@code DescribeTasks} and {@code DescribeServices}. The caller owns
 * the connection and closes it after this.
 */
public final class EcsEventFeeds implements EventFeeds, AutoCloseable {
  /** The most requests a second that all feeds of one region make together. */
  public static final int REQUESTS_PER_SECOND = 2;

  /** What a task is told when its source is closed while its feed is open. */
  static final String SOURCE_STOPPED = "the event source was stopped";

  /**
   * How the feeds poll; {@link #defaults()} is right for people, tests shorten the timings.
   *
   * @param endpoint the ECS endpoint ({@code --endpoint-url}); empty: the configured one, else
   *     AWS's
   * @param pollInterval how often an open feed's tasks are described
   * @param maxInterval the longest wait between rounds while calls fail
   * @param clock dates a stopped container that ECS gives no time for
   */
  public record Settings(
      Optional<URI> endpoint, Duration pollInterval, Duration maxInterval, Clock clock) {
    /** How often an open feed is polled by default. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(15);

    public Settings {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(pollInterval, "pollInterval");
      Objects.requireNonNull(maxInterval, "maxInterval");
      Objects.requireNonNull(clock, "clock");
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("the poll interval must be positive: " + pollInterval);
      }
      if (maxInterval.compareTo(pollInterval) < 0) {
        maxInterval = pollInterval;
      }
    }

    /** A poll every 15 s, backing off to 2 minutes, the configured endpoint. */
    public static Settings defaults() {
      return new Settings(
          Optional.empty(), DEFAULT_POLL_INTERVAL, Duration.ofMinutes(2), Clock.systemUTC());
    }

    public Settings withEndpoint(Optional<URI> value) {
      return new Settings(value, pollInterval, maxInterval, clock);
    }

    public Settings withPollInterval(Duration value) {
      return new Settings(endpoint, value, maxInterval, clock);
    }

    public Settings withMaxInterval(Duration value) {
      return new Settings(endpoint, pollInterval, value, clock);
    }

    public Settings withClock(Clock value) {
      return new Settings(endpoint, pollInterval, maxInterval, value);
    }
  }

  private final AwsConnection connection;
  private final Settings settings;
  private final String sourceId;
  private final RequestBudget budget;
  private final ScheduledThreadPoolExecutor threads;
  private final Set<Open> open = ConcurrentHashMap.newKeySet();
  private final Object clientLock = new Object();
  private EcsClient client; // guarded by clientLock
  private volatile boolean closed;

  /** One open feed: its poller and its sink. */
  private final class Open implements Feed {
    private final FeedSink sink;
    private final EcsEventPoller poller;

    Open(FeedSink sink, Map<String, List<Workload>> byCluster) {
      this.sink = sink;
      this.poller =
          new EcsEventPoller(
              sink, byCluster, EcsEventFeeds.this::client, budget, threads, settings, region());
    }

    @Override
    public void close() {
      if (sink.close()) {
        poller.stop();
        open.remove(this);
      }
    }

    void stop(String sentence) {
      if (sink.stop(sentence)) {
        poller.stop();
        open.remove(this);
      }
    }
  }

  /**
   * Event feeds for the tasks that the ECS source of {@code connection}'s region reports.
   *
   * @param connection the AWS connection the ECS source uses; the caller keeps owning it
   */
  public EcsEventFeeds(AwsConnection connection, Settings settings) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sourceId = "ecs/" + connection.region();
    this.budget = new RequestBudget(REQUESTS_PER_SECOND, System::nanoTime);
    this.threads =
        new ScheduledThreadPoolExecutor(2, DaemonThreads.numbered("sidescope-ecs-events"));
    threads.setRemoveOnCancelPolicy(true);
  }

  /** True for the ECS tasks of this connection's region. */
  @Override
  public boolean serves(Workload workload) {
    return workload.platform() == Platform.ECS && workload.spec().source().equals(sourceId);
  }

  @Override
  public Feed open(List<Workload> workloads, Sink sink) {
    Objects.requireNonNull(workloads, "workloads");
    Map<String, List<Workload>> byCluster = new LinkedHashMap<>();
    for (Workload w : workloads) {
      if (serves(w)) {
        byCluster.computeIfAbsent(w.namespace(), c -> new ArrayList<>()).add(w);
      }
    }
    Open feed = new Open(new FeedSink(Objects.requireNonNull(sink, "sink")), byCluster);
    open.add(feed);
    try {
      threads.execute(feed.poller::start);
    } catch (RejectedExecutionException e) {
      // This object was closed: nothing will be read.
      feed.close();
    }
    return feed;
  }

  /**
   * Closes every open feed, each task not gone told {@code FAILED} ("{@value #SOURCE_STOPPED}")
   * first, stops the threads and closes the SDK client.
   */
  @Override
  public void close() {
    closed = true;
    List.copyOf(open).forEach(f -> f.stop(SOURCE_STOPPED));
    threads.shutdownNow();
    synchronized (clientLock) {
      if (client != null) {
        client.close();
        client = null;
      }
    }
  }

  private String region() {
    return connection.region();
  }

  /** The region's client, built on first use, without retries; null once closed. */
  private EcsClient client() {
    synchronized (clientLock) {
      if (closed) {
        return null;
      }
      if (client == null) {
        EcsClientBuilder builder =
            connection
                .configure(EcsClient.builder(), AwsService.ECS, settings.endpoint())
                .region(Region.of(connection.region()));
        builder.overrideConfiguration(
            builder.overrideConfiguration().toBuilder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .build());
        client = builder.build();
      }
      return client;
    }
  }
}
