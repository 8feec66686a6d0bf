package dev.sidescope.topology.model.proxy;

/**
 * What only the proxy knows of an upstream: its hosts and how it guards them. Envoy's figures,
 * absent from X-Ray's.
 *
 * @param healthyHosts hosts {@code /clusters} marks healthy
 * @param totalHosts all hosts {@code /clusters} lists
 * @param ejectedHosts hosts outlier detection has ejected now ({@code
 *     outlier_detection.ejections_active}, or {@code failed_outlier_check} in {@code /clusters})
 * @param activeConnections {@code upstream_cx_active}
 * @param retriesPerSecond {@code upstream_rq_retry}, per second over the poll interval
 * @param openCircuitBreakers circuit-breaker gauges that are open now ({@code
 *     circuit_breakers.*.cx_open}, {@code rq_open}, {@code rq_pending_open}, {@code rq_retry_open})
 */
public record UpstreamHealth(
    int healthyHosts,
    int totalHosts,
    int ejectedHosts,
    long activeConnections,
    double retriesPerSecond,
    int openCircuitBreakers) {

  /** No host healthy, or some ejected: the upstream is not fully served. */
  public boolean unhealthy() {
    return (totalHosts > 0 && healthyHosts == 0) || ejectedHosts > 0;
  }

  /**
   * The health of two upstreams drawn as one (two replicas' sidecars calling one Service): hosts
   * and connections added, retries added, the more open circuit breakers kept.
   */
  public UpstreamHealth together(UpstreamHealth other) {
    return new UpstreamHealth(
        healthyHosts + other.healthyHosts,
        totalHosts + other.totalHosts,
        ejectedHosts + other.ejectedHosts,
        activeConnections + other.activeConnections,
        retriesPerSecond + other.retriesPerSecond,
        Math.max(openCircuitBreakers, other.openCircuitBreakers));
  }
}
