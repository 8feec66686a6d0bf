package dev.sidescope.views.console;

import dev.sidescope.topology.model.traffic.TimePoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * A small line of one figure over the last half hour, period by period, ready to draw: points are
 * fractions of the drawing's width (time, oldest left) and height (the value over the peak, zero at
 * the bottom).
 *
 * @param title "p99" or "requests / min"
 * @param points by increasing time; a period without the figure (nothing timed) has no point
 * @param latest the last period's value, written out; "–" when there is none
 * @param peak the highest value, written out; "–" when there is none
 */
public record Sparkline(String title, List<Point> points, String latest, String peak) {
  public Sparkline {
    points = List.copyOf(points);
  }

  /** A point of the line: {@code x} and {@code y} between 0 and 1, {@code y} up. */
  public record Point(double x, double y) {}

  /** The span the sparklines cover. */
  public static final Duration SPAN = Duration.ofMinutes(30);

  /** p99 period by period. */
  static Sparkline p99(List<TimePoint> series, Instant now) {
    return of("p99", series, now, t -> t.stats().p99Ms(), Figures::ms);
  }

  /** Requests period by period, per minute whatever the source's period. */
  static Sparkline requests(List<TimePoint> series, Instant now) {
    return of(
        "requests / min",
        series,
        now,
        t -> {
          double minutes = t.period().toMillis() / 60_000.0;
          return minutes > 0
              ? OptionalDouble.of(t.stats().requests() / minutes)
              : OptionalDouble.empty();
        },
        v ->
            v < 10
                ? String.format(java.util.Locale.ROOT, "%.1f", v)
                : Figures.count(Math.round(v)));
  }

  /**
   * Each point at the middle of its period, across the {@link #SPAN} that ends {@code now}; points
   * outside it are left out.
   */
  static Sparkline of(
      String title,
      List<TimePoint> series,
      Instant now,
      Function<TimePoint, OptionalDouble> value,
      Function<Double, String> write) {
    Instant from = now.minus(SPAN);
    double span = SPAN.toMillis();
    List<double[]> raw = new ArrayList<>();
    double peak = 0;
    for (TimePoint t : series) {
      Instant middle = t.start().plus(t.period().dividedBy(2));
      if (middle.isBefore(from) || middle.isAfter(now)) {
        continue;
      }
      OptionalDouble v = value.apply(t);
      if (v.isEmpty()) {
        continue;
      }
      raw.add(new double[] {Duration.between(from, middle).toMillis() / span, v.getAsDouble()});
      peak = Math.max(peak, v.getAsDouble());
    }
    List<Point> points = new ArrayList<>(raw.size());
    for (double[] r : raw) {
      points.add(new Point(r[0], peak > 0 ? r[1] / peak : 0));
    }
    String latest = raw.isEmpty() ? "–" : write.apply(raw.get(raw.size() - 1)[1]);
    return new Sparkline(title, points, latest, raw.isEmpty() ? "–" : write.apply(peak));
  }
}
