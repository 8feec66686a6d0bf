package dev.sidescope.collectors.xray.api;

import dev.sidescope.topology.model.traffic.TraceSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.xray.model.GetTraceSummariesResponse;

/**
 * {@code GetTraceSummaries} pages as {@link TraceSummary}s, and the two orders the trace list shows
 * them in. X-Ray's {@code Duration} and {@code ResponseTime} are seconds; a summary without a
 * {@code StartTime} starts when its trace id says (its second field is the epoch second, in hex).
 */
final class XRayTraceSummaries {
  private static final Pattern TRACE_ID = Pattern.compile("1-([0-9a-fA-F]{8})-[0-9a-fA-F]{24}");

  /** Slowest first: by duration, then by the entry service's response time, then by id. */
  static final Comparator<Found> SLOWEST_FIRST =
      Comparator.comparing((Found f) -> f.summary().duration())
          .thenComparingDouble(Found::responseSeconds)
          .reversed()
          .thenComparing(f -> f.summary().id());

  /** Newest first, then by id. */
  static final Comparator<Found> NEWEST_FIRST =
      Comparator.comparing((Found f) -> f.summary().start())
          .reversed()
          .thenComparing(f -> f.summary().id());

  private XRayTraceSummaries() {}

  /** A summary with the response time it is ordered by but does not carry. */
  record Found(TraceSummary summary, double responseSeconds) {}

  /**
   * The summaries of one page; those without an id are left out.
   *
   * @param windowStart when a summary starts that gives no start time and whose id says none
   */
  static List<Found> read(GetTraceSummariesResponse page, Instant windowStart) {
    List<Found> found = new ArrayList<>(page.traceSummaries().size());
    for (var s : page.traceSummaries()) {
      if (s.id() == null || s.id().isBlank()) {
        continue;
      }
      Instant start =
          Optional.ofNullable(s.startTime())
              .or(() -> startOf(s.id()))
              .or(() -> Optional.ofNullable(s.matchedEventTime()))
              .orElse(windowStart);
      Integer status = s.http() == null ? null : s.http().httpStatus();
      TraceSummary summary =
          new TraceSummary(
              s.id(),
              start,
              duration(s.duration()),
              Optional.ofNullable(s.entryPoint()).map(e -> e.name()).filter(n -> !n.isBlank()),
              status == null ? OptionalInt.empty() : OptionalInt.of(status),
              Boolean.TRUE.equals(s.hasFault()),
              Boolean.TRUE.equals(s.hasError()),
              Boolean.TRUE.equals(s.hasThrottle()));
      found.add(new Found(summary, seconds(s.responseTime())));
    }
    return found;
  }

  /** The epoch second a trace id carries: {@code 1-5759e988-...} started at 0x5759e988. */
  static Optional<Instant> startOf(String traceId) {
    Matcher m = TRACE_ID.matcher(traceId);
    return m.matches()
        ? Optional.of(Instant.ofEpochSecond(Long.parseLong(m.group(1), 16)))
        : Optional.empty();
  }

  private static Duration duration(Double seconds) {
    return Duration.ofNanos(Math.round(seconds(seconds) * 1e9));
  }

  private static double seconds(Double value) {
    return value == null || value.isNaN() || value.isInfinite() || value < 0 ? 0 : value;
  }
}
