package dev.sidescope.collectors.envoy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One reading of an Envoy's {@code /stats}: counters and gauges by name, histograms by name, and
 * how many lines could not be read (counted, never fatal).
 *
 * @param values counters and gauges, by their full dotted name
 * @param histograms histograms, by their full dotted name
 * @param skipped lines that were neither a value nor a histogram
 */
public record EnvoyStats(Map<String, Long> values, Map<String, Histogram> histograms, int skipped) {
  public EnvoyStats {
    values = Collections.unmodifiableMap(Objects.requireNonNull(values, "values"));
    histograms = Collections.unmodifiableMap(Objects.requireNonNull(histograms, "histograms"));
  }

  /**
   * A histogram as {@code /stats} prints it: quantiles with the interval's value and the cumulative
   * one, either of which may be {@code nan}; no quantiles when nothing was recorded.
   *
   * @param quantiles in the order printed, e.g. P0, P25, P50 ... P100
   */
  public record Histogram(List<Quantile> quantiles) {
    public Histogram {
      quantiles = List.copyOf(quantiles);
    }

    /** Whether Envoy recorded nothing ("No recorded values"). */
    public boolean empty() {
      return quantiles.isEmpty();
    }

    /** The cumulative value at {@code percent} (50 for P50), where it is a number. */
    public OptionalDouble cumulative(double percent) {
      for (Quantile q : quantiles) {
        if (q.percent() == percent) {
          return q.cumulative();
        }
      }
      return OptionalDouble.empty();
    }
  }

  /**
   * One quantile of a histogram.
   *
   * @param percent 0 to 100, e.g. 99.9
   * @param interval the value over the last flush interval; empty for {@code nan}
   * @param cumulative the value since Envoy started; empty for {@code nan}
   */
  public record Quantile(double percent, OptionalDouble interval, OptionalDouble cumulative) {}
}
