package dev.sidescope.collectors.proxy;

import dev.sidescope.collectors.envoy.EnvoyClusters;
import dev.sidescope.collectors.envoy.EnvoyStats;
import dev.sidescope.collectors.envoy.UpstreamStats;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one poll of an Envoy's {@code /stats} says of one upstream cluster: the counters that rates
 * are worked out from, the gauges read as they are, and the request-time histogram. Only the
 * figures the proxy source uses are kept, so that the previous poll of a hundred sidecars costs
 * little memory. Mutable while {@link #byCluster} fills it, never after.
 */
final class ClusterSample {
  /** A stat Envoy did not print (with {@code usedonly}: never touched). */
  static final long ABSENT = -1;

  long total = ABSENT;
  long completed = ABSENT;
  long ok; // 2xx + 3xx
  long clientErrors; // 4xx
  long serverErrors; // 5xx
  long retries;
  long activeConnections;
  long membershipHealthy = ABSENT;
  long membershipTotal = ABSENT;
  long ejectionsActive = ABSENT;
  int openCircuitBreakers;
  Optional<EnvoyStats.Histogram> time = Optional.empty();

  /**
   * Each upstream cluster's figures. Its name comes from {@code /clusters} or from its own {@code
   * membership_total} stat, so that a stat is cut from its cluster's name at the right dot.
   */
  static Map<String, ClusterSample> byCluster(
      EnvoyStats stats, Map<String, EnvoyClusters.Cluster> clusters) {
    Set<String> names = new HashSet<>(clusters.keySet());
    for (String stat : stats.values().keySet()) {
      if (stat.startsWith("cluster.") && stat.endsWith(".membership_total")) {
        names.add(stat.substring(8, stat.length() - ".membership_total".length()));
      }
    }
    Map<String, ClusterSample> out = new HashMap<>();
    for (String name : clusters.keySet()) {
      out.put(name, new ClusterSample());
    }
    for (Map.Entry<String, Long> v : stats.values().entrySet()) {
      Optional<UpstreamStats.Owned> owned = UpstreamStats.owner(v.getKey(), names);
      if (owned.isPresent()) {
        out.computeIfAbsent(owned.get().cluster(), k -> new ClusterSample())
            .take(owned.get().stat(), v.getValue());
      }
    }
    for (Map.Entry<String, EnvoyStats.Histogram> h : stats.histograms().entrySet()) {
      if (!h.getKey().endsWith(".upstream_rq_time")) {
        continue;
      }
      UpstreamStats.owner(h.getKey(), names)
          .filter(o -> o.stat().equals("upstream_rq_time"))
          .ifPresent(
              o ->
                  out.computeIfAbsent(o.cluster(), k -> new ClusterSample()).time =
                      Optional.of(h.getValue()));
    }
    return out;
  }

  private void take(String stat, long value) {
    switch (stat) {
      case "upstream_rq_total" -> total = value;
      case "upstream_rq_completed" -> completed = value;
      case "upstream_rq_2xx", "upstream_rq_3xx" -> ok += value;
      case "upstream_rq_4xx" -> clientErrors += value;
      case "upstream_rq_5xx" -> serverErrors += value;
      case "upstream_rq_retry" -> retries = value;
      case "upstream_cx_active" -> activeConnections = value;
      case "membership_healthy" -> membershipHealthy = value;
      case "membership_total" -> membershipTotal = value;
      case "outlier_detection.ejections_active" -> ejectionsActive = value;
      default -> {
        if (stat.startsWith("circuit_breakers.") && value == 1 && openGauge(stat)) {
          openCircuitBreakers++;
        }
      }
    }
  }

  /**
   * {@code circuit_breakers.<priority>.cx_open}, {@code rq_open}, {@code rq_pending_open}, {@code
   * rq_retry_open}.
   */
  private static boolean openGauge(String stat) {
    return stat.endsWith(".cx_open")
        || stat.endsWith(".rq_open")
        || stat.endsWith(".rq_pending_open")
        || stat.endsWith(".rq_retry_open");
  }

  /** Requests that completed with a status: {@code upstream_rq_completed}, else the classes. */
  long completedRequests() {
    return completed != ABSENT ? completed : ok + clientErrors + serverErrors;
  }

  /** Requests sent: {@code upstream_rq_total}, else the completed ones. */
  long requests() {
    return total != ABSENT ? total : completedRequests();
  }
}
