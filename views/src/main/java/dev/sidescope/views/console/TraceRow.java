package dev.sidescope.views.console;

import dev.sidescope.topology.model.traffic.TraceSummary;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A row of the trace list: enough to choose a trace.
 *
 * @param id the trace id, opened by {@link TrafficViewModel#openTrace}
 * @param time when it started, "10:04:12" in the zone the console shows times in
 * @param duration "1.25 s"
 * @param entry the service that received it, or ""
 * @param status "503", "fault", "error", "throttled" or "" when all went well and no status is
 *     known
 * @param failed whether anything in it failed
 */
public record TraceRow(
    String id, String time, String duration, String entry, String status, boolean failed) {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  static TraceRow of(TraceSummary t, ZoneId zone) {
    List<String> flags = new ArrayList<>();
    if (t.httpStatus().isPresent()) {
      flags.add(Integer.toString(t.httpStatus().getAsInt()));
    }
    if (t.fault()) {
      flags.add("fault");
    }
    if (t.error() && !t.throttle()) {
      flags.add("error");
    }
    if (t.throttle()) {
      flags.add("throttled");
    }
    return new TraceRow(
        t.id(),
        TIME.format(t.start().atZone(zone)),
        Figures.ms(t.duration().toNanos() / 1e6),
        t.entry().orElse(""),
        String.join(" ", flags),
        t.failed());
  }
}
