package dev.sidescope.collectors.xray.api;

import dev.sidescope.collectors.aws.AwsConnection;
import dev.sidescope.collectors.aws.AwsResolution;
import dev.sidescope.collectors.aws.AwsService;
import dev.sidescope.collectors.aws.PassLoop;
import dev.sidescope.collectors.threads.DaemonThreads;
import dev.sidescope.collectors.xray.MalformedSegmentException;
import dev.sidescope.collectors.xray.SegmentDocument;
import dev.sidescope.collectors.xray.SegmentDocuments;
import dev.sidescope.collectors.xray.TraceAssembly;
import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.TimePoint;
import dev.sidescope.topology.model.traffic.Trace;
import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.model.traffic.TraceSummary;
import dev.sidescope.topology.source.OverlaySink;
import dev.sidescope.topology.source.Source;
import dev.sidescope.topology.source.TraceQueries;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.xray.XRayClient;
import software.amazon.awssdk.services.xray.model.BatchGetTracesResponse;
import software.amazon.awssdk.services.xray.model.GetServiceGraphRequest;
import software.amazon.awssdk.services.xray.model.GetServiceGraphResponse;
import software.amazon.awssdk.services.xray.model.GetTimeSeriesServiceStatisticsRequest;
import software.amazon.awssdk.services.xray.model.GetTimeSeriesServiceStatisticsResponse;
import software.amazon.awssdk.services.xray.model.GetTraceSummariesRequest;
import software.amazon.awssdk.services.xray.model.GetTraceSummariesResponse;
import software.amazon.awssdk.services.xray.model.TimeSeriesServiceStatistics;

/**
 * The AWS X-Ray API source: reads one region's service graph over a sliding window and publishes
 * every traced service and every call between two of them, with counts and response times, under
 * {@link dev.sidescope.topology.model.OverlayKeys#TRACED_SERVICES} and {@link
 * dev.sidescope.topology.model.OverlayKeys#TRACED_CALLS}; and answers a person's questions about a
 * selection ({@link TraceQueries}). Source id {@code xray/<region>}.
 *
 * <p>Create one with {@link #resolve(XRaySettings, OverlaySink)}, which finds credentials, region
 * and endpoint exactly as the ECS source does (as the AWS CLI does) and says in one sentence why
 * there is no source when it finds none; nothing is asked of X-Ray until {@link #start()}.
 *
 * <p><b>Threading.</b> After {@link #start}, the source reads the graph on its own single daemon
 * thread ({@code sidescope-xray-<region>}): {@code GetServiceGraph} over {@code [now - window,
 * now]}, following {@code NextToken}, first at once, then every {@link XRaySettings#refresh()}
 * (default 30 s), each delay jittered by up to 10% so that several consoles do not call in step.
 * After a failed reading (throttling included) the delay doubles per consecutive failure, up to
 * eight intervals. The SDK's standard retry mode retries each call first. {@link #refreshOnce()}
 * reads on the caller's thread; readings never overlap: a scheduled one that finds one running is
 * skipped.
 *
 * <p>The {@link OverlaySink} is called on the thread that made the reading, one call at a time:
 * {@link OverlaySink#publishStatus} when the source starts and whenever its status changes, and
 * {@link OverlaySink#publish} after every successful reading with the whole graph, replacing the
 * last. After a failed reading nothing is published but the status, so the last figures stay on the
 * picture while the status says what went wrong. A sink that throws is logged and does not stop the
 * source.
 *
 * <p>Questions ({@link #timeSeries}, {@link #traces}, {@link #trace}) return at once and are
 * answered one after another on the source's question thread ({@code
 * sidescope-xray-<region>-questions}), apart from the graph's, so that a question never waits for a
 * reading nor a reading for a question. They work whether or not the source was started. A failed
 * question completes its future exceptionally with an {@link XRayQueryException} whose message is
 * one sentence; after {@link #close()}, every question left unanswered fails so.
 *
 * <p>Read-only: it only calls {@code GetServiceGraph}, {@code GetTimeSeriesServiceStatistics},
 * {@code GetTraceSummaries} and {@code BatchGetTraces}.
 */
public final class XRayApiSource implements Source, TraceQueries {
  /** How every X-Ray API source's id starts; the region follows. */
  public static final String ID_PREFIX = "xray/";

  private static final Logger LOG = LoggerFactory.getLogger(XRayApiSource.class);

  /** At most this many pages of one service graph; a longer one is read as far as this. */
  static final int GRAPH_PAGE_BUDGET = 50;

