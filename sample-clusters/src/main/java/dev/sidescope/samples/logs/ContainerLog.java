package dev.sidescope.samples.logs;

import dev.sidescope.samples.logs.LoggedContainer.Run;
import dev.sidescope.samples.logs.RecentRequests.Seen;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The log of one container: its own lines (see {@link OwnLines}) merged with a line for each
 * request its replica passed (see {@link TrafficLines}), made when read. Any range can be read on
 * its own, and adjacent ranges meet without a gap or a line twice: a followed log reads {@code
 * (last read, now]} each time.
 *
 * <p>History reaches back {@link #RETAINED} at most, as far as the traffic's requests are kept
 * (fewer for a workload so busy that its window fills first).
 *
 * <p>Immutable; thread-safe.
 */
public final class ContainerLog {
  /** How far back a log can be read. */
  public static final Duration RETAINED = RecentRequests.RETAINED;

  /** The longest a request is taken to last: its line is looked for among requests this old. */
  private static final Duration LONGEST_REQUEST = Duration.ofMinutes(1);

  private static final Comparator<LogLine> WRITTEN = Comparator.comparing(LogLine::at);

  private final LoggedContainer container;
  private final Optional<RecentRequests> recent;
  private final Supplier<Instant> now;
  private final OwnLines own;
  private final TrafficLines traffic;

  ContainerLog(LoggedContainer container, Optional<RecentRequests> recent, Supplier<Instant> now) {
    this.container = container;
    this.recent = recent;
    this.now = now;
    this.own = new OwnLines(container);
    this.traffic = new TrafficLines(container);
  }

  /** How far the log goes now. */
  public Instant now() {
    return now.get();
  }

  /**
   * When the current run ended: a crash-looping container's log is its last attempt's, which a
   * followed log reaches the end of. Empty while it runs.
   */
  public Optional<Instant> endedAt() {
    return container.endedAt();
  }

  /** The current run's lines written in {@code (after, upTo]}, oldest first. */
  public List<LogLine> between(Instant after, Instant upTo) {
    if (container.endedAt().isPresent()) {
      return run(new Run(container.startedAt(), container.endedAt().get())).stream()
          .filter(l -> l.at().isAfter(after) && !l.at().isAfter(upTo))
          .toList();
    }
    Instant start = container.startedAt();
    Instant from = after.isBefore(start) ? start.minusNanos(1) : after;
    List<LogLine> lines = new ArrayList<>(own.between(start, from, upTo));
    if (container.replica().isPresent() && recent.isPresent()) {
      List<Seen> seen =
          recent
              .get()
              .of(
                  container.service(),
                  container.replica().getAsInt(),
                  from.minus(LONGEST_REQUEST),
                  upTo);
      for (Seen s : seen) {
        traffic
            .line(s)
            .filter(l -> l.at().isAfter(from) && !l.at().isAfter(upTo))
            .ifPresent(lines::add);
      }
    }
    lines.sort(WRITTEN);
    return lines;
  }

  /**
   * Every line of the current run that can still be read, up to {@code upTo}: all of a run that has
   * ended, as the kubelet keeps its file whole.
   */
  public List<LogLine> history(Instant upTo) {
    Instant from = upTo.minus(RETAINED);
    if (container.endedAt().isPresent() && container.startedAt().isBefore(from)) {
      from = container.startedAt().minusNanos(1);
    }
    return between(from, upTo);
  }

  /**
   * The previous run, which crashed: its start-up lines, its own lines while it ran, and the crash
   * it ended with. Empty when the container never restarted.
   */
  public Optional<List<LogLine>> previousRun() {
    return container.previousRun().map(this::run);
  }

  private List<LogLine> run(Run run) {
    Instant end = run.finishedAt();
    List<LogLine> startup = own.startup(run.startedAt());
    List<LogLine> lines =
        new ArrayList<>(
            startup.subList(0, CrashLines.startupLinesBefore(container.format(), startup.size())));
    // Its own lines while it ran, after its start-up lines.
    for (LogLine line : own.between(run.startedAt(), run.startedAt().minusNanos(1), end)) {
      if (!startup.contains(line) && line.at().isBefore(end)) {
        lines.add(line);
      }
    }
    for (String text : CrashLines.of(container, own, end)) {
      lines.add(new LogLine(end, text));
    }
    return lines;
  }
}
