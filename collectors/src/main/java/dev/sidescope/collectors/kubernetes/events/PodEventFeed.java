package dev.sidescope.collectors.kubernetes.events;

import dev.sidescope.collectors.events.FeedSink;
import dev.sidescope.topology.source.EventFeeds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * One open feed of {@link PodEventFeeds}: the readers of its namespaces and the sink they share.
 * {@link #close()} stops each reader's watches and interrupts its thread; it does not wait for
 * them, and the sink hears nothing once it has returned.
 */
final class PodEventFeed implements EventFeeds.Feed {
  private final FeedSink sink;
  private final Runnable onClose;
  private final Object lock = new Object();
  private final List<NamespaceEventReader> readers = new ArrayList<>();
  private final List<Future<?>> running = new ArrayList<>();

  PodEventFeed(FeedSink sink, Runnable onClose) {
    this.sink = sink;
    this.onClose = onClose;
  }

  FeedSink sink() {
    return sink;
  }

  /** Keeps track of a reader started on {@code future}, to stop it on close. */
  void started(NamespaceEventReader reader, Future<?> future) {
    boolean stopNow;
    synchronized (lock) {
      readers.add(reader);
      running.add(future);
      stopNow = sink.isClosed();
    }
    if (stopNow) {
      reader.stop();
      future.cancel(true);
    }
  }

  @Override
  public void close() {
    if (sink.close()) {
      release();
    }
  }

  /** Closes the feed because its source stops; each workload not gone is told so first. */
  void stop(String sentence) {
    if (sink.stop(sentence)) {
      release();
    }
  }

  private void release() {
    List<NamespaceEventReader> toStop;
    List<Future<?>> toCancel;
    synchronized (lock) {
      toStop = List.copyOf(readers);
      toCancel = List.copyOf(running);
    }
    toStop.forEach(NamespaceEventReader::stop);
    toCancel.forEach(f -> f.cancel(true));
    onClose.run();
  }
}
