package dev.sidescope.collectors.cloudwatch;

import dev.sidescope.collectors.aws.AwsConnection;
import dev.sidescope.collectors.aws.AwsService;
import dev.sidescope.collectors.logs.TailSink;
import dev.sidescope.collectors.threads.DaemonThreads;
import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState.Phase;
import dev.sidescope.topology.logs.LogTailRequest;
import dev.sidescope.topology.model.Container;
import dev.sidescope.topology.model.Platform;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.source.LogTails;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.LongSupplier;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClientBuilder;

/**
 * The CloudWatch Logs of the ECS tasks of one region ({@code ecs/<region>}) as {@link LogTails}.
 * Each wanted container's destination is read from its task definition ({@link LogDestinations}): a
 * container whose logs go elsewhere is reported {@code ELSEWHERE} with where they go; one whose
 * stream cannot be named, {@code FAILED} with why; the others are read from their stream with
 * {@code FilterLogEvents} ({@link StreamPoller}): the lines of the window asked for ({@code since},
 * else the last {@link Settings#defaultWindow()}), the last {@code tailLines} of them, then, when
 * following, new events every {@link Settings#pollInterval()}. Lines are timed by their events. A
 * {@code previous} request gets the stream as it is, and says that CloudWatch Logs keeps every run
 * of a container in one stream.
 *
 * <p>All requests of all tails to one region share one budget of {@value #REQUESTS_PER_SECOND}
 * requests a second ({@link RequestBudget}); the SDK does not retry on its own, so that its retries
 * do not go over it. Throttling, and while following a failure of the service (5xx), slow the
 * stream down and say so. A request with {@code tailLines} 0 reads none of the window: followed, it
 * starts from now; not followed, it ends at once.
 *
 * <p>Closing this object tells each open stream {@code FAILED} ("{@value #SOURCE_STOPPED}") before
 * its tail falls silent.
 *
 * <p>Threading: {@link #open} returns at once; every request and every call to a sink happens on
 * this object's two daemon threads ({@code sidescope-cloudwatch-logs-N}). The sink of one tail is
 * never called concurrently, and not at all once its tail's {@code close()} has returned.
 *
 * <p>Read-only: it only calls {@code FilterLogEvents}. The caller owns the connection and closes it
 * after this.
 */
public final class CloudWatchLogTails implements LogTails, AutoCloseable {
  /** The most requests a second that all tails of one region make together. */
  public static final int REQUESTS_PER_SECOND = 5;

  /** What a stream is told when its source is closed while it is open. */
  static final String SOURCE_STOPPED = "the log source was stopped";

  /**
   * How the tails read; {@link #defaults()} is right for people, tests shorten the timings.
   *
   * @param endpoint the CloudWatch Logs endpoint ({@code --endpoint-url}); empty: the configured
   *     one, else AWS's
   * @param pollInterval how often a followed stream is asked for new events
   * @param maxInterval the longest wait between requests of a stream that is throttled or failing
   * @param defaultWindow how far back the lines already written are looked for when the request
   *     gives no {@code since}
   * @param clock the wall clock that windows start from
   */
  public record Settings(
      Optional<URI> endpoint,
      Duration pollInterval,
      Duration maxInterval,
      Duration defaultWindow,
      Clock clock) {
    public Settings {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(pollInterval, "pollInterval");
      Objects.requireNonNull(maxInterval, "maxInterval");
      Objects.requireNonNull(defaultWindow, "defaultWindow");
      Objects.requireNonNull(clock, "clock");
    }

    /** A poll every 2 s, backing off to 30 s, lines of the last 10 minutes. */
    public static Settings defaults() {
      return new Settings(
          Optional.empty(),
          Duration.ofSeconds(2),
          Duration.ofSeconds(30),
          Duration.ofMinutes(10),
          Clock.systemUTC());
    }

    public Settings withEndpoint(Optional<URI> value) {
      return new Settings(value, pollInterval, maxInterval, defaultWindow, clock);
    }

    public Settings withPollInterval(Duration value) {
      return new Settings(endpoint, value, maxInterval, defaultWindow, clock);
    }

    public Settings withMaxInterval(Duration value) {
      return new Settings(endpoint, pollInterval, value, defaultWindow, clock);
    }

    public Settings withClock(Clock value) {
      return new Settings(endpoint, pollInterval, maxInterval, defaultWindow, value);
    }
  }

  private final AwsConnection connection;
  private final Settings settings;
  private final String sourceId;
  private final LongSupplier nanoTime;
  private final ScheduledThreadPoolExecutor threads;
  private final Map<String, RequestBudget> budgets = new ConcurrentHashMap<>();
  private final Map<String, CloudWatchLogsClient> clients = new ConcurrentHashMap<>();
  private final Set<CloudWatchLogTail> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Log tails for the tasks that the ECS source of {@code connection}'s region reports.
   *
   * @param connection the AWS connection the ECS source uses; the caller keeps owning it
   */
  public CloudWatchLogTails(AwsConnection connection, Settings settings) {
    this(connection, settings, System::nanoTime);
  }

