package dev.sidescope.views.console;

import dev.sidescope.topology.model.traffic.Trace;
import dev.sidescope.topology.model.traffic.TraceSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One trace as the waterfall draws it: a row per segment and subsegment, in the trace's order, each
 * with where its bar starts and how wide it is as fractions of the whole trace.
 *
 * @param traceId the trace's id
 * @param title "412 ms · 14 spans"
 * @param rows one per span, in waterfall order (each span followed by those under it)
 */
public record Waterfall(String traceId, String title, List<Row> rows) {
  public Waterfall {
    rows = List.copyOf(rows);
  }

  /**
   * One span.
   *
   * @param offsetMs from the trace's start to the span's
   * @param durationMs how long it took; empty while in progress
   * @param left where its bar starts, a fraction of the trace (0 at the trace's start)
   * @param width its bar's width, a fraction of the trace; an unfinished span reaches the end
   * @param offset "+12 ms"
   * @param duration "41 ms", or "in progress"
   * @param status "200", "" when it records none
   * @param details what Enter shows: kind, namespace, timings, flags, annotations ("key = value")
   */
  public record Row(
      String spanId,
      String name,
      int depth,
      boolean segment,
      double offsetMs,
      OptionalDouble durationMs,
      double left,
      double width,
      String offset,
      String duration,
      String status,
      boolean fault,
      boolean error,
      boolean throttle,
      List<String> details) {
    public Row {
      details = List.copyOf(details);
    }

    /** Whether anything in the span failed. */
    public boolean failed() {
      return fault || error || throttle;
    }

    /** "fault", "error", "throttled", or "". */
    public String flags() {
      List<String> f = new ArrayList<>();
      if (fault) {
        f.add("fault");
      }
      if (error && !throttle) {
        f.add("error");
      }
      if (throttle) {
        f.add("throttled");
      }
      return String.join(" ", f);
    }
  }

  static Waterfall of(Trace trace) {
    List<TraceSpan> spans = trace.spans();
    Instant origin = spans.stream().map(TraceSpan::start).min(Instant::compareTo).orElse(null);
    double total = trace.duration().toNanos() / 1e6;
    if (origin != null) {
      for (TraceSpan s : spans) {
        Optional<Instant> end = s.end();
        if (end.isPresent()) {
          total = Math.max(total, millis(origin, end.get()));
        }
        total = Math.max(total, millis(origin, s.start()));
      }
    }
    List<Row> rows = new ArrayList<>(spans.size());
    for (TraceSpan s : spans) {
      double offset = millis(origin, s.start());
      OptionalDouble duration =
          s.end().isPresent()
              ? OptionalDouble.of(Math.max(0, millis(s.start(), s.end().get())))
              : OptionalDouble.empty();
      double left = total > 0 ? Math.min(1, offset / total) : 0;
      double width =
          duration.isPresent()
              ? (total > 0 ? duration.getAsDouble() / total : 1)
              : 1 - left; // still running: to the end of what is known
      width = Math.max(0, Math.min(width, 1 - left));
      rows.add(
          new Row(
              s.id(),
              s.name(),
              s.depth(),
              s.segment(),
              offset,
              duration,
              left,
              width,
              "+" + Figures.ms(offset),
              duration.isPresent() ? Figures.ms(duration.getAsDouble()) : "in progress",
              s.httpStatus().isPresent() ? Integer.toString(s.httpStatus().getAsInt()) : "",
              s.fault(),
              s.error(),
              s.throttle(),
              details(s, offset, duration)));
    }
    String title =
        Figures.ms(total) + " · " + spans.size() + (spans.size() == 1 ? " span" : " spans");
    return new Waterfall(trace.id(), title, rows);
  }

  private static List<String> details(TraceSpan s, double offset, OptionalDouble duration) {
    List<String> d = new ArrayList<>();
    d.add(
        (s.segment() ? "segment" : "subsegment")
            + s.namespace().map(n -> " · " + n).orElse("")
            + " · id "
            + s.id());
    d.add(
        "starts at +"
            + Figures.ms(offset)
            + (duration.isPresent()
                ? ", takes " + Figures.ms(duration.getAsDouble())
                : ", still running"));
    List<String> outcome = new ArrayList<>();
    s.httpStatus().ifPresent(st -> outcome.add("HTTP " + st));
    if (s.fault()) {
      outcome.add("fault");
    }
    if (s.error()) {
      outcome.add("error");
    }
    if (s.throttle()) {
      outcome.add("throttled");
    }
    if (!outcome.isEmpty()) {
      d.add(String.join(" · ", outcome));
    }
    Map<String, String> sorted = new TreeMap<>(s.annotations());
    sorted.forEach((k, v) -> d.add(k + " = " + v));
    return d;
  }

  private static double millis(Instant from, Instant to) {
    return from == null ? 0 : Duration.between(from, to).toNanos() / 1e6;
  }
}
