package dev.sidescope.samples.envoy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Envoy's {@code /stats?format=json}: {@code {"stats": [{"name": ..., "value": ...}, ...,
 * {"histograms": {"supported_quantiles": [...], "computed_quantiles": [{"name": ..., "values":
 * [{"interval": ..., "cumulative": ...}, ...]}]}}]}}, an interval or cumulative value {@code null}
 * when nothing was recorded. The histograms element is left out when no histogram is asked for.
 *
 * <p>Stateless; thread-safe.
 */
public final class EnvoyStatsJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EnvoyStatsJson() {}

  /** The JSON for every stat of {@code reading}. */
  public static String render(EnvoyReading reading) {
    return render(reading, StatsQuery.ALL);
  }

  static String render(EnvoyReading reading, StatsQuery query) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode stats = root.putArray("stats");
    for (EnvoyStat s : query.stats(reading)) {
      stats.addObject().put("name", s.name()).put("value", s.value());
    }
    List<EnvoyHistogram> histograms = query.histograms(reading);
    if (!histograms.isEmpty()) {
      ObjectNode h = stats.addObject().putObject("histograms");
      ArrayNode supported = h.putArray("supported_quantiles");
      EnvoyHistogram.QUANTILES.forEach(supported::add);
      ArrayNode computed = h.putArray("computed_quantiles");
      for (EnvoyHistogram histogram : histograms) {
        ObjectNode one = computed.addObject().put("name", histogram.name());
        ArrayNode values = one.putArray("values");
        for (int i = 0; i < EnvoyHistogram.QUANTILES.size(); i++) {
          ObjectNode v = values.addObject();
          if (histogram.interval().isEmpty()) {
            v.putNull("interval");
          } else {
            v.put("interval", histogram.interval().get(i));
          }
          if (histogram.cumulative().isEmpty()) {
            v.putNull("cumulative");
          } else {
            v.put("cumulative", histogram.cumulative().get(i));
          }
        }
      }
    }
    return root.toPrettyString() + "\n";
  }
}
