package dev.sidescope.topology.overlay;

import dev.sidescope.topology.model.OverlayData;
import dev.sidescope.topology.model.SourceState;
import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologyBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The overlay stage: runs the appenders, in the order written in {@link #standardAppenders()}, over
 * a topology and the measurements the overlay sources published.
 *
 * <p>An appender that throws does not take the picture down: its work is dropped, the others still
 * run, and a source {@code overlay/<name>} with status degraded says which appender failed. Its
 * exception's message is not repeated, since it may quote what a source measured; the log has it.
 *
 * <p>Stateless and thread-safe; the store runs it on its writer thread.
 */
public final class OverlayPipeline {
  /** The prefix of the id of the source that stands for a failed appender. */
  public static final String SOURCE_PREFIX = "overlay/";

  private static final System.Logger LOG = System.getLogger(OverlayPipeline.class.getName());

  /** The appenders, in the order they run. Each rule of ordering is stated where it applies. */
  private static List<Appender> standardAppenders() {
    return List.of(
        // Traced traffic first: it adds the service nodes of traced names that match nothing, so
        // that the proxies' and the measured edges after it can be drawn to them.
        new TracedTrafficAppender(),
        // Proxy readings next. Where tracing also measured an edge, the proxy's figures go on top
        // whatever the order (Edge.measured), and tracing's stay beside them in measuredBy.
        new ProxyUpstreamAppender(),
        // Measured traffic next: it puts the sources' numbers on the edges, and the appenders
        // after it (health from error rates, findings from live data) read them there.
        new EdgeTrafficAppender(),
        // Source health last: it greys everything a dead source said, whatever an appender before
        // it added about those workloads.
        new SourceHealthAppender());
  }

  private final List<Appender> appenders;

  private OverlayPipeline(List<Appender> appenders) {
    this.appenders = List.copyOf(appenders);
  }

  /** Every appender Sidescope ships, in their order. */
  public static OverlayPipeline standard() {
    return new OverlayPipeline(standardAppenders());
  }

  /** These appenders, in the order given; for tests. */
  public static OverlayPipeline of(List<Appender> appenders) {
    return new OverlayPipeline(appenders);
  }

  /** The names of the appenders, in the order they run. */
  public List<String> names() {
    return appenders.stream().map(Appender::name).toList();
  }

  /**
   * Runs every appender over {@code topology}.
   *
   * @param now when a failed appender's status says it failed
   */
  public TopologyBase run(TopologyBase topology, OverlayData measurements, Instant now) {
    Objects.requireNonNull(measurements, "measurements");
    TopologyBase current = topology;
    List<SourceStatus> failed = new ArrayList<>();
    for (Appender appender : appenders) {
      try {
        current = Objects.requireNonNull(appender.append(current, measurements), "no topology");
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING, "The overlay appender " + appender.name() + " failed", e);
        failed.add(
            SourceStatus.of(
                SOURCE_PREFIX + appender.name(),
                SourceState.DEGRADED,
                "The "
                    + appender.name()
                    + " overlay failed ("
                    + e.getClass().getSimpleName()
                    + ") and is left out of the picture; the log file has the details.",
                now));
      }
    }
    if (failed.isEmpty()) {
      return current;
    }
    List<SourceStatus> sources = new ArrayList<>(current.sources());
    sources.addAll(failed);
    return current.withSources(sources);
  }
}
