package dev.sidescope.samples.envoy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one Envoy's admin API shows at one moment: its stats, its clusters' hosts, and how long it
 * has been up. Immutable.
 *
 * @param at the moment read
 * @param stats counters and gauges, sorted by name
 * @param histograms histograms, sorted by name
 * @param clusters every cluster with its hosts, in the sidecar's order
 */
public record EnvoyReading(
    Instant at,
    List<EnvoyStat> stats,
    List<EnvoyHistogram> histograms,
    List<ClusterStatus> clusters) {
  public EnvoyReading {
    Objects.requireNonNull(at, "at");
    stats = List.copyOf(stats);
    histograms = List.copyOf(histograms);
    clusters = List.copyOf(clusters);
  }

  /** The value of the counter or gauge {@code name}, or -1 when there is none. */
  public long value(String name) {
    return stats.stream()
        .filter(s -> s.name().equals(name))
        .mapToLong(EnvoyStat::value)
        .findFirst()
        .orElse(-1);
  }

  /**
   * One cluster as {@code /clusters} shows it.
   *
   * @param name the cluster's name
   * @param hosts its hosts
   */
  public record ClusterStatus(String name, List<HostStatus> hosts) {
    public ClusterStatus {
      Objects.requireNonNull(name, "name");
      hosts = List.copyOf(hosts);
    }
  }

  /**
   * One host of a cluster as {@code /clusters} shows it.
   *
   * @param host the host
   * @param cxActive open connections to it
   * @param cxTotal connections made to it
   * @param rqTotal requests sent to it
   * @param rqSuccess requests it answered without a 5xx
   * @param rqError requests it answered with a 5xx
   * @param failedOutlierCheck whether outlier detection has ejected it
   */
  public record HostStatus(
      EnvoyHost host,
      long cxActive,
      long cxTotal,
      long rqTotal,
      long rqSuccess,
      long rqError,
      boolean failedOutlierCheck) {
    public HostStatus {
      Objects.requireNonNull(host, "host");
    }
  }
}
