package dev.sidescope.views.inspect;

import dev.sidescope.topology.model.Edge;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.model.Evidence;
import dev.sidescope.topology.model.proxy.UpstreamHealth;
import dev.sidescope.topology.picture.PictureRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * An arrow's figures as the inspector writes them, each with the source that measured it: one line
 * per figure where two sources measured it ("rps 24.8 (Envoy) · 25.1 (X-Ray)"), one line of all
 * figures where one did ("24.8 rps · p50 41 · p99 182 ms (Envoy)"), and what only the calling proxy
 * knows of the upstream ("hosts 2/3 healthy · 1 ejected · 4 connections · 0.2 retries/s · 1 circuit
 * breaker open"). Pure.
 */
public final class EdgeFigures {
  private EdgeFigures() {}

  /** The lines for an edge; empty when nothing measured it. */
  public static List<String> lines(Edge edge) {
    List<String> lines = new ArrayList<>();
    Map<Evidence, EdgeMetrics> by = edge.measuredBy();
    if (by.isEmpty()) {
      PictureRenderer.metricsLine(edge.metrics()).ifPresent(lines::add);
    } else if (by.size() == 1) {
      Map.Entry<Evidence, EdgeMetrics> only = by.entrySet().iterator().next();
      PictureRenderer.metricsLine(only.getValue())
          .ifPresent(m -> lines.add(m + " (" + source(only.getKey()) + ")"));
    } else {
      figure(lines, by, "rps", EdgeMetrics::rps, EdgeFigures::rate);
      figure(lines, by, "p50", EdgeMetrics::p50Ms, v -> millis(v) + " ms");
      figure(lines, by, "p99", EdgeMetrics::p99Ms, v -> millis(v) + " ms");
      figure(lines, by, "errors", EdgeMetrics::errorRate, EdgeFigures::percent);
    }
    edge.upstream().ifPresent(h -> lines.add(upstream(h)));
    return lines;
  }

  /** "hosts 2/3 healthy · 1 ejected · 4 connections · 0.2 retries/s · 1 circuit breaker open". */
  public static String upstream(UpstreamHealth h) {
    List<String> parts = new ArrayList<>();
    parts.add("hosts " + h.healthyHosts() + "/" + h.totalHosts() + " healthy");
    if (h.ejectedHosts() > 0) {
      parts.add(h.ejectedHosts() + " ejected");
    }
    parts.add(
        h.activeConnections() + (h.activeConnections() == 1 ? " connection" : " connections"));
    parts.add(rate(h.retriesPerSecond()) + " retries/s");
    if (h.openCircuitBreakers() > 0) {
      parts.add(
          h.openCircuitBreakers()
              + (h.openCircuitBreakers() == 1
                  ? " circuit breaker open"
                  : " circuit breakers open"));
    }
    return String.join(" · ", parts);
  }

  /** How the inspector names a measuring source. */
  public static String source(Evidence e) {
    return switch (e) {
      case ENVOY -> "Envoy";
      case XRAY -> "X-Ray";
      case KUBERNETES -> "Kubernetes";
      case ECS -> "ECS";
      case MANIFEST -> "manifest";
    };
  }

  /**
   * One figure, source by source (in the order of {@link Evidence}); left out where none has it.
   */
  private static void figure(
      List<String> lines,
      Map<Evidence, EdgeMetrics> by,
      String name,
      Function<EdgeMetrics, OptionalDouble> figure,
      DoubleFunction<String> write) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<Evidence, EdgeMetrics> e : by.entrySet()) {
      OptionalDouble v = figure.apply(e.getValue());
      if (v.isPresent()) {
        parts.add(write.apply(v.getAsDouble()) + " (" + source(e.getKey()) + ")");
      }
    }
    if (!parts.isEmpty()) {
      lines.add(name + " " + String.join(" · ", parts));
    }
  }

  /** "0", "0.2", "24.8", "1,250". */
  private static String rate(double v) {
    if (v == 0) {
      return "0";
    }
    return v < 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%,.0f", v);
  }

  /** Whole milliseconds from 10 ms up, one decimal below, as the picture writes them. */
  private static String millis(double v) {
    return v >= 10 ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.1f", v);
  }

  /** "0 %", "0.4 %", "12 %". */
  private static String percent(double fraction) {
    double p = fraction * 100;
    if (p == 0) {
      return "0%";
    }
    return p < 10
        ? String.format(Locale.ROOT, "%.1f%%", p)
        : String.format(Locale.ROOT, "%.0f%%", p);
  }
}
