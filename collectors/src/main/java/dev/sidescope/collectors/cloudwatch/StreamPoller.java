package dev.sidescope.collectors.cloudwatch;

import dev.sidescope.collectors.aws.AwsFailures;
import dev.sidescope.collectors.logs.TailSink;
import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState.Phase;
import dev.sidescope.topology.logs.SafeLogText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * Reads one CloudWatch Logs stream for a tail with {@code FilterLogEvents}: first the window the
 * request asks for, page by page, keeping its last {@code tailLines} lines; then, when following, a
 * round every poll interval from the last event's time, skipping the events already seen (the start
 * time is inclusive) by their ids. Every request first takes its turn from the region's {@link
 * RequestBudget}.
 *
 * <p>Each step runs on the tails' scheduler and schedules the next one, so one stream's requests
 * never overlap and its fields need no lock. Throttling, a missing group or stream, and a network
 * that cannot be reached or a failure of the service (while following) are retried further apart
 * each time, up to the longest interval; everything else ends the stream with one sentence, and
 * anything unexpected with one sentence that points to the log file.
 */
final class StreamPoller implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);

  private final TailSink sink;
  private final LogStream stream;
  private final LogDestination.CloudWatchStream where;
  private final Function<String, CloudWatchLogsClient> clients;
  private final RequestBudget budget;
  private final ScheduledExecutorService scheduler;
  private final CloudWatchLogTails.Settings settings;
  private final boolean follow;
  private final int tailLines;
  private final long windowStart;
  private final String note;

  private CloudWatchLogsClient client;
  private String nextToken;
  private long roundStart;
  private boolean initialRead;
  private final ArrayDeque<LogLine> initial = new ArrayDeque<>();
  private final List<LogLine> pending = new ArrayList<>();
  private long lastTimestamp = -1;
  private final Map<String, Long> seen = new HashMap<>();
  private Duration interval;
  private Phase shown;
  private long delivered;
  private volatile ScheduledFuture<?> next;

  /**
   * @param windowStart epoch milliseconds of the oldest line wanted
   * @param note said after each state's sentence, e.g. that CloudWatch keeps every run in one
   *     stream
   */
  StreamPoller(
      TailSink sink,
      LogStream stream,
      LogDestination.CloudWatchStream where,
      Function<String, CloudWatchLogsClient> clients,
      RequestBudget budget,
      ScheduledExecutorService scheduler,
      CloudWatchLogTails.Settings settings,
      boolean follow,
      int tailLines,
      long windowStart,
      String note) {
    this.sink = sink;
    this.stream = stream;
    this.where = where;
    this.clients = clients;
    this.budget = budget;
    this.scheduler = scheduler;
    this.settings = settings;
    this.follow = follow;
    this.tailLines = tailLines;
    this.windowStart = windowStart;
    this.note = note;
    this.interval = settings.pollInterval();
    // Without lines of the window to keep, the first round is already one of following.
    this.initialRead = tailLines == 0;
  }

  /** Says the stream is being asked for and asks at once; on the scheduler's thread. */
  void start() {
    if (tailLines == 0 && !follow) {
      state(Phase.ENDED, "read 0 lines of stream " + where.stream() + inGroup());
      return;
    }
    state(Phase.CONNECTING, "asking CloudWatch Logs for stream " + where.stream() + inGroup());
    schedule(Duration.ZERO);
  }

  /** No further step is scheduled; one that is running ends without delivering. */
  void stop() {
    ScheduledFuture<?> f = next;
    if (f != null) {
      f.cancel(false);
    }
  }

  @Override
  public void run() {
    try {
      poll();
    } catch (RuntimeException e) {
      LOG.warn("Reading CloudWatch Logs stream {} failed unexpectedly", where.stream(), e);
      state(
          Phase.FAILED,
          "reading the log of stream "
              + where.stream()
              + inGroup()
              + " failed unexpectedly; the details are in the log file");
    }
  }

  private void poll() {
    if (sink.isClosed()) {
      return;
    }
    Duration wait = budget.tryAcquire();
    if (!wait.isZero()) {
      schedule(wait);
      return;
    }
    if (nextToken == null) {
      roundStart = initialRead ? Math.max(windowStart, lastTimestamp) : windowStart;
    }
    FilterLogEventsResponse page;
    try {
      if (client == null) {
        client = clients.apply(where.region());
        if (client == null) {
          // The tails were closed.
          return;
        }
      }
      page =
          client.filterLogEvents(
              FilterLogEventsRequest.builder()
                  .logGroupName(where.group())
                  .logStreamNames(where.stream())
                  .startTime(roundStart)
                  .nextToken(nextToken)
                  .build());
    } catch (AwsServiceException e) {
      failed(e);
      return;
    } catch (SdkClientException e) {
      unreachable(e);
      return;
    }
    take(page);
  }

  private void take(FilterLogEventsResponse page) {
    for (FilteredLogEvent event : page.events()) {
      if (event.eventId() != null && seen.containsKey(event.eventId())) {
        continue;
      }
      long timestamp = event.timestamp() == null ? settings.clock().millis() : event.timestamp();
      if (event.eventId() != null) {
        seen.put(event.eventId(), timestamp);
      }
      lastTimestamp = Math.max(lastTimestamp, timestamp);
      for (String text : lines(event.message())) {
        add(new LogLine(Instant.ofEpochMilli(timestamp), stream, text));
      }
    }
    String token = page.nextToken();
    if (token != null && !token.equals(nextToken)) {
      nextToken = token;
      deliverPending();
      schedule(Duration.ZERO);
      return;
    }
    nextToken = null;
    interval = settings.pollInterval();
    if (!initialRead) {
      initialRead = true;
      if (follow) {
        state(Phase.LIVE, "following stream " + where.stream() + inGroup());
      }
      pending.addAll(initial);
      initial.clear();
    } else if (shown != Phase.LIVE) {
      state(Phase.LIVE, "following stream " + where.stream() + inGroup());
    }
    deliverPending();
    if (!follow) {
      state(Phase.ENDED, "read " + delivered + " lines of stream " + where.stream() + inGroup());
      return;
    }
    // Only events at the last time can come again: the next round starts there.
    seen.values().removeIf(t -> t < lastTimestamp);
    schedule(interval);
  }

  private void add(LogLine line) {
    if (initialRead) {
      pending.add(line);
    } else if (tailLines > 0) {
      if (initial.size() == tailLines) {
        initial.removeFirst();
      }
      initial.addLast(line);
    }
  }

  private void deliverPending() {
    if (!pending.isEmpty()) {
      delivered += pending.size();
      sink.lines(List.copyOf(pending));
      pending.clear();
    }
  }

  private void failed(AwsServiceException e) {
    String code = AwsFailures.code(e);
    if (e.isThrottlingException() || code.equals("ThrottlingException")) {
      slowDown(Phase.RECONNECTING, "throttled by CloudWatch Logs; slowing down");
      return;
    }
    if (code.equals("ResourceNotFoundException")) {
      String message = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage();
      String missing =
          message != null && message.toLowerCase(Locale.ROOT).contains("group")
              ? "no log group " + where.group() + " in " + where.region() + " yet"
              : "no log stream " + where.stream() + " in group " + where.group() + " yet";
      nextToken = null;
      if (follow) {
        slowDown(Phase.CONNECTING, missing);
      } else {
        state(Phase.FAILED, missing);
      }
      return;
    }
    if (code.startsWith("AccessDenied") || e.statusCode() == 403) {
      state(
          Phase.FAILED,
          "not allowed to read log group "
              + where.group()
              + " in "
              + where.region()
              + (code.isEmpty() ? "" : " (" + code + ")"));
      return;
    }
    if (code.equals("UnrecognizedClientException")
        || code.equals("InvalidSignatureException")
        || code.equals("ExpiredTokenException")) {
      state(Phase.FAILED, "CloudWatch Logs rejected the credentials (" + code + ")");
      return;
    }
    String answered =
        "CloudWatch Logs answered "
            + (code.isEmpty() ? String.valueOf(e.statusCode()) : code)
            + " for stream "
            + where.stream();
    boolean passing =
        e.statusCode() >= 500
            || e.retryable()
            || code.equals("ServiceUnavailableException")
            || code.equals("InternalFailure");
    if (passing && follow) {
      slowDown(Phase.RECONNECTING, answered);
      return;
    }
    state(Phase.FAILED, answered);
  }

  private void unreachable(SdkClientException e) {
    if (sink.isClosed()) {
      return;
    }
    String why = AwsFailures.unreachable(e);
    if (why == null || !follow) {
      String reason =
          why != null
              ? why
              : AwsFailures.mentionsCredentials(e) ? "no usable AWS credentials" : "client error";
      state(Phase.FAILED, "cannot read CloudWatch Logs in " + where.region() + ": " + reason);
      return;
    }
    slowDown(Phase.RECONNECTING, "cannot reach CloudWatch Logs in " + where.region() + ": " + why);
  }

  /** The same request again later, each time further apart, with the stream's state. */
  private void slowDown(Phase phase, String sentence) {
    interval = min(interval.multipliedBy(2), settings.maxInterval());
    state(phase, sentence + "; asking again in " + seconds(interval) + " s");
    schedule(interval);
  }

  private void schedule(Duration delay) {
    if (sink.isClosed()) {
      return;
    }
    try {
      next = scheduler.schedule(this, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The tails were closed: no more steps.
    }
  }

  private void state(Phase phase, String sentence) {
    shown = phase;
    sink.state(stream, phase, sentence + note);
  }

  private String inGroup() {
    return " of log group " + where.group();
  }

  /** An event's message as lines: one per {@code \n}, without a final empty one. */
  static List<String> lines(String message) {
    String text = message == null ? "" : message;
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    List<String> lines = new ArrayList<>();
    for (String part : text.split("\n", -1)) {
      lines.add(
          SafeLogText.line(part.endsWith("\r") ? part.substring(0, part.length() - 1) : part));
    }
    return lines;
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
