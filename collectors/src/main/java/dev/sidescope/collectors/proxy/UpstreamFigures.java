package dev.sidescope.collectors.proxy;

import dev.sidescope.collectors.envoy.EnvoyClusters;
import dev.sidescope.collectors.envoy.EnvoyStats;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.proxy.UpstreamHealth;
import dev.sidescope.topology.model.proxy.UpstreamReading;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Works out one upstream cluster's figures over a poll interval from two polls of an Envoy: rates
 * are the counters' growth over the seconds between the polls; a counter that went down means Envoy
 * restarted (or its counters were reset), and its new value is taken as the growth. Pure functions;
 * no state.
 */
final class UpstreamFigures {
  private UpstreamFigures() {}

  /**
   * The cluster's reading.
   *
   * @param before the previous poll's sample, or null on the cluster's first poll (no rates yet)
   * @param now this poll's sample
   * @param seconds between the two polls; not positive on the first
   * @param hosts the cluster's hosts as {@code /clusters} lists them, or null where it lists none
   */
  static UpstreamReading reading(
      String cluster,
      ClusterSample before,
      ClusterSample now,
      double seconds,
      EnvoyClusters.Cluster hosts) {
    boolean rates = before != null && seconds > 0;
    EdgeMetrics metrics = EdgeMetrics.NONE;
    double clientErrors = 0;
    double serverErrors = 0;
    double retries = 0;
    if (rates) {
      long requests = growth(before.requests(), now.requests());
      long completed = growth(before.completedRequests(), now.completedRequests());
      long client = growth(before.clientErrors, now.clientErrors);
      long server = growth(before.serverErrors, now.serverErrors);
      clientErrors = client / seconds;
      serverErrors = server / seconds;
      retries = growth(before.retries, now.retries) / seconds;
      OptionalDouble errorRate =
          completed > 0
              ? OptionalDouble.of(Math.min(1.0, (client + server) / (double) completed))
              : OptionalDouble.empty();
      metrics =
          new EdgeMetrics(
              OptionalDouble.of(requests / seconds),
              quantile(now, 50),
              quantile(now, 90),
              quantile(now, 99),
              errorRate);
    }
    return new UpstreamReading(
        cluster, metrics, clientErrors, serverErrors, health(now, hosts, retries));
  }

  /** How much a counter grew; after a reset, all of its new value. */
  static long growth(long before, long now) {
    if (now < 0) {
      return 0; // not printed now
    }
    return before < 0 || now < before ? now : now - before;
  }

  /** A percentile of the request time: over Envoy's last interval, else since it started. */
  static OptionalDouble quantile(ClusterSample sample, double percent) {
    if (sample.time.isEmpty()) {
      return OptionalDouble.empty();
    }
    for (EnvoyStats.Quantile q : sample.time.get().quantiles()) {
      if (q.percent() == percent) {
        return q.interval().isPresent() ? q.interval() : q.cumulative();
      }
    }
    return OptionalDouble.empty();
  }

  private static UpstreamHealth health(
      ClusterSample now, EnvoyClusters.Cluster hosts, double retriesPerSecond) {
    int healthy;
    int total;
    int flagged = 0;
    if (hosts != null && !hosts.hostHealth().isEmpty()) {
      healthy = 0;
      for (String flags : hosts.hostHealth().values()) {
        if (flags.equals("healthy")) {
          healthy++;
        }
        if (flags.contains("failed_outlier_check")) {
          flagged++;
        }
      }
      total = hosts.hostHealth().size();
    } else {
      healthy = (int) Math.max(0, now.membershipHealthy);
      total = (int) Math.max(0, now.membershipTotal);
    }
    int ejected = (int) Math.max(flagged, now.ejectionsActive);
    return new UpstreamHealth(
        healthy,
        total,
        ejected,
        Math.max(0, now.activeConnections),
        retriesPerSecond,
        now.openCircuitBreakers);
  }

  /**
   * One Linkerd authority's reading: rates from the response counters, latency percentiles from the
   * interval's buckets (the growth of each), else from the cumulative ones. Linkerd's proxy does
   * not print host health, connections, retries or circuit breakers where they are read: the health
   * is empty.
   *
   * @param before the previous poll's counters, or null on the authority's first poll
   */
  static UpstreamReading linkerd(
      String authority,
      LinkerdMetrics.Authority before,
      LinkerdMetrics.Authority now,
      double seconds) {
    UpstreamHealth none = new UpstreamHealth(0, 0, 0, 0, 0, 0);
    if (before == null || seconds <= 0) {
      return new UpstreamReading(authority, EdgeMetrics.NONE, 0, 0, none);
    }
    long responses = growth(before.responses(), now.responses());
    long failures = growth(before.failures(), now.failures());
    long client = growth(before.clientErrors(), now.clientErrors());
    long server = growth(before.serverErrors(), now.serverErrors());
    TreeMap<Double, Long> interval = new TreeMap<>();
    boolean reset = now.responses() < before.responses();
    for (Map.Entry<Double, Long> b : now.buckets().entrySet()) {
      Long old = before.buckets().get(b.getKey());
      interval.put(b.getKey(), reset || old == null ? b.getValue() : growth(old, b.getValue()));
    }
    boolean anyInInterval = !interval.isEmpty() && interval.lastEntry().getValue() > 0;
    TreeMap<Double, Long> latency = anyInInterval ? interval : now.buckets();
    EdgeMetrics metrics =
        new EdgeMetrics(
            OptionalDouble.of(responses / seconds),
            LinkerdMetrics.quantile(latency, 50),
            LinkerdMetrics.quantile(latency, 90),
            LinkerdMetrics.quantile(latency, 99),
            responses > 0
                ? OptionalDouble.of(Math.min(1.0, failures / (double) responses))
                : OptionalDouble.empty());
    return new UpstreamReading(authority, metrics, client / seconds, server / seconds, none);
  }
}
