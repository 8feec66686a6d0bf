package dev.sidescope.collectors.envoy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an Envoy says of each upstream cluster: requests by status class and the request-time
 * histogram, from {@code cluster.<name>.upstream_rq_*} stats.
 *
 * <p>Stat names do not say where a cluster's name ends ({@code cluster.service2.external
 * .upstream_rq_200} is cluster {@code service2}'s {@code external.upstream_rq_200}, and {@code
 * outbound|8080||payment.shop.svc.cluster.local} is one name), so the names come from {@code
 * /clusters}: a stat belongs to the longest known name it starts with. Stats of no known cluster
 * are left out.
 *
 * @param total {@code upstream_rq_total}
 * @param ok {@code upstream_rq_2xx} plus {@code upstream_rq_3xx}
 * @param clientErrors {@code upstream_rq_4xx}
 * @param serverErrors {@code upstream_rq_5xx}
 * @param time {@code upstream_rq_time}, in milliseconds, where printed
 */
public record UpstreamStats(
    long total,
    long ok,
    long clientErrors,
    long serverErrors,
    Optional<EnvoyStats.Histogram> time) {

  /** Each known cluster's figures, in the order of {@code clusterNames}' stats. */
  public static Map<String, UpstreamStats> byCluster(EnvoyStats stats, Set<String> clusterNames) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, EnvoyStats.Histogram> times = new LinkedHashMap<>();
    for (Map.Entry<String, Long> v : stats.values().entrySet()) {
      owner(v.getKey(), clusterNames)
          .ifPresent(
              o -> {
                long[] c = counts.computeIfAbsent(o.cluster(), k -> new long[4]);
                switch (o.stat()) {
                  case "upstream_rq_total" -> c[0] += v.getValue();
                  case "upstream_rq_2xx", "upstream_rq_3xx" -> c[1] += v.getValue();
                  case "upstream_rq_4xx" -> c[2] += v.getValue();
                  case "upstream_rq_5xx" -> c[3] += v.getValue();
                  default -> {}
                }
              });
    }
    for (Map.Entry<String, EnvoyStats.Histogram> h : stats.histograms().entrySet()) {
      owner(h.getKey(), clusterNames)
          .filter(o -> o.stat().equals("upstream_rq_time"))
          .ifPresent(
              o -> {
                counts.computeIfAbsent(o.cluster(), k -> new long[4]);
                times.put(o.cluster(), h.getValue());
              });
    }
    Map<String, UpstreamStats> out = new LinkedHashMap<>();
    counts.forEach(
        (cluster, c) ->
            out.put(
                cluster,
                new UpstreamStats(
                    c[0], c[1], c[2], c[3], Optional.ofNullable(times.get(cluster)))));
    return out;
  }

  /**
   * A stat of a cluster: the cluster's name and the stat's own name after it, e.g. {@code
   * upstream_rq_5xx} or {@code circuit_breakers.default.cx_open}.
   */
  public record Owned(String cluster, String stat) {}

  /**
   * The known cluster a {@code cluster.*} stat belongs to, by the longest name it starts with, and
   * the rest of its name.
   */
  public static Optional<Owned> owner(String statName, Set<String> clusterNames) {
    if (!statName.startsWith("cluster.")) {
      return Optional.empty();
    }
    // From the last dot back to the first: the longest name that is known wins.
    for (int dot = statName.lastIndexOf('.'); dot > 8; dot = statName.lastIndexOf('.', dot - 1)) {
      String candidate = statName.substring(8, dot);
      if (clusterNames.contains(candidate)) {
        return Optional.of(new Owned(candidate, statName.substring(dot + 1)));
      }
    }
    return Optional.empty();
  }
}
