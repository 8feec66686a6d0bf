package dev.sidescope.collectors.xray.api;

import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.ResponseTimeBucket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.xray.model.EdgeStatistics;
import software.amazon.awssdk.services.xray.model.ErrorStatistics;
import software.amazon.awssdk.services.xray.model.FaultStatistics;
import software.amazon.awssdk.services.xray.model.HistogramEntry;
import software.amazon.awssdk.services.xray.model.ServiceStatistics;

/**
 * X-Ray's summary statistics and response-time histograms as {@link CallStats}: counts as X-Ray
 * gives them ({@code OkCount}, {@code ErrorStatistics.TotalCount} with its {@code ThrottleCount},
 * {@code FaultStatistics.TotalCount}), times from seconds to milliseconds. A missing figure counts
 * as zero; a histogram entry that is not a time is left out.
 */
final class XRayStatistics {
  private XRayStatistics() {}

  /** An edge's calls, or a time-series point's calls on an edge. */
  static CallStats of(EdgeStatistics s, List<HistogramEntry> histogram, Duration covered) {
    if (s == null) {
      return stats(0, null, null, 0, histogram, covered);
    }
    return stats(
        count(s.okCount()),
        s.errorStatistics(),
        s.faultStatistics(),
        seconds(s.totalResponseTime()),
        histogram,
        covered);
  }

  /** A service's calls, or a time-series point's calls of a service. */
  static CallStats of(ServiceStatistics s, List<HistogramEntry> histogram, Duration covered) {
    if (s == null) {
      return stats(0, null, null, 0, histogram, covered);
    }
    return stats(
        count(s.okCount()),
        s.errorStatistics(),
        s.faultStatistics(),
        seconds(s.totalResponseTime()),
        histogram,
        covered);
  }

  private static CallStats stats(
      long ok,
      ErrorStatistics errors,
      FaultStatistics faults,
      double totalResponseSeconds,
      List<HistogramEntry> histogram,
      Duration covered) {
    return CallStats.fromHistogram(
        ok,
        errors == null ? 0 : count(errors.totalCount()),
        faults == null ? 0 : count(faults.totalCount()),
        errors == null ? 0 : count(errors.throttleCount()),
        totalResponseSeconds * 1000,
        covered,
        bars(histogram));
  }

  /** Histogram entries (value in seconds) as bars in milliseconds. */
  static List<ResponseTimeBucket> bars(List<HistogramEntry> histogram) {
    List<ResponseTimeBucket> bars = new ArrayList<>(histogram == null ? 0 : histogram.size());
    if (histogram != null) {
      for (HistogramEntry e : histogram) {
        Double value = e.value();
        Integer count = e.count();
        if (value != null && value >= 0 && !value.isInfinite() && count != null && count > 0) {
          bars.add(new ResponseTimeBucket(value * 1000, count));
        }
      }
    }
    return bars;
  }

  private static long count(Long value) {
    return value == null || value < 0 ? 0 : value;
  }

  private static double seconds(Double value) {
    return value == null || value.isNaN() || value < 0 || value.isInfinite() ? 0 : value;
  }
}