  CloudWatchLogTails(AwsConnection connection, Settings settings, LongSupplier nanoTime) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sourceId = "ecs/" + connection.region();
    this.nanoTime = nanoTime;
    this.threads =
        new ScheduledThreadPoolExecutor(2, DaemonThreads.numbered("sidescope-cloudwatch-logs"));
    threads.setRemoveOnCancelPolicy(true);
  }

  /** True for the ECS tasks of this connection's region. */
  @Override
  public boolean serves(Workload workload) {
    return workload.platform() == Platform.ECS && workload.spec().source().equals(sourceId);
  }

  @Override
  public Tail open(LogTailRequest request, Sink sink) {
    Objects.requireNonNull(request, "request");
    TailSink tailSink = new TailSink(Objects.requireNonNull(sink, "sink"));
    List<StreamPoller> pollers = new ArrayList<>();
    List<Runnable> firstSteps = new ArrayList<>();
    String note =
        request.previous()
            ? "; CloudWatch Logs keeps every run of a container in one stream, shown whole"
            : "";
    long now = settings.clock().millis();
    // No line of the window is wanted: it is not read at all, whatever since says.
    long windowStart =
        request.tailLines() == 0
            ? now
            : now - request.since().orElse(settings.defaultWindow()).toMillis();
    for (Workload w : request.workloads()) {
      if (!serves(w)) {
        continue;
      }
      for (Container c : w.containers()) {
        if (!request.wants(c)) {
          continue;
        }
        LogStream stream = new LogStream(LogStream.CLOUDWATCH, w.id(), w.name(), c.name(), false);
        tailSink.expect(stream);
        LogDestination destination = LogDestinations.of(w.spec(), c.spec(), connection.region());
        if (destination instanceof LogDestination.CloudWatchStream where) {
          StreamPoller poller =
              new StreamPoller(
                  tailSink,
                  stream,
                  where,
                  this::client,
                  budgets.computeIfAbsent(
                      where.region(), r -> new RequestBudget(REQUESTS_PER_SECOND, nanoTime)),
                  threads,
                  settings,
                  request.follow(),
                  request.tailLines(),
                  windowStart,
                  note);
          pollers.add(poller);
          firstSteps.add(poller::start);
        } else if (destination instanceof LogDestination.Elsewhere elsewhere) {
          firstSteps.add(() -> tailSink.state(stream, Phase.ELSEWHERE, elsewhere.sentence()));
        } else if (destination instanceof LogDestination.Unnamed unnamed) {
          firstSteps.add(() -> tailSink.state(stream, Phase.FAILED, unnamed.sentence()));
        }
      }
    }
    CloudWatchLogTail[] self = new CloudWatchLogTail[1];
    CloudWatchLogTail tail = new CloudWatchLogTail(tailSink, pollers, () -> open.remove(self[0]));
    self[0] = tail;
    open.add(tail);
    try {
      firstSteps.forEach(threads::execute);
    } catch (RejectedExecutionException e) {
      // This object was closed: nothing will be read.
      tail.close();
    }
    return tail;
  }

  /**
   * Closes every open tail, each stream that has not finished told {@code FAILED} ("{@value
   * #SOURCE_STOPPED}") first, stops the threads and closes the SDK clients.
   */
  @Override
  public void close() {
    closed = true;
    List.copyOf(open).forEach(t -> t.stop(SOURCE_STOPPED));
    threads.shutdownNow();
    for (String region : List.copyOf(clients.keySet())) {
      CloudWatchLogsClient client = clients.remove(region);
      if (client != null) {
        client.close();
      }
    }
  }

  /**
   * The client of a region, built on first use: without retries, which the budget would miss. Null
   * once this object is closed: a client that a poller built while it closed is closed at once.
   */
  CloudWatchLogsClient client(String region) {
    CloudWatchLogsClient client = clients.computeIfAbsent(region, this::build);
    if (client != null && closed) {
      clients.remove(region, client);
      client.close();
      return null;
    }
    return client;
  }

  private CloudWatchLogsClient build(String r) {
    if (closed) {
      return null;
    }
    CloudWatchLogsClientBuilder builder =
        connection
            .configure(
                CloudWatchLogsClient.builder(), AwsService.CLOUDWATCH_LOGS, settings.endpoint())
            .region(Region.of(r));
    builder.overrideConfiguration(
        builder.overrideConfiguration().toBuilder()
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .build());
    return builder.build();
  }
}
