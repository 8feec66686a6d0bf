package dev.sidescope.samples.envoy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Envoy's {@code /stats} text: {@code name: value} lines for counters and gauges, sorted, then one
 * line per histogram, {@code name: P0(interval,cumulative) P25(...) ...}, the interval value {@code
 * nan} when the last flush interval recorded nothing, or {@code name: No recorded values}.
 *
 * <p>Stateless; thread-safe.
 */
public final class EnvoyStatsText {
  private EnvoyStatsText() {}

  /** The text for every stat of {@code reading}. */
  public static String render(EnvoyReading reading) {
    return render(reading, StatsQuery.ALL);
  }

  static String render(EnvoyReading reading, StatsQuery query) {
    StringBuilder b = new StringBuilder();
    for (EnvoyStat s : query.stats(reading)) {
      b.append(s.name()).append(": ").append(s.value()).append('\n');
    }
    for (EnvoyHistogram h : query.histograms(reading)) {
      b.append(h.name()).append(": ");
      if (h.cumulative().isEmpty()) {
        b.append("No recorded values\n");
        continue;
      }
      List<Double> quantiles = EnvoyHistogram.QUANTILES;
      for (int i = 0; i < quantiles.size(); i++) {
        if (i > 0) {
          b.append(' ');
        }
        b.append('P')
            .append(number(quantiles.get(i)))
            .append('(')
            .append(h.interval().isEmpty() ? "nan" : number(h.interval().get(i)))
            .append(',')
            .append(number(h.cumulative().get(i)))
            .append(')');
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** A number as Envoy prints one: six significant digits at most, no trailing zeros. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    BigDecimal d = new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }
}
