package dev.sidescope.views.console;

import dev.sidescope.topology.model.traffic.CallStats;
import dev.sidescope.topology.model.traffic.ResponseTimeBucket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the Traffic tab says about one service or call over the tracing window, written out: the
 * request counts by outcome, the rate, the percentiles and the response-time histogram as bars.
 *
 * @param summary "1,234 requests in 5 min · 4.1 rps · 0.4 % failed"
 * @param p50 "41 ms", or "–" when nothing was timed
 * @param bars the histogram, by increasing time, at most {@link #MAX_BARS}
 * @param shortest the time of the first bar, "–" with no bars
 * @param longest the time of the last bar
 */
public record TrafficFigures(
    String summary,
    long requests,
    long ok,
    long errors,
    long faults,
    long throttles,
    String rps,
    String p50,
    String p90,
    String p99,
    List<Bar> bars,
    String shortest,
    String longest) {

  /** More bars than this are drawn as this many, on a logarithmic time scale. */
  public static final int MAX_BARS = 24;

  public TrafficFigures {
    Objects.requireNonNull(summary, "summary");
    bars = List.copyOf(bars);
  }

  /**
   * One bar of the histogram.
   *
   * @param label the bar's time, "≤ 120 ms" for a bar that stands for several
   * @param count the requests in it
   * @param height the count as a fraction of the tallest bar's, 0 to 1
   */
  public record Bar(String label, long count, double height) {}

  static TrafficFigures of(CallStats stats) {
    String rps = stats.rps().isPresent() ? Figures.rps(stats.rps().getAsDouble()) : "–";
    StringBuilder summary =
        new StringBuilder(Figures.count(stats.requests()))
            .append(stats.requests() == 1 ? " request in " : " requests in ")
            .append(Figures.window(stats.covered()));
    if (stats.rps().isPresent()) {
      summary.append(" · ").append(rps);
    }
    stats
        .errorRate()
        .ifPresent(r -> summary.append(" · ").append(Figures.percent(r)).append(" failed"));
    List<Bar> bars = bars(stats.histogram());
    return new TrafficFigures(
        summary.toString(),
        stats.requests(),
        stats.ok(),
        stats.errors(),
        stats.faults(),
        stats.throttles(),
        rps,
        stats.p50Ms().isPresent() ? Figures.ms(stats.p50Ms().getAsDouble()) : "–",
        stats.p90Ms().isPresent() ? Figures.ms(stats.p90Ms().getAsDouble()) : "–",
        stats.p99Ms().isPresent() ? Figures.ms(stats.p99Ms().getAsDouble()) : "–",
        bars,
        stats.histogram().isEmpty() ? "–" : Figures.ms(stats.histogram().get(0).ms()),
        stats.histogram().isEmpty()
            ? "–"
            : Figures.ms(stats.histogram().get(stats.histogram().size() - 1).ms()));
  }

  /**
   * The histogram's bars as drawn: as they are when there are few; else binned between the shortest
   * and the longest time on a logarithmic scale, since response times have a long tail.
   */
  static List<Bar> bars(List<ResponseTimeBucket> histogram) {
    if (histogram.isEmpty()) {
      return List.of();
    }
    List<String> labels = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    if (histogram.size() <= MAX_BARS) {
      for (ResponseTimeBucket b : histogram) {
        labels.add(Figures.ms(b.ms()));
        counts.add(b.count());
      }
    } else {
      double low = Math.max(0.1, histogram.get(0).ms());
      double high = Math.max(low * 1.0001, histogram.get(histogram.size() - 1).ms());
      double step = Math.log(high / low) / MAX_BARS;
      long[] binned = new long[MAX_BARS];
      for (ResponseTimeBucket b : histogram) {
        int i = (int) Math.floor(Math.log(Math.max(low, b.ms()) / low) / step);
        binned[Math.min(MAX_BARS - 1, Math.max(0, i))] += b.count();
      }
      for (int i = 0; i < MAX_BARS; i++) {
        labels.add("≤ " + Figures.ms(low * Math.exp(step * (i + 1))));
        counts.add(binned[i]);
      }
    }
    long tallest = counts.stream().mapToLong(Long::longValue).max().orElse(0);
    List<Bar> bars = new ArrayList<>(counts.size());
    for (int i = 0; i < counts.size(); i++) {
      long c = counts.get(i);
      bars.add(new Bar(labels.get(i), c, tallest == 0 ? 0 : (double) c / tallest));
    }
    return List.copyOf(bars);
  }
}
