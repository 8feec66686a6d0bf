package dev.sidescope.collectors.logs;

import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState;
import dev.sidescope.topology.logs.LogStreamState.Phase;
import dev.sidescope.topology.source.LogTails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink of one open tail, as its source's threads use it: every call is made under one lock,
 * after checking that the tail is still open, so calls never overlap and none is made once {@link
 * #close()} or {@link #stop} has returned. A sink that throws is logged; the tail goes on. It
 * remembers which of the tail's streams have not finished, so that {@link #stop} can finish them.
 *
 * <p>Thread-safe: called from any of the source's threads and from the thread that closes the tail.
 */
public final class TailSink {
  private static final Logger LOG = LoggerFactory.getLogger(TailSink.class);

  private final LogTails.Sink sink;
  private final Object lock = new Object();
  private boolean closed;

  /** The tail's streams, in the order they became known, and whether each has finished. */
  private final Map<LogStream, Boolean> finished = new LinkedHashMap<>();

  public TailSink(LogTails.Sink sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /**
   * Makes a stream of this tail known before its first state, so that {@link #stop} finishes it.
   */
  public void expect(LogStream stream) {
    synchronized (lock) {
      finished.putIfAbsent(stream, false);
    }
  }

  /** Hands on a batch of lines, unless it is empty or the tail is closed. */
  public void lines(List<LogLine> lines) {
    if (lines.isEmpty()) {
      return;
    }
    synchronized (lock) {
      if (closed) {
        return;
      }
      try {
        sink.lines(lines);
      } catch (RuntimeException e) {
        LOG.warn("A log sink failed to take {} lines", lines.size(), e);
      }
    }
  }

  /** Hands on a stream's new state, unless the tail is closed. */
  public void state(LogStream stream, Phase phase, String sentence) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      LogStreamState state = LogStreamState.of(stream, phase, sentence);
      finished.merge(stream, state.finished(), Boolean::logicalOr);
      try {
        sink.state(state);
      } catch (RuntimeException e) {
        LOG.warn("A log sink failed to take the state of {}", stream.label(), e);
      }
    }
  }

  /**
   * Finishes every stream of the tail that has not finished, with {@link Phase#FAILED} and {@code
   * sentence}, then falls silent as {@link #close()} does: each such stream gets that state once,
   * and nothing comes after it.
   *
   * @return true the first time, false when it was closed already (and nothing is said)
   */
  public boolean stop(String sentence) {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      for (Map.Entry<LogStream, Boolean> e : finished.entrySet()) {
        if (!e.getValue()) {
          e.setValue(true);
          try {
            sink.state(LogStreamState.of(e.getKey(), Phase.FAILED, sentence));
          } catch (RuntimeException ex) {
            LOG.warn("A log sink failed to take the state of {}", e.getKey().label(), ex);
          }
        }
      }
      closed = true;
      return true;
    }
  }

  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /**
   * Falls silent: once this returns, the sink is never called again.
   *
   * @return true the first time, false when it was closed already
   */
  public boolean close() {
    synchronized (lock) {
      boolean first = !closed;
      closed = true;
      return first;
    }
  }
}
