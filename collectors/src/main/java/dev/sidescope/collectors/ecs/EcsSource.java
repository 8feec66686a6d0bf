package dev.sidescope.collectors.ecs;

import dev.sidescope.collectors.aws.AwsConnection;
import dev.sidescope.collectors.aws.AwsResolution;
import dev.sidescope.collectors.aws.AwsService;
import dev.sidescope.collectors.aws.PassLoop;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.ServiceSpec;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.WorkloadSpec;
import dev.sidescope.topology.source.ObservationSink;
import dev.sidescope.topology.source.Source;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The Amazon ECS source: polls one region's clusters and reports each running task as a workload
 * ({@code ecs/<region>/<cluster>/<task id>}, namespace = cluster, owner {@code Service/<name>} or
 * {@code TaskDefinition/<family>:<revision>}), its definition joined with its run-time status.
 * Source id {@code ecs/<region>}.
 *
 * <p>Create one with {@link #resolve(EcsSettings, ObservationSink)}, which finds credentials,
 * region and endpoint as the AWS CLI does and says in one sentence why there is no source when it
 * finds none; then {@link #start()} it, as every {@link Source} is started. A source made by {@link
 * #resolve(EcsSettings)}, with no sink, can only {@link #pollOnce()} or {@link
 * #listClusterNames()}: a person choosing which clusters to watch.
 *
 * <p><b>Threading.</b> After {@link #start}, the source polls on its own single daemon thread
 * ({@code sidescope-ecs-<region>}): first at once, then every {@link EcsSettings#pollInterval()}
 * (default 15 s), each delay jittered by up to 10% so that several consoles do not poll in step.
 * After a failed pass the delay doubles per consecutive failure, up to eight intervals. The SDK's
 * standard retry mode retries each call first. {@link #pollOnce()} runs a pass on the caller's
 * thread; passes never overlap: a scheduled pass that finds one running is skipped.
 *
 * <p>The {@link ObservationSink} is called on the thread that ran the pass, one call at a time,
 * never concurrently: {@link ObservationSink#publishStatus} whenever the status changes, then
 * {@link ObservationSink#publish} after every pass with everything the source sees now (including
 * its status in {@link Observations#sources()}), replacing what it published before; after a failed
 * pass, what was last seen, with the failure in the status. A sink that throws is logged and does
 * not stop the source.
 *
 * <p>Read-only: it only calls {@code List*} and {@code Describe*} operations.
 */
public final class EcsSource implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(EcsSource.class);

  /** What {@link #resolve} found: a source, or why there is none. */
  public sealed interface Resolution {
    /** A source, ready to poll; the caller owns it and closes it. */
    record Available(EcsSource source) implements Resolution {}

    /** No source; {@code reason} is one sentence for a person (the command line prints it). */
    record Absent(String reason) implements Resolution {}

    default Optional<EcsSource> available() {
      return this instanceof Available a ? Optional.of(a.source()) : Optional.empty();
    }

    default Optional<String> whyAbsent() {
      return this instanceof Absent a ? Optional.of(a.reason()) : Optional.empty();
    }
  }

  private final String id;
  private final AwsConnection connection;
  private final EcsClient ecs;
  private final EcsPoll poll;
  private final Duration interval;
  private final Clock clock;
  private final String endpointDescription;
  private final PassLoop loop;

  private final ObservationSink sink; // null: a source for listing and single passes only
  private volatile SourceStatus status;
  private volatile boolean started;
  private volatile boolean closed;
  private List<WorkloadSpec> workloads = List.of();
  private List<ServiceSpec> services = List.of();

  private EcsSource(EcsSettings settings, AwsConnection connection, ObservationSink sink) {
    this.connection = connection;
    this.sink = sink;
    this.id = "ecs/" + connection.region();
    Optional<URI> endpoint =
        settings.endpoint().or(() -> connection.configuredEndpoint(AwsService.ECS));
    this.ecs =
        connection.configure(EcsClient.builder(), AwsService.ECS, settings.endpoint()).build();
    this.poll = new EcsPoll(ecs, id, connection.region(), settings.clusters());
    this.interval = settings.pollInterval();
    this.loop =
        new PassLoop(
            "sidescope-" + id.replace('/', '-'),
            interval,
            this::pass,
            // Nothing in a pass should throw; if something does, polling still goes on.
            e -> LOG.warn("An ECS pass in {} failed unexpectedly", id, e));
    this.clock = settings.clock();
    this.endpointDescription =
        endpoint.map(URI::toString).orElse("ecs." + connection.region() + ".amazonaws.com");
    this.status =
        SourceStatus.of(
            id,
            SourceState.CONNECTING,
            "Connecting to ECS in "
                + connection.region()
                + " with "
                + connection.credentialsDescription()
                + ".",
            clock.instant());
  }

  /**
   * Finds credentials, region and endpoint as the AWS CLI does, and builds a source that publishes
   * to {@code sink} once started; no ECS call is made yet. May probe the EC2 instance metadata
   * service when nothing else is configured, so call it off the UI thread.
   */
  public static Resolution resolve(EcsSettings settings, ObservationSink sink) {
    return resolve(settings, Objects.requireNonNull(sink, "sink"), true);
  }

  /**
   * As {@link #resolve(EcsSettings, ObservationSink)}, for a source that is never started: it only
   * lists the clusters or runs single passes.
   */
  public static Resolution resolve(EcsSettings settings) {
    return resolve(settings, null, false);
  }

  private static Resolution resolve(EcsSettings settings, ObservationSink sink, boolean live) {
    Objects.requireNonNull(settings, "settings");
    AwsResolution aws =
        AwsConnection.resolve(
            settings.connectionRequest(), settings.environment(), settings.clock());
    if (aws instanceof AwsResolution.Missing missing) {
      return new Resolution.Absent(missing.reason());
    }
    AwsConnection connection = ((AwsResolution.Found) aws).connection();
    try {
      return new Resolution.Available(new EcsSource(settings, connection, live ? sink : null));
    } catch (RuntimeException e) {
      connection.close();
      LOG.warn("Building the ECS client failed", e);
      return new Resolution.Absent(
          "The ECS client could not be built for region " + connection.region() + ".");
    }
  }

  /** {@code ecs/<region>}. */
  @Override
  public String id() {
    return id;
  }

  /** The region polled. */
  public String region() {
    return connection.region();
  }

  /** Where the credentials come from, e.g. "profile dev (IAM Identity Center)". */
  public String credentialsDescription() {
    return connection.credentialsDescription();
  }

  /** The current status; safe to read from any thread. */
  public SourceStatus status() {
    return status;
  }

  /**
   * Runs one pass now, on the calling thread (waiting for a running one to finish first), publishes
   * it when the source has a sink and has started, and returns what the source sees. Never throws
   * for ECS failures: they are in the returned status.
   *
   * @throws IllegalStateException when the source is closed
   */
  public Observations pollOnce() {
    if (closed) {
      throw new IllegalStateException("the ECS source " + id + " is closed");
    }
    return loop.now(
        () -> {
          pass();
          return observations();
        });
  }

  /**
   * Lists the names of the region's clusters now, on the calling thread (one {@code ListClusters}
   * call a page; nothing else), for a person choosing which to watch. Blocks on the network: never
   * call it on a UI thread.
   *
   * @throws ListingFailedException when ECS cannot be asked or refuses; its message is one sentence
   * @throws IllegalStateException when the source is closed
   */
  public List<String> listClusterNames() {
    if (closed) {
      throw new IllegalStateException("the ECS source " + id + " is closed");
    }
    try {
      return poll.listClusterNames();
    } catch (EcsCallFailure e) {
      LOG.warn("Listing the ECS clusters in {} failed", id, e);
      if (EcsPoll.code(e).equals("AccessDeniedException")) {
        throw new ListingFailedException(
            "Not allowed to list the ECS clusters in "
                + region()
                + " (AccessDeniedException); name the clusters to watch instead.");
      }
      throw new ListingFailedException(
          EcsStatusWording.failed(
                  e, "nothing was listed", endpointDescription, credentialsDescription())
              .message());
    } catch (RuntimeException e) {
      LOG.warn("Listing the ECS clusters in {} failed", id, e);
      throw new ListingFailedException(
          EcsStatusWording.failed(
                  e, "nothing was listed", endpointDescription, credentialsDescription())
              .message());
    }
  }

  /** ECS could not list the clusters; the message is one sentence for a person. */
  public static final class ListingFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListingFailedException(String sentence) {
      super(sentence);
    }
  }

  /**
   * Starts polling on the source's own thread: a pass at once, then every interval. A second call,
   * or one after {@link #close()}, has no effect.
   *
   * @throws IllegalStateException when the source was made without a sink
   */
  @Override
  public synchronized void start() {
    if (sink == null) {
      throw new IllegalStateException("the ECS source " + id + " was made without a sink");
    }
    if (loop.started() || closed) {
      return;
    }
    started = true;
    SourceStatus first = status;
    tell(() -> sink.publishStatus(first));
    loop.start();
  }

  /** One pass, under the pass lock: poll, update state, tell the sink. The delay to the next. */
  private Duration pass() {
    Duration next;
    SourceStatus before = status;
    try {
      EcsPoll.Result result = poll.run();
      workloads =
          result.workloads().stream().sorted(Comparator.comparing(WorkloadSpec::id)).toList();
      services = result.services().stream().sorted(Comparator.comparing(ServiceSpec::id)).toList();
      next = loop.succeeded();
      if (result.problems().isEmpty()) {
        setStatus(SourceState.LIVE, null);
      } else {
        LOG.info("ECS pass in {} read partly: {}", id, EcsStatusWording.codes(result.problems()));
        setStatus(SourceState.DEGRADED, EcsStatusWording.partial(result.problems()));
      }
    } catch (RuntimeException e) {
      next = loop.failed();
      LOG.warn("ECS pass in {} failed", id, e);
      EcsStatusWording.Outcome outcome =
          EcsStatusWording.failed(
              e,
              "retrying in " + PassLoop.seconds(next) + " s",
              endpointDescription,
              credentialsDescription());
      setStatus(outcome.state(), outcome.message());
    }
    if (publishing()) {
      // The observations carry the new status, so a snapshot never shows the status of this pass
      // beside the workloads of the last; the status alone follows, for those who follow statuses.
      Observations seen = observations();
      tell(() -> sink.publish(id, seen));
      SourceStatus after = status;
      if (!after.equals(before)) {
        tell(() -> sink.publishStatus(after));
      }
    }
    return next;
  }

  private boolean publishing() {
    return started && !closed;
  }

  /** Calls the sink; one that throws is logged and does not stop the source. */
  private static void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("The sink of the ECS source failed", e);
    }
  }

  private Observations observations() {
    return new Observations(workloads, services, List.of(), List.of(status));
  }

  private void setStatus(SourceState state, String message) {
    status = status.then(state, message, clock.instant());
  }

  /**
   * Stops polling and releases the ECS client and the credentials' clients; the sink hears nothing
   * more. Idempotent. A pass running on another thread is interrupted.
   */
  @Override
  public void close() {
    closed = true;
    loop.close();
    ecs.close();
    connection.close();
  }
}
