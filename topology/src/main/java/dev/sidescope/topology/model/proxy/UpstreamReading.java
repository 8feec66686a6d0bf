package dev.sidescope.topology.model.proxy;

import dev.sidescope.topology.model.EdgeMetrics;
import java.util.Objects;

/**
 * One upstream cluster as a proxy sees it over the last poll interval.
 *
 * @param cluster the cluster's name as the proxy prints it, e.g. {@code
 *     outbound|8080||payment.shop.svc.cluster.local} or {@code
 *     cds_egress_my-mesh_payment-service_shop_http_8080}
 * @param metrics requests per second, response-time percentiles and error rate ((4xx + 5xx) /
 *     completed requests) over the interval; empty until two polls have been made
 * @param clientErrorsPerSecond {@code upstream_rq_4xx} per second
 * @param serverErrorsPerSecond {@code upstream_rq_5xx} per second
 * @param health hosts, ejections, connections, retries and circuit breakers
 */
public record UpstreamReading(
    String cluster,
    EdgeMetrics metrics,
    double clientErrorsPerSecond,
    double serverErrorsPerSecond,
    UpstreamHealth health) {
  public UpstreamReading {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(health, "health");
  }
}
