package dev.sidescope.collectors.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sidescope.collectors.envoy.EnvoyAdmin;
import dev.sidescope.collectors.envoy.EnvoyClusters;
import dev.sidescope.collectors.envoy.EnvoyServerInfo;
import dev.sidescope.collectors.envoy.EnvoyStats;
import dev.sidescope.topology.model.proxy.ProxyReading;
import dev.sidescope.topology.model.proxy.ProxyServer;
import dev.sidescope.topology.model.proxy.UpstreamReading;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One proxy sidecar the source reads, with what its last poll left for the next: the counters that
 * rates are worked out from, and when they were read. Polls it and turns the answers into a {@link
 * ProxyReading}.
 *
 * <p>Threading: at most one poll at a time ({@link #busy} is taken before a poll is handed to a
 * thread and given back after); the poll state is only touched by the poll holding it.
 */
final class Sidecar {
  /** Only the upstream clusters' stats, unless every stat is kept (Envoy: partial match, RE2). */
  static final String CLUSTER_STATS = "^cluster\\.";

  /** The outcome of one poll: a reading, or why there is none ("connection refused"). */
  sealed interface Outcome {
    record Answered(ProxyReading reading) implements Outcome {}

    record Failed(String reason) implements Outcome {}
  }

  final ProxyTarget target;
  final AtomicBoolean busy = new AtomicBoolean();
  private final Duration timeout;
  private final HttpClient http;
  private final PortForwards forwards;
  private final StatHistory history;
  private final Clock clock;

  // Held by the poll that holds busy.
  private URI adminBase;
  private EnvoyAdmin envoy;
  private LinkerdAdmin linkerd;
  private Instant lastAt;
  private Map<String, ClusterSample> lastClusters;
  private Map<String, LinkerdMetrics.Authority> lastAuthorities;

  Sidecar(
      ProxyTarget target,
      Duration timeout,
      HttpClient http,
      PortForwards forwards,
      StatHistory history,
      Clock clock) {
    this.target = target;
    this.timeout = timeout;
    this.http = http;
    this.forwards = forwards;
    this.history = history;
    this.clock = clock;
  }

  /** Polls the sidecar once; never throws for what the sidecar does. */
  Outcome poll() {
    try {
      URI base = base();
      ProxyReading reading =
          target.kind() == ProxyTarget.Kind.ENVOY ? pollEnvoy(base) : pollLinkerd(base);
      return new Outcome.Answered(reading);
    } catch (IOException | RuntimeException e) {
      String reason = ProxyWording.reason(e, timeout);
      if (target.reach() instanceof ProxyTarget.PodPort pod) {
        // The next poll opens a fresh forward; where the stream itself failed, say why.
        Optional<String> inside = forwards.failed(pod);
        if (inside.isPresent() && !ProxyWording.answered(e)) {
          reason = "port-forward failed: " + inside.get();
        }
      }
      return new Outcome.Failed(reason);
    }
  }

  /** Where the admin API answers now: the URL given, or the local end of a port-forward. */
  URI base() throws IOException {
    if (target.reach() instanceof ProxyTarget.Direct direct) {
      return direct.url();
    }
    return forwards.base((ProxyTarget.PodPort) target.reach());
  }

  /** A client of this sidecar's Envoy admin API at {@code base}, for a question. */
  EnvoyAdmin envoyAdmin(URI base) {
    return new EnvoyAdmin(base, timeout, http);
  }

  private ProxyReading pollEnvoy(URI base) throws IOException {
    if (envoy == null || !base.equals(adminBase)) {
      envoy = new EnvoyAdmin(base, timeout, http);
      adminBase = base;
    }
    boolean keepAll = history.keeps(target.subject());
    ProxyServer server = EnvoyServerInfo.read(envoy.serverInfo(), target.displayName());
    Map<String, EnvoyClusters.Cluster> clusters;
    try {
      clusters = envoy.clusters();
    } catch (JsonProcessingException e) {
      throw new SidecarAnswerException("its /clusters is not JSON", e);
    }
    EnvoyStats stats = envoy.stats(false, keepAll ? null : CLUSTER_STATS);
    if (stats.values().isEmpty() && stats.histograms().isEmpty() && stats.skipped() > 0) {
      throw new SidecarAnswerException("its /stats is not Envoy's stats", null);
    }
    if (keepAll) {
      history.record(target.subject(), stats.values());
    }
    Instant at = clock.instant();
    Map<String, ClusterSample> samples = ClusterSample.byCluster(stats, clusters);
    double seconds = secondsSince(at);
    boolean measuring = lastClusters == null || seconds <= 0;
    List<UpstreamReading> upstreams = new ArrayList<>(samples.size());
    for (String name : new TreeSet<>(samples.keySet())) {
      upstreams.add(
          UpstreamFigures.reading(
              name,
              measuring ? null : lastClusters.get(name),
              samples.get(name),
              seconds,
              clusters.get(name)));
    }
    lastClusters = samples;
    lastAt = at;
    return new ProxyReading(
        target.subject(),
        target.reach().describe(),
        target.kind().id(),
        server,
        upstreams,
        measuring,
        at);
  }

  private ProxyReading pollLinkerd(URI base) throws IOException {
    if (linkerd == null || !base.equals(adminBase)) {
      linkerd = new LinkerdAdmin(base, timeout, http);
      adminBase = base;
    }
    boolean ready = linkerd.ready();
    LinkerdMetrics metrics = linkerd.metrics();
    Instant at = clock.instant();
    double seconds = secondsSince(at);
    boolean measuring = lastAuthorities == null || seconds <= 0;
    List<UpstreamReading> upstreams = new ArrayList<>(metrics.authorities().size());
    metrics
        .authorities()
        .forEach(
            (authority, now) ->
                upstreams.add(
                    UpstreamFigures.linkerd(
                        authority,
                        measuring ? null : lastAuthorities.get(authority),
                        now,
                        seconds)));
    lastAuthorities = metrics.authorities();
    lastAt = at;
    OptionalLong uptime =
        metrics.startSeconds().isPresent()
            ? OptionalLong.of(
                Math.max(0, at.getEpochSecond() - (long) metrics.startSeconds().getAsDouble()))
            : OptionalLong.empty();
    String name =
        target.reach() instanceof ProxyTarget.PodPort pod ? pod.pod() : target.displayName();
    ProxyServer server =
        new ProxyServer(name, ready ? ProxyServer.LIVE : NOT_READY, metrics.version(), uptime);
    return new ProxyReading(
        target.subject(),
        target.reach().describe(),
        target.kind().id(),
        server,
        upstreams,
        measuring,
        at);
  }

  /** The state of a Linkerd proxy whose {@code /ready} does not answer 200. */
  static final String NOT_READY = "NOT_READY";

  private double secondsSince(Instant at) {
    return lastAt == null ? 0 : Duration.between(lastAt, at).toNanos() / 1e9;
  }
}
