package dev.sidescope.topology.model.traffic;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One whole trace, as its spans in waterfall order: each span followed by the spans under it, those
 * by start time.
 *
 * @param id the trace id
 * @param duration from the first span's start to the last one's end
 * @param spans every segment and subsegment, in waterfall order
 */
public record Trace(String id, Duration duration, List<TraceSpan> spans) {
  public Trace {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(duration, "duration");
    spans = List.copyOf(spans);
  }
}
