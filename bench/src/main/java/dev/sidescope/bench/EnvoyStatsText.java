package dev.sidescope.bench;

import java.util.List;

/**
 * A large Envoy {@code /stats} text, as an Istio sidecar of a big mesh prints it: each upstream
 * cluster ({@code outbound|8080||svc-17.ns-3.svc.cluster.local}) with the counters, gauges and the
 * two histograms Envoy keeps per cluster, sorted by name as Envoy sorts them.
 *
 * <p>Stateless.
 */
final class EnvoyStatsText {
  private EnvoyStatsText() {}

  /** The counters and gauges Envoy prints for every cluster (a subset of the real ~90). */
  private static final List<String> PER_CLUSTER =
      List.of(
          "assignment_stale",
          "assignment_timeout_received",
          "bind_errors",
          "circuit_breakers.default.cx_open",
          "circuit_breakers.default.cx_pool_open",
          "circuit_breakers.default.rq_open",
          "circuit_breakers.default.rq_pending_open",
          "circuit_breakers.default.rq_retry_open",
          "circuit_breakers.high.cx_open",
          "circuit_breakers.high.rq_open",
          "default.total_match_count",
          "lb_healthy_panic",
          "lb_local_cluster_not_ok",
          "lb_zone_routing_all_directly",
          "max_host_weight",
          "membership_change",
          "membership_degraded",
          "membership_excluded",
          "membership_healthy",
          "membership_total",
          "original_dst_host_invalid",
          "outlier_detection.ejections_active",
          "outlier_detection.ejections_consecutive_5xx",
          "outlier_detection.ejections_enforced_total",
          "outlier_detection.ejections_total",
          "retry_or_shadow_abandoned",
          "update_attempt",
          "update_empty",
          "update_failure",
          "update_no_rebuild",
          "update_success",
          "upstream_cx_active",
          "upstream_cx_close_notify",
          "upstream_cx_connect_attempts_exceeded",
          "upstream_cx_connect_fail",
          "upstream_cx_connect_timeout",
          "upstream_cx_destroy",
          "upstream_cx_destroy_local",
          "upstream_cx_destroy_remote",
          "upstream_cx_http1_total",
          "upstream_cx_http2_total",
          "upstream_cx_idle_timeout",
          "upstream_cx_max_requests",
          "upstream_cx_none_healthy",
          "upstream_cx_overflow",
          "upstream_cx_pool_overflow",
          "upstream_cx_protocol_error",
          "upstream_cx_rx_bytes_buffered",
          "upstream_cx_rx_bytes_total",
          "upstream_cx_total",
          "upstream_cx_tx_bytes_buffered",
          "upstream_cx_tx_bytes_total",
          "upstream_flow_control_backed_up_total",
          "upstream_flow_control_paused_reading_total",
          "upstream_rq_200",
          "upstream_rq_2xx",
          "upstream_rq_503",
          "upstream_rq_5xx",
          "upstream_rq_active",
          "upstream_rq_cancelled",
          "upstream_rq_completed",
          "upstream_rq_maintenance_mode",
          "upstream_rq_max_duration_reached",
          "upstream_rq_pending_active",
          "upstream_rq_pending_failure_eject",
          "upstream_rq_pending_overflow",
          "upstream_rq_pending_total",
          "upstream_rq_per_try_timeout",
          "upstream_rq_retry",
          "upstream_rq_retry_backoff_exponential",
          "upstream_rq_retry_limit_exceeded",
          "upstream_rq_retry_overflow",
          "upstream_rq_retry_success",
          "upstream_rq_rx_reset",
          "upstream_rq_timeout",
          "upstream_rq_total",
          "upstream_rq_tx_reset",
          "version");

  /** Lines per cluster: the values above and two histograms. */
  static final int LINES_PER_CLUSTER = PER_CLUSTER.size() + 2;

  /**
   * About {@code lines} lines of {@code /stats} text (whole clusters, at least one): counters and
   * gauges first, then the histograms, each part sorted by name, as Envoy prints them.
   */
  static String of(int lines) {
    int clusters = Math.max(1, lines / LINES_PER_CLUSTER);
    StringBuilder out = new StringBuilder(lines * 80);
    for (int c = 0; c < clusters; c++) {
      String prefix = prefix(c);
      for (int i = 0; i < PER_CLUSTER.size(); i++) {
        out.append(prefix)
            .append(PER_CLUSTER.get(i))
            .append(": ")
            .append((long) c * 131 + i * 7L)
            .append('\n');
      }
    }
    for (int c = 0; c < clusters; c++) {
      histogram(out, prefix(c) + "upstream_cx_connect_ms", c);
      histogram(out, prefix(c) + "upstream_rq_time", c);
    }
    return out.toString();
  }

  private static String prefix(int c) {
    return "cluster.outbound|8080||svc-" + c + ".ns-" + (c % 40) + ".svc.cluster.local.";
  }

  private static void histogram(StringBuilder out, String name, int c) {
    if (c % 10 == 9) {
      out.append(name).append(": No recorded values\n");
      return;
    }
    out.append(name).append(": ");
    String[] quantiles = {"P0", "P25", "P50", "P75", "P90", "P95", "P99", "P99.5", "P99.9", "P100"};
    double[] at = {0, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999, 1};
    for (int q = 0; q < quantiles.length; q++) {
      if (q > 0) {
        out.append(' ');
      }
      double base = 1 + (c % 17);
      String interval = c % 3 == 0 ? "nan" : String.valueOf(Math.round(base * (1 + at[q] * 9)));
      out.append(quantiles[q])
          .append('(')
          .append(interval)
          .append(',')
          .append(Math.round(base * (1 + at[q] * 11) * 10) / 10.0)
          .append(')');
    }
    out.append('\n');
  }
}