  /** At most this many pages of trace summaries for one list (X-Ray may return empty pages). */
  static final int TRACE_SUMMARY_PAGE_BUDGET = 10;

  /** At most this many pages of one time series. */
  static final int TIME_SERIES_PAGE_BUDGET = 20;

  /** At most this many pages of one {@code BatchGetTraces} answer. */
  static final int TRACE_PAGE_BUDGET = 20;

  /** {@code BatchGetTraces} takes at most this many trace ids a call. */
  static final int TRACE_IDS_PER_CALL = 5;

  /** The time series' period: X-Ray's smallest, a minute. */
  static final Duration PERIOD = Duration.ofSeconds(60);

  /** What {@link #resolve} found: a source, or why there is none. */
  public sealed interface Resolution {
    /** A source, ready to start; the caller owns it and closes it. */
    record Available(XRayApiSource source) implements Resolution {}

    /** No source; {@code reason} is one sentence for a person (the command line prints it). */
    record Absent(String reason) implements Resolution {}

    default Optional<XRayApiSource> available() {
      return this instanceof Available a ? Optional.of(a.source()) : Optional.empty();
    }

    default Optional<String> whyAbsent() {
      return this instanceof Absent a ? Optional.of(a.reason()) : Optional.empty();
    }
  }

  private final String id;
  private final AwsConnection connection;
  private final XRayClient xray;
  private final OverlaySink sink;
  private final Duration window;
  private final Duration refresh;
  private final Clock clock;
  private final String endpointDescription;
  private final PassLoop loop;
  private final ExecutorService questions;

  private volatile SourceStatus status;
  private volatile boolean started;
  private volatile boolean closed;
  private TracedGraph figures;

  private XRayApiSource(XRaySettings settings, AwsConnection connection, OverlaySink sink) {
    this.connection = connection;
    this.sink = sink;
    this.id = ID_PREFIX + connection.region();
    Optional<URI> endpoint =
        settings.endpoint().or(() -> connection.configuredEndpoint(AwsService.XRAY));
    this.xray =
        connection.configure(XRayClient.builder(), AwsService.XRAY, settings.endpoint()).build();
    this.window = settings.window();
    this.refresh = settings.refresh();
    this.loop =
        new PassLoop(
            threadName(),
            refresh,
            this::pass,
            // Nothing in a reading should throw; if something does, reading still goes on.
            e -> LOG.warn("An X-Ray reading in {} failed unexpectedly", id, e));
    this.clock = settings.clock();
    this.endpointDescription =
        endpoint.map(URI::toString).orElse("xray." + connection.region() + ".amazonaws.com");
    this.questions =
        Executors.newSingleThreadExecutor(DaemonThreads.named(threadName() + "-questions"));
    this.status =
        SourceStatus.of(
            id,
            SourceState.CONNECTING,
            "Connecting to X-Ray in "
                + connection.region()
                + " with "
                + connection.credentialsDescription()
                + ".",
            clock.instant());
  }

