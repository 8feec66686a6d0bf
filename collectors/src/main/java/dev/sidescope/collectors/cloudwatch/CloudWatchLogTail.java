package dev.sidescope.collectors.cloudwatch;

import dev.sidescope.collectors.logs.TailSink;
import dev.sidescope.topology.source.LogTails;
import java.util.List;

/**
 * One open tail of {@link CloudWatchLogTails}: its streams' pollers and the sink they share. Once
 * {@link #close()} returns the sink is never called again; no further request is scheduled, and a
 * request already under way is not waited for.
 */
final class CloudWatchLogTail implements LogTails.Tail {
  private final TailSink sink;
  private final List<StreamPoller> pollers;
  private final Runnable onClose;

  CloudWatchLogTail(TailSink sink, List<StreamPoller> pollers, Runnable onClose) {
    this.sink = sink;
    this.pollers = List.copyOf(pollers);
    this.onClose = onClose;
  }

  @Override
  public void close() {
    if (sink.close()) {
      pollers.forEach(StreamPoller::stop);
      onClose.run();
    }
  }

  /**
   * Closes the tail because its source stops: each stream that has not finished is told so first,
   * with {@link dev.sidescope.topology.logs.LogStreamState.Phase#FAILED} and {@code sentence}.
   */
  void stop(String sentence) {
    if (sink.stop(sentence)) {
      pollers.forEach(StreamPoller::stop);
      onClose.run();
    }
  }
}
