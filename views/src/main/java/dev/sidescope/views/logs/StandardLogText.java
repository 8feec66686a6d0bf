package dev.sidescope.views.logs;

import dev.sidescope.topology.logs.FloodGate;
import dev.sidescope.topology.logs.LogFormats;
import dev.sidescope.topology.logs.LogLevel;
import dev.sidescope.topology.logs.LogMask;
import dev.sidescope.topology.logs.ParsedLog;
import java.util.Optional;

/**
 * {@link LogText} by the model's rules: {@link LogMask} masks, {@link LogFormats} reads, and each
 * stream gets a {@link FloodGate} of {@link FloodGate#DEFAULT_LINES_PER_SECOND}.
 */
final class StandardLogText implements LogText {
  @Override
  public String mask(String text) {
    return LogMask.mask(text);
  }

  @Override
  public LineFacts read(String text) {
    ParsedLog p = LogFormats.read(text);
    boolean serverError =
        p.status().isPresent() && p.status().getAsInt() >= 500 && p.status().getAsInt() < 600;
    return new LineFacts(
        p.format(),
        p.level().map(StandardLogText::tone).orElse(LineTone.PLAIN),
        p.fields(),
        p.traceId(),
        p.status(),
        serverError);
  }

  static LineTone tone(LogLevel level) {
    return switch (level) {
      case TRACE, DEBUG -> LineTone.DIM;
      case INFO -> LineTone.PLAIN;
      case WARN -> LineTone.WARN;
      case ERROR, FATAL -> LineTone.ERROR;
    };
  }

  @Override
  public Admission gate() {
    FloodGate gate = new FloodGate(FloodGate.DEFAULT_LINES_PER_SECOND);
    return new Admission() {
      @Override
      public boolean admit(long nanoTime) {
        return gate.admit(nanoTime);
      }

      @Override
      public long dropped() {
        return gate.dropped();
      }

      @Override
      public Optional<String> takeNote(long nanoTime) {
        return gate.takeNote(nanoTime).map(n -> "… " + n + " …");
      }
    };
  }
}