  /**
   * Finds credentials, region and endpoint as the AWS CLI does, and builds a source that publishes
   * to {@code sink} once started; no X-Ray call is made yet. May probe the EC2 instance metadata
   * service when nothing else is configured, so call it off the UI thread.
   */
  public static Resolution resolve(XRaySettings settings, OverlaySink sink) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(sink, "sink");
    AwsResolution aws =
        AwsConnection.resolve(
            settings.connectionRequest(), settings.environment(), settings.clock());
    if (aws instanceof AwsResolution.Missing missing) {
      return new Resolution.Absent(missing.reason());
    }
    AwsConnection connection = ((AwsResolution.Found) aws).connection();
    try {
      return new Resolution.Available(new XRayApiSource(settings, connection, sink));
    } catch (RuntimeException e) {
      connection.close();
      LOG.warn("Building the X-Ray client failed", e);
      return new Resolution.Absent(
          "The X-Ray client could not be built for region " + connection.region() + ".");
    }
  }

  /** {@code xray/<region>}. */
  @Override
  public String id() {
    return id;
  }

  /** The region read. */
  public String region() {
    return connection.region();
  }

  /** Where the credentials come from, e.g. "profile dev (IAM Identity Center)". */
  public String credentialsDescription() {
    return connection.credentialsDescription();
  }

  /** How far back the graph and the trace lists look. */
  public Duration window() {
    return window;
  }

  /** The current status; safe to read from any thread. */
  public SourceStatus status() {
    return status;
  }

  /**
   * Reads the service graph now, on the calling thread (waiting for a running reading to finish
   * first), publishes it when the source has started, and returns what the source measures now:
   * this reading's figures, or after a failure the last ones. Never throws for X-Ray failures: they
   * are in {@link #status()}. Blocks on the network: never call it on a UI thread.
   *
   * @throws IllegalStateException when the source is closed
   */
  public OverlayData refreshOnce() {
    if (closed) {
      throw new IllegalStateException("the X-Ray source " + id + " is closed");
    }
    return loop.now(
        () -> {
          pass();
          return figures == null ? OverlayData.EMPTY : figures.overlay();
        });
  }

  /**
   * Starts reading on the source's own thread: a reading at once, then every refresh interval. A
   * second call, or one after {@link #close()}, has no effect.
   */
  @Override
  public synchronized void start() {
    if (loop.started() || closed) {
      return;
    }
    started = true;
    SourceStatus first = status;
    tell(() -> sink.publishStatus(first));
    loop.start();
  }

  private String threadName() {
    return "sidescope-" + id.replace('/', '-');
  }

  /** One reading, under the pass lock: read, update state, tell the sink. The delay to the next. */
  private Duration pass() {
    SourceStatus before = status;
    Duration next;
    boolean read = false;
    try {
      Instant end = clock.instant();
      figures = TracedGraph.read(serviceGraph(end.minus(window), end), window);
      next = loop.succeeded();
      setStatus(SourceState.LIVE, liveSentence(figures));
      read = true;
    } catch (RuntimeException e) {
      if (closed) {
        return refresh; // interrupted by close: nobody is listening any more
      }
      next = loop.failed();
      LOG.warn("X-Ray reading in {} failed", id, e);
      XRayWording.Outcome outcome =
          XRayWording.failed(
              e,
              "next try in " + PassLoop.seconds(next) + " s",
              endpointDescription,
              credentialsDescription());
      setStatus(outcome.state(), outcome.message());
    }
    if (started && !closed) {
      if (read) {
        OverlayData measured = figures.overlay();
        tell(() -> sink.publish(id, measured));
      }
      SourceStatus after = status;
      if (!after.equals(before)) {
        tell(() -> sink.publishStatus(after));
      }
    }
    return next;
  }

  /** The whole graph of {@code [start, end]}, page by page. */
  private List<GetServiceGraphResponse> serviceGraph(Instant start, Instant end) {
    List<GetServiceGraphResponse> pages = new ArrayList<>();
    String token = null;
    do {
      GetServiceGraphRequest.Builder request =
          GetServiceGraphRequest.builder().startTime(start).endTime(end);
      if (token != null) {
        request.nextToken(token);
      }
      GetServiceGraphResponse page =
          call("GetServiceGraph", () -> xray.getServiceGraph(request.build()));
      pages.add(page);
      token = nextToken(token, page.nextToken());
    } while (token != null && pages.size() < GRAPH_PAGE_BUDGET);
    if (token != null) {
      LOG.info("The X-Ray service graph in {} has more than {} pages", id, GRAPH_PAGE_BUDGET);
    }
    return pages;
  }

  /** "18 services, 24 calls over the last 5 min". */
  private String liveSentence(TracedGraph graph) {
    return count(graph.services().size(), "service")
        + ", "
        + count(graph.calls().size(), "call")
        + " over the last "
        + span(window);
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String span(Duration d) {
    long s = d.toSeconds();
    if (s > 0 && s % 3600 == 0) {
      return s / 3600 + " h";
    }
    if (s > 0 && s % 60 == 0) {
      return s / 60 + " min";
    }
    return Math.max(1, s) + " s";
  }

  // ---------------------------------------------------------------------------------- questions

  @Override
  public CompletableFuture<List<TimePoint>> timeSeries(TraceSubject subject, Duration span) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(span, "span");
    return ask(
        "GetTimeSeriesServiceStatistics",
        () -> {
          Instant end = clock.instant();
          Instant start = end.minus(span.isNegative() || span.isZero() ? PERIOD : span);
          String selector = XRayExpressions.selector(subject);
          boolean edge = subject.callee().isPresent();
          List<TimePoint> points = new ArrayList<>();
          String token = null;
          int pages = 0;
          do {
            GetTimeSeriesServiceStatisticsRequest.Builder request =
                GetTimeSeriesServiceStatisticsRequest.builder()
                    .startTime(start)
                    .endTime(end)
                    .entitySelectorExpression(selector)
                    .period((int) PERIOD.toSeconds());
            if (token != null) {
              request.nextToken(token);
            }
            GetTimeSeriesServiceStatisticsResponse page =
                call(
                    "GetTimeSeriesServiceStatistics",
                    () -> xray.getTimeSeriesServiceStatistics(request.build()));
            pages++;
            for (TimeSeriesServiceStatistics p : page.timeSeriesServiceStatistics()) {
              if (p.timestamp() != null) {
                points.add(new TimePoint(p.timestamp(), PERIOD, pointStats(p, edge)));
              }
            }
            token = nextToken(token, page.nextToken());
          } while (token != null && pages < TIME_SERIES_PAGE_BUDGET);
          points.sort(Comparator.comparing(TimePoint::start));
          return List.copyOf(points);
        });
  }

  /** A point's calls: the edge's figures for an edge, the service's for a service. */
  private static CallStats pointStats(TimeSeriesServiceStatistics p, boolean edge) {
    if (edge && p.edgeSummaryStatistics() != null || p.serviceSummaryStatistics() == null) {
      return XRayStatistics.of(p.edgeSummaryStatistics(), p.responseTimeHistogram(), PERIOD);
    }
    return XRayStatistics.of(p.serviceSummaryStatistics(), p.responseTimeHistogram(), PERIOD);
  }

  @Override
  public CompletableFuture<List<TraceSummary>> traces(
      TraceSubject subject, TraceFilter filter, int limit) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(filter, "filter");
    return ask(
        "GetTraceSummaries",
        () -> {
          if (limit <= 0) {
            return List.of();
          }
          Instant end = clock.instant();
          Instant start = end.minus(window);
          String expression = XRayExpressions.traces(subject, filter);
          Map<String, XRayTraceSummaries.Found> found = new LinkedHashMap<>();
          String token = null;
          int pages = 0;
          do {
            GetTraceSummariesRequest.Builder request =
                GetTraceSummariesRequest.builder()
                    .startTime(start)
                    .endTime(end)
                    .filterExpression(expression);
            if (token != null) {
              request.nextToken(token);
            }
            GetTraceSummariesResponse page =
                call("GetTraceSummaries", () -> xray.getTraceSummaries(request.build()));
            pages++;
            for (XRayTraceSummaries.Found s : XRayTraceSummaries.read(page, start)) {
              found.putIfAbsent(s.summary().id(), s);
            }
            token = nextToken(token, page.nextToken());
          } while (token != null && pages < TRACE_SUMMARY_PAGE_BUDGET);
          Comparator<XRayTraceSummaries.Found> order =
              switch (filter) {
                case SLOWEST -> XRayTraceSummaries.SLOWEST_FIRST;
                case FAILED -> XRayTraceSummaries.NEWEST_FIRST;
              };
          return found.values().stream()
              .sorted(order)
              .limit(limit)
              .map(XRayTraceSummaries.Found::summary)
              .toList();
        });
  }

  @Override
  public CompletableFuture<Optional<Trace>> trace(String traceId) {
    Objects.requireNonNull(traceId, "traceId");
    return ask(
        "BatchGetTraces",
        () -> {
          Fetched fetched = fetchTraces(List.of(traceId)).get(traceId);
          if (fetched == null || fetched.documents().isEmpty()) {
            return Optional.empty();
          }
          List<String> documents = fetched.documents();
          List<SegmentDocument> read = new ArrayList<>(documents.size());
          int malformed = 0;
          for (String document : documents) {
            try {
              read.add(SegmentDocuments.parse(document));
            } catch (MalformedSegmentException e) {
              malformed++;
              LOG.info(
                  "A segment of trace {} in {} is unreadable: {}", traceId, id, e.getMessage());
            }
          }
          if (read.isEmpty()) {
            throw new XRayQueryException(
                "X-Ray's "
                    + count(malformed, "segment")
                    + " of trace "
                    + traceId
                    + " could not be read.",
                null);
          }
          Trace assembled = TraceAssembly.assemble(traceId, read);
          // X-Ray's own figure where it gives one: the same as the spans', without the rounding
          // of adding up epoch seconds as doubles.
          return Optional.of(
              new Trace(
                  traceId, fetched.duration().orElse(assembled.duration()), assembled.spans()));
        });
  }

  /** A trace as {@code BatchGetTraces} gives it: its segment documents and its duration. */
  private record Fetched(List<String> documents, Optional<Duration> duration) {}

  /**
   * Each trace X-Ray still has, by trace id: {@code BatchGetTraces} with at most {@link
   * #TRACE_IDS_PER_CALL} ids a call, following {@code NextToken}.
   */
  private Map<String, Fetched> fetchTraces(List<String> traceIds) {
    Map<String, Fetched> byTrace = new LinkedHashMap<>();
    for (int from = 0; from < traceIds.size(); from += TRACE_IDS_PER_CALL) {
      List<String> ids =
          traceIds.subList(from, Math.min(traceIds.size(), from + TRACE_IDS_PER_CALL));
      String token = null;
      int pages = 0;
      do {
        String pageToken = token;
        BatchGetTracesResponse page =
            call(
                "BatchGetTraces",
                () ->
                    xray.batchGetTraces(
                        b -> {
                          b.traceIds(ids);
                          if (pageToken != null) {
                            b.nextToken(pageToken);
                          }
                        }));
        pages++;
        for (var trace : page.traces()) {
          if (trace.id() == null) {
            continue;
          }
          Optional<Duration> duration =
              Optional.ofNullable(trace.duration())
                  .filter(d -> d >= 0 && !d.isInfinite())
                  .map(d -> Duration.ofNanos(Math.round(d * 1e9)));
          Fetched fetched =
              byTrace.computeIfAbsent(trace.id(), k -> new Fetched(new ArrayList<>(), duration));
          for (var segment : trace.segments()) {
            if (segment.document() != null) {
              fetched.documents().add(segment.document());
            }
          }
        }
        token = nextToken(token, page.nextToken());
      } while (token != null && pages < TRACE_PAGE_BUDGET);
    }
    return byTrace;
  }

  /**
   * Runs a question on the question thread; its failure becomes one sentence. Never throws: a
   * closed source answers with a failed future.
   */
  private <T> CompletableFuture<T> ask(String operation, Supplier<T> work) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    if (closed) {
      answer.completeExceptionally(closedFailure());
      return answer;
    }
    Runnable body =
        () -> {
          try {
            answer.complete(work.get());
          } catch (XRayQueryException e) {
            answer.completeExceptionally(e);
          } catch (RuntimeException e) {
            if (closed) {
              answer.completeExceptionally(closedFailure());
              return;
            }
            LOG.warn("An X-Ray question in {} ({}) failed", id, operation, e);
            answer.completeExceptionally(
                new XRayQueryException(
                    XRayWording.failed(e, "", endpointDescription, credentialsDescription())
                        .message(),
                    e));
          }
        };
    Question question = new Question(answer, body);
    try {
      questions.execute(question);
    } catch (RejectedExecutionException e) {
      answer.completeExceptionally(closedFailure());
    }
    return answer;
  }

  /** A question waiting for the question thread, which {@link #close} can fail if it never runs. */
  private record Question(CompletableFuture<?> answer, Runnable body) implements Runnable {
    @Override
    public void run() {
      body.run();
    }
  }

  private XRayQueryException closedFailure() {
    return new XRayQueryException("The X-Ray source " + id + " is closed.", null);
  }

  // ---------------------------------------------------------------------------------- shared

  /** Runs one X-Ray call; a failure is marked with the operation, for the sentence. */
  private static <T> T call(String operation, Supplier<T> sdkCall) {
    try {
      return sdkCall.get();
    } catch (RuntimeException e) {
      throw new XRayCallFailure(operation, e);
    }
  }

  /** The token for the next page, or null when there is none (or X-Ray repeats the last one). */
  private static String nextToken(String previous, String next) {
    return next == null || next.isEmpty() || next.equals(previous) ? null : next;
  }

  /** Calls the sink; one that throws is logged and does not stop the source. */
  private static void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("The sink of the X-Ray source failed", e);
    }
  }

  private void setStatus(SourceState state, String message) {
    status = status.then(state, message, clock.instant());
  }

  /**
   * Stops reading and answering, fails the questions not yet answered, and releases the X-Ray
   * client and the credentials' clients; the sink hears nothing more. Idempotent. Calls running on
   * the source's threads are interrupted.
   */
  @Override
  public void close() {
    closed = true;
    loop.close();
    for (Runnable never : questions.shutdownNow()) {
      if (never instanceof Question q) {
        q.answer.completeExceptionally(closedFailure());
      }
    }
    try {
      questions.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    xray.close();
    connection.close();
  }
}
