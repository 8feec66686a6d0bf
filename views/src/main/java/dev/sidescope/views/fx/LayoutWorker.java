package dev.sidescope.views.fx;

import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.views.picture.IncrementalLayout;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.LiveRestyle;
import dev.sidescope.views.picture.PicturePalette;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Lays snapshots out on its own thread and hands the results to the FX thread. Latest wins and a
 * busy worker drops what it has not started: while one layout runs, newer snapshots replace each
 * other and only the newest is laid out next. The previous result is the worker's own state, so
 * each layout keeps unchanged nodes where they were. A snapshot that changed only numbers (the
 * arrows' traffic) is not laid out at all: it is shown on the previous picture's places ({@link
 * LiveRestyle}), which costs a few milliseconds where a layout of a large picture costs hundreds.
 *
 * <p>{@link #accept} and {@link #rearrange} may be called on any thread and never block; results
 * and failures reach the FX thread through {@link FxLatest}.
 */
public final class LayoutWorker implements Consumer<TopologySnapshot>, AutoCloseable {
  private final ExecutorService executor = WorkerThreads.single("sidescope-layout");
  private final IncrementalLayout layout = new IncrementalLayout();
  private final AtomicReference<TopologySnapshot> next = new AtomicReference<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean forceFull = new AtomicBoolean();
  private final FxLatest<LaidOutPicture> results;
  private final Prepared prepared;
  private final FxLatest<String> failures;
  private volatile TopologySnapshot last;
  private LaidOutPicture previous; // worker thread only
  private final AtomicLong layouts = new AtomicLong();
  private final AtomicLong restyles = new AtomicLong();

  LayoutWorker(
      PicturePalette palette,
      Consumer<LaidOutPicture> onFxThread,
      Consumer<String> failureOnFxThread) {
    this.prepared = new Prepared(palette);
    this.results = new FxLatest<>(onFxThread);
    this.failures = new FxLatest<>(failureOnFxThread);
  }

  @Override
  public void accept(TopologySnapshot snapshot) {
    next.set(snapshot);
    kick();
  }

  /** Lays the latest snapshot out afresh, forgetting where things were. */
  public void rearrange() {
    forceFull.set(true);
    TopologySnapshot s = last;
    if (s != null) {
      next.compareAndSet(null, s);
      kick();
    }
  }

  private void kick() {
    if (executor.isShutdown()) {
      return; // the window is closed; late snapshots are dropped
    }
    if (running.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
        running.set(false);
      }
    }
  }

  private void drain() {
    try {
      TopologySnapshot s;
      while ((s = next.getAndSet(null)) != null) {
        last = s;
        try {
          Optional<LaidOutPicture> restyled =
              previous == null || forceFull.get() ? Optional.empty() : LiveRestyle.of(previous, s);
          if (restyled.isPresent()) {
            restyles.incrementAndGet();
            prepared.restyle(previous, restyled.get());
            previous = restyled.get();
          } else {
            layouts.incrementAndGet();
            previous = layout.next(s, Optional.ofNullable(previous), forceFull.getAndSet(false));
            prepared.prepare(previous);
          }
          results.offer(previous);
        } catch (RuntimeException e) {
          failures.offer("The picture could not be laid out: " + e);
        }
      }
    } finally {
      running.set(false);
      // A snapshot that arrived between the last poll and the flag reset must not wait.
      if (next.get() != null) {
        kick();
      }
    }
  }

  /** Snapshots laid out so far, afresh or keeping what stayed where it was. */
  long layouts() {
    return layouts.get();
  }

  /** Snapshots shown on the previous picture's places so far: only their numbers changed. */
  long restyles() {
    return restyles.get();
  }

  /** The find index and findings rows of the pictures this worker hands over, worked out here. */
  Prepared prepared() {
    return prepared;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
