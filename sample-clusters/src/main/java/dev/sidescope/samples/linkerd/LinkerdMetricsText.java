package dev.sidescope.samples.linkerd;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Linkerd proxy's {@code /metrics}: Prometheus text as the proxy prints it, with the families a
 * reader of its traffic looks at: {@code request_total} by direction, authority and target, {@code
 * response_total} also by status code and classification, the {@code response_latency_ms}
 * histogram, and the process' own ({@code process_start_time_seconds}, {@code proxy_build_info}).
 */
final class LinkerdMetricsText {
  private LinkerdMetricsText() {}

  /** The text of {@code proxy}'s metrics {@code series} at {@code now}. */
  static String render(LinkerdProxy proxy, List<LinkerdCounters.Series> series, Instant now) {
    StringBuilder out = new StringBuilder(4_096 + 3_000 * series.size());
    Map<String, Long> requests = new LinkedHashMap<>();
    for (LinkerdCounters.Series s : series) {
      requests.merge(target(s.key()), s.requests(), Long::sum);
    }
    out.append("# HELP request_total Total count of HTTP requests.\n");
    out.append("# TYPE request_total counter\n");
    requests.forEach(
        (labels, n) ->
            out.append("request_total{").append(labels).append("} ").append(n).append('\n'));

    out.append(
        "# HELP response_latency_ms Elapsed times between a request's headers being received and"
            + " its response stream completing\n");
    out.append("# TYPE response_latency_ms histogram\n");
    for (LinkerdCounters.Series s : series) {
      String labels = target(s.key()) + ",status_code=\"" + s.key().status() + "\"";
      long cumulative = 0;
      long[] b = s.buckets();
      for (int i = 0; i < LinkerdCounters.BUCKETS.length; i++) {
        cumulative += b[i];
        out.append("response_latency_ms_bucket{")
            .append(labels)
            .append(",le=\"")
            .append(LinkerdCounters.BUCKETS[i])
            .append("\"} ")
            .append(cumulative)
            .append('\n');
      }
      out.append("response_latency_ms_bucket{")
          .append(labels)
          .append(",le=\"+Inf\"} ")
          .append(s.requests())
          .append('\n');
      out.append("response_latency_ms_count{")
          .append(labels)
          .append("} ")
          .append(s.requests())
          .append('\n');
      out.append("response_latency_ms_sum{")
          .append(labels)
          .append("} ")
          .append(String.format(Locale.ROOT, "%.0f", s.latencySumMs()))
          .append('\n');
    }

    out.append("# HELP response_total Total count of HTTP responses.\n");
    out.append("# TYPE response_total counter\n");
    for (LinkerdCounters.Series s : series) {
      out.append("response_total{")
          .append(target(s.key()))
          .append(",status_code=\"")
          .append(s.key().status())
          .append("\",classification=\"")
          .append(s.key().classification())
          .append("\",grpc_status=\"\",error=\"\"} ")
          .append(s.requests())
          .append('\n');
    }

    long uptime = Math.max(0, Duration.between(proxy.started(), now).toSeconds());
    out.append("# HELP process_start_time_seconds Time that the process started (in seconds since")
        .append(" the UNIX epoch)\n");
    out.append("# TYPE process_start_time_seconds gauge\n");
    out.append("process_start_time_seconds ").append(proxy.started().getEpochSecond()).append('\n');
    out.append(
        "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n");
    out.append("# TYPE process_cpu_seconds_total counter\n");
    out.append("process_cpu_seconds_total ")
        .append(String.format(Locale.ROOT, "%.2f", uptime * 0.002))
        .append('\n');
    out.append("# HELP proxy_build_info Proxy build info\n");
    out.append("# TYPE proxy_build_info gauge\n");
    out.append("proxy_build_info{version=\"")
        .append(escape(proxy.version()))
        .append("\",git_sha=\"unknown\",profile=\"release\",vendor=\"linkerd\"} 1\n");
    return out.toString();
  }

  /** The labels every family of a series carries: direction, authority, target, TLS. */
  private static String target(LinkerdCounters.SeriesKey key) {
    String addr = key.targetAddr();
    int colon = addr.lastIndexOf(':');
    StringBuilder labels = new StringBuilder(256);
    labels
        .append("direction=\"")
        .append(key.direction())
        .append("\",authority=\"")
        .append(escape(key.authority()))
        .append("\",target_addr=\"")
        .append(escape(addr))
        .append("\",target_ip=\"")
        .append(escape(colon < 0 ? addr : addr.substring(0, colon)))
        .append("\",target_port=\"")
        .append(escape(colon < 0 ? "" : addr.substring(colon + 1)))
        .append("\",tls=\"true\"");
    return labels.toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
