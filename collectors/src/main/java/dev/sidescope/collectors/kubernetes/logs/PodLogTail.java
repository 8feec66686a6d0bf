package dev.sidescope.collectors.kubernetes.logs;

import dev.sidescope.collectors.logs.TailSink;
import dev.sidescope.topology.source.LogTails;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * One open tail of {@link PodLogTails}: the readers of its containers and the sink they share.
 *
 * <p>The readers call the sink through one {@link TailSink}: calls never overlap and none is made
 * once {@link #close()} has returned. {@link #close()} aborts each reader's request and interrupts
 * its thread; it does not wait for them.
 */
final class PodLogTail implements LogTails.Tail {
  private final TailSink sink;
  private final Runnable onClose;
  private final Object lock = new Object();
  private final List<ContainerLogReader> readers = new ArrayList<>();
  private final List<Future<?>> running = new ArrayList<>();

  PodLogTail(LogTails.Sink sink, Runnable onClose) {
    this.sink = new TailSink(sink);
    this.onClose = onClose;
  }

  /** Keeps track of a reader started on {@code future}, to stop it on close. */
  void started(ContainerLogReader reader, Future<?> future) {
    boolean stopNow;
    synchronized (lock) {
      readers.add(reader);
      running.add(future);
      stopNow = sink.isClosed();
    }
    if (stopNow) {
      reader.abort();
      future.cancel(true);
    }
  }

  /** Where the readers send lines and states. */
  TailSink sink() {
    return sink;
  }

  @Override
  public void close() {
    if (sink.close()) {
      release();
    }
  }

  /**
   * Closes the tail because its source stops: each stream that has not finished is told so first,
   * with {@link dev.sidescope.topology.logs.LogStreamState.Phase#FAILED} and {@code sentence}.
   */
  void stop(String sentence) {
    if (sink.stop(sentence)) {
      release();
    }
  }

  private void release() {
    List<ContainerLogReader> toAbort;
    List<Future<?>> toCancel;
    synchronized (lock) {
      toAbort = List.copyOf(readers);
      toCancel = List.copyOf(running);
    }
    toAbort.forEach(ContainerLogReader::abort);
    toCancel.forEach(f -> f.cancel(true));
    onClose.run();
  }
}
