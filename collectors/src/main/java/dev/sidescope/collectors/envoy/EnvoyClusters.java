package dev.sidescope.collectors.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The upstream clusters an Envoy's {@code /clusters} names, with the health of each host: from the
 * text form ({@code cluster::host::field::value} per line, e.g. {@code
 * cds_egress_..._http_8080::10.100.177.181:8080::health_flags::/failed_active_hc}) or the JSON form
 * ({@code ?format=json}: {@code cluster_statuses[].name}, {@code hostStatuses[].healthStatus}).
 *
 * <p>A cluster name runs to the first {@code ::}; hosts hold single colons ({@code 10.0.0.1:8080}),
 * names hold dots and pipes. Stateless.
 */
public final class EnvoyClusters {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EnvoyClusters() {}

  /**
   * Each cluster, with its hosts' health: {@code healthy}, or the failing flags as Envoy prints
   * them ({@code /failed_active_hc}, {@code UNHEALTHY}); a cluster with no host is listed with
   * none.
   */
  public record Cluster(String name, Map<String, String> hostHealth) {}

  /** The text form. */
  public static Map<String, Cluster> text(Reader in) throws IOException {
    Map<String, Map<String, String>> hosts = new LinkedHashMap<>();
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    String line;
    while ((line = lines.readLine()) != null) {
      int first = line.indexOf("::");
      if (first <= 0 || line.length() > EnvoyStatsReader.MAX_LINE) {
        continue;
      }
      String name = line.substring(0, first);
      Map<String, String> health = hosts.computeIfAbsent(name, k -> new LinkedHashMap<>());
      String[] rest = line.substring(first + 2).split("::", -1);
      if (rest.length == 3 && rest[1].equals("health_flags")) {
        health.put(rest[0], rest[2]);
      }
    }
    Map<String, Cluster> out = new LinkedHashMap<>();
    hosts.forEach((name, health) -> out.put(name, new Cluster(name, health)));
    return out;
  }

  /**
   * The JSON form, as Envoy prints it today ({@code host_statuses}, {@code health_status}, {@code
   * failed_outlier_check}) or as older Envoys and Istio's tools did, in camel case ({@code
   * hostStatuses}, {@code healthStatus}, {@code failedOutlierCheck}).
   */
  public static Map<String, Cluster> json(InputStream in) throws IOException {
    JsonNode root = MAPPER.readTree(in);
    Map<String, Cluster> out = new LinkedHashMap<>();
    if (root == null) {
      return out;
    }
    for (JsonNode c : either(root, "cluster_statuses", "clusterStatuses")) {
      String name = c.path("name").asText("");
      if (name.isEmpty()) {
        continue;
      }
      Map<String, String> health = new LinkedHashMap<>();
      for (JsonNode h : either(c, "host_statuses", "hostStatuses")) {
        JsonNode socket = either(h.path("address"), "socket_address", "socketAddress");
        String host =
            socket.path("address").asText("")
                + ":"
                + either(socket, "port_value", "portValue").asText("");
        JsonNode status = either(h, "health_status", "healthStatus");
        String eds = either(status, "eds_health_status", "edsHealthStatus").asText("");
        boolean outlier = either(status, "failed_outlier_check", "failedOutlierCheck").asBoolean();
        boolean activeHc =
            either(status, "failed_active_health_check", "failedActiveHealthCheck").asBoolean();
        health.put(
            host,
            outlier
                ? "/failed_outlier_check"
                : activeHc
                    ? "/failed_active_hc"
                    : eds.isEmpty() || eds.equals("HEALTHY") ? "healthy" : eds);
      }
      out.put(name, new Cluster(name, health));
    }
    return out;
  }

  /** The field under its snake-case name, else under its camel-case one. */
  private static JsonNode either(JsonNode node, String snake, String camel) {
    JsonNode value = node.path(snake);
    return value.isMissingNode() ? node.path(camel) : value;
  }
}
