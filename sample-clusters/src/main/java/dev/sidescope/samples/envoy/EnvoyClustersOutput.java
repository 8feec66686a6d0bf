package dev.sidescope.samples.envoy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Envoy's {@code /clusters}: as text, {@code cluster::key::value} lines per cluster and {@code
 * cluster::ip:port::key::value} lines per host ({@code health_flags::healthy} or {@code
 * ::/failed_outlier_check}); as JSON ({@code ?format=json}), {@code cluster_statuses[]} with {@code
 * host_statuses[]} ({@code address.socket_address}, {@code stats}, {@code health_status} with
 * {@code eds_health_status} and {@code failed_outlier_check}), field names as Envoy writes them.
 *
 * <p>Stateless; thread-safe.
 */
public final class EnvoyClustersOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EnvoyClustersOutput() {}

  /** The text form. */
  public static String text(EnvoyReading reading) {
    StringBuilder b = new StringBuilder();
    for (EnvoyReading.ClusterStatus c : reading.clusters()) {
      String n = c.name();
      for (String priority : new String[] {"default_priority", "high_priority"}) {
        b.append(n).append("::").append(priority).append("::max_connections::1024\n");
        b.append(n).append("::").append(priority).append("::max_pending_requests::1024\n");
        b.append(n).append("::").append(priority).append("::max_requests::1024\n");
        b.append(n).append("::").append(priority).append("::max_retries::3\n");
      }
      b.append(n).append("::added_via_api::true\n");
      for (EnvoyReading.HostStatus h : c.hosts()) {
        String p = n + "::" + h.host().address() + "::";
        b.append(p).append("cx_active::").append(h.cxActive()).append('\n');
        b.append(p).append("cx_connect_fail::0\n");
        b.append(p).append("cx_total::").append(h.cxTotal()).append('\n');
        b.append(p).append("rq_active::0\n");
        b.append(p).append("rq_error::").append(h.rqError()).append('\n');
        b.append(p).append("rq_success::").append(h.rqSuccess()).append('\n');
        b.append(p).append("rq_timeout::0\n");
        b.append(p).append("rq_total::").append(h.rqTotal()).append('\n');
        b.append(p).append("hostname::\n");
        b.append(p)
            .append("health_flags::")
            .append(h.failedOutlierCheck() ? "/failed_outlier_check" : "healthy")
            .append('\n');
        b.append(p).append("weight::1\n");
        b.append(p).append("region::\n");
        b.append(p).append("zone::\n");
        b.append(p).append("sub_zone::\n");
        b.append(p).append("canary::false\n");
        b.append(p).append("priority::0\n");
        b.append(p).append("success_rate::-1\n");
        b.append(p).append("local_origin_success_rate::-1\n");
      }
    }
    return b.toString();
  }

  /** The JSON form. */
  public static String json(EnvoyReading reading) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode clusters = root.putArray("cluster_statuses");
    for (EnvoyReading.ClusterStatus c : reading.clusters()) {
      ObjectNode cluster = clusters.addObject().put("name", c.name()).put("added_via_api", true);
      ArrayNode hosts = cluster.putArray("host_statuses");
      for (EnvoyReading.HostStatus h : c.hosts()) {
        ObjectNode host = hosts.addObject();
        host.putObject("address")
            .putObject("socket_address")
            .put("address", h.host().ip())
            .put("port_value", h.host().port());
        ArrayNode stats = host.putArray("stats");
        stat(stats, "cx_connect_fail", 0, false);
        stat(stats, "cx_total", h.cxTotal(), false);
        stat(stats, "rq_error", h.rqError(), false);
        stat(stats, "rq_success", h.rqSuccess(), false);
        stat(stats, "rq_timeout", 0, false);
        stat(stats, "rq_total", h.rqTotal(), false);
        stat(stats, "cx_active", h.cxActive(), true);
        stat(stats, "rq_active", 0, true);
        ObjectNode health = host.putObject("health_status");
        if (h.failedOutlierCheck()) {
          health.put("failed_outlier_check", true);
        }
        health.put("eds_health_status", "HEALTHY");
        host.put("weight", 1);
        host.putObject("locality");
      }
      cluster.put("observability_name", c.name());
    }
    return root.toPrettyString() + "\n";
  }

  /** A host stat as Envoy writes it: 64-bit values as strings, zero left out, gauges typed. */
  private static void stat(ArrayNode stats, String name, long value, boolean gauge) {
    ObjectNode s = stats.addObject().put("name", name);
    if (value != 0) {
      s.put("value", Long.toString(value));
    }
    if (gauge) {
      s.put("type", "GAUGE");
    }
  }
}
