package dev.sidescope.views.fx;

import dev.sidescope.views.console.Sparkline;
import dev.sidescope.views.console.TrafficFigures;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;

/** The Traffic tab's small charts, drawn from the view model's fractions. FX thread only. */
final class TrafficCharts {
  private TrafficCharts() {}

  /** The response-time histogram: one bar per {@link TrafficFigures.Bar}, bars kept and reused. */
  static final class Histogram extends Region {
    private final List<Rectangle> rects = new ArrayList<>();
    private List<TrafficFigures.Bar> bars = List.of();

    Histogram() {
      setId("traffic-histogram");
      setMinHeight(70);
      setPrefHeight(70);
      getStyleClass().add("traffic-histogram");
    }

    void show(List<TrafficFigures.Bar> newBars) {
      if (newBars.equals(bars)) {
        return;
      }
      bars = newBars;
      while (rects.size() < bars.size()) {
        Rectangle r = new Rectangle();
        r.setStyle("-fx-fill: -color-accent-emphasis;");
        rects.add(r);
        getChildren().add(r);
      }
      while (rects.size() > bars.size()) {
        getChildren().remove(rects.remove(rects.size() - 1));
      }
      for (int i = 0; i < bars.size(); i++) {
        TrafficFigures.Bar b = bars.get(i);
        Tooltip.install(rects.get(i), new Tooltip(b.label() + ": " + b.count()));
      }
      requestLayout();
    }

    List<TrafficFigures.Bar> bars() {
      return bars;
    }

    @Override
    protected void layoutChildren() {
      double w = getWidth();
      double h = getHeight();
      int n = rects.size();
      if (n == 0) {
        return;
      }
      double slot = w / n;
      double gap = Math.min(3, slot * 0.2);
      for (int i = 0; i < n; i++) {
        double bh = bars.get(i).count() > 0 ? Math.max(2, bars.get(i).height() * (h - 2)) : 0;
        Rectangle r = rects.get(i);
        r.setX(i * slot + gap / 2);
        r.setWidth(Math.max(1, slot - gap));
        r.setY(h - bh);
        r.setHeight(bh);
      }
    }
  }

  /** A sparkline: a line through the points and a dot on the last one. */
  static final class Line extends Region {
    private final Polyline line = new Polyline();
    private final Circle last = new Circle(2.5);
    private List<Sparkline.Point> points = List.of();

    Line() {
      setMinHeight(34);
      setPrefHeight(34);
      line.setStyle("-fx-stroke: -color-accent-emphasis; -fx-stroke-width: 1.5;");
      last.setStyle("-fx-fill: -color-accent-emphasis;");
      setStyle(
          "-fx-border-color: transparent transparent -color-border-muted transparent;"
              + " -fx-border-width: 0 0 1 0;");
      getChildren().addAll(line, last);
    }

    void show(List<Sparkline.Point> newPoints) {
      if (!newPoints.equals(points)) {
        points = newPoints;
        requestLayout();
      }
    }

    List<Sparkline.Point> points() {
      return points;
    }

    @Override
    protected void layoutChildren() {
      double w = getWidth();
      double h = getHeight() - 4;
      List<Double> xy = new ArrayList<>(points.size() * 2);
      for (Sparkline.Point p : points) {
        xy.add(p.x() * w);
        xy.add(2 + (1 - p.y()) * h);
      }
      line.getPoints().setAll(xy);
      last.setVisible(!points.isEmpty());
      if (!points.isEmpty()) {
        last.setCenterX(xy.get(xy.size() - 2));
        last.setCenterY(xy.get(xy.size() - 1));
      }
    }
  }

  /** A span's bar in the waterfall: where it starts and how wide, as fractions of the row. */
  static final class SpanBar extends Region {
    private final Rectangle bar = new Rectangle();
    private double left;
    private double width;

    SpanBar() {
      setMinWidth(40);
      setPrefWidth(40);
      getChildren().add(bar);
    }

    void show(double newLeft, double newWidth, String colour) {
      left = newLeft;
      width = newWidth;
      bar.setStyle("-fx-fill: " + colour + ";");
      requestLayout();
    }

    @Override
    protected void layoutChildren() {
      double w = getWidth();
      bar.setX(left * w);
      bar.setWidth(Math.max(2, width * w));
      bar.setY(1);
      bar.setHeight(Math.max(2, getHeight() - 2));
    }
  }
}
