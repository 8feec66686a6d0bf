package dev.sidescope.collectors.kubernetes.logs;

import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import dev.sidescope.topology.logs.LogStreamState;
import dev.sidescope.topology.logs.LogStreamState.Phase;
import dev.sidescope.topology.source.LogTails;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open tail of {@link PodLogTails}: the readers of its containers and the sink they share.
 *
 * <p>Every call to the sink is made under one lock, after checking that the tail is still open, so
 * calls never overlap and none is made once {@link #close()} has returned. {@link #close()} aborts
 * each reader's request and interrupts its thread; it does not wait for them.
 */
final class PodLogTail implements LogTails.Tail {
  private static final Logger LOG = LoggerFactory.getLogger(PodLogTail.class);

  private final LogTails.Sink sink;
  private final Runnable onClose;
  private final Object lock = new Object();
  private final List<ContainerLogReader> readers = new ArrayList<>();
  private final List<Future<?>> running = new ArrayList<>();
  private boolean closed;

  PodLogTail(LogTails.Sink sink, Runnable onClose) {
    this.sink = sink;
    this.onClose = onClose;
  }

  /** Keeps track of a reader started on {@code future}, to stop it on close. */
  void started(ContainerLogReader reader, Future<?> future) {
    boolean stopNow;
    synchronized (lock) {
      stopNow = closed;
      readers.add(reader);
      running.add(future);
    }
    if (stopNow) {
      reader.abort();
      future.cancel(true);
    }
  }

  boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  void lines(List<LogLine> lines) {
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

  void state(LogStream stream, Phase phase, String sentence) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      try {
        sink.state(LogStreamState.of(stream, phase, sentence));
      } catch (RuntimeException e) {
        LOG.warn("A log sink failed to take the state of {}", stream.label(), e);
      }
    }
  }

  @Override
  public void close() {
    List<ContainerLogReader> toAbort;
    List<Future<?>> toCancel;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      toAbort = List.copyOf(readers);
      toCancel = List.copyOf(running);
    }
    toAbort.forEach(ContainerLogReader::abort);
    toCancel.forEach(f -> f.cancel(true));
    onClose.run();
  }
}
