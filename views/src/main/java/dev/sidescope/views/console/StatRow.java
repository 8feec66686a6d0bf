package dev.sidescope.views.console;

import dev.sidescope.topology.model.proxy.StatSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A stat of the proxy in the Envoy tab's list: its name, its newest value written out, and its
 * recent values ready to draw as a small line — fractions of the drawing's width (oldest left) and
 * height (between the lowest and the highest value; a flat line sits in the middle).
 *
 * @param name the full stat name
 * @param latest the newest value, e.g. "1,204" or "0.25"; "–" when there is none
 * @param points one per poll, oldest first
 */
public record StatRow(String name, String latest, List<Sparkline.Point> points) {
  public StatRow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(latest, "latest");
    points = List.copyOf(points);
  }

  static StatRow of(StatSeries s) {
    List<Double> values = s.values();
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v)) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
    List<Sparkline.Point> points = new ArrayList<>(values.size());
    int last = values.size() - 1;
    for (int i = 0; i < values.size(); i++) {
      double v = values.get(i);
      if (!Double.isFinite(v)) {
        continue;
      }
      double x = last == 0 ? 1 : i / (double) last;
      double y = high > low ? (v - low) / (high - low) : 0.5;
      points.add(new Sparkline.Point(x, y));
    }
    String latest = values.isEmpty() ? "–" : Figures.stat(values.get(last));
    return new StatRow(s.name(), latest, points);
  }
}
