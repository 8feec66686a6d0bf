package dev.sidescope.views.fx;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The console's threads off the FX thread: one each, named, never keeping the app alive. */
final class WorkerThreads {
  private WorkerThreads() {}

  /** A single daemon thread called {@code name}, which runs what it is given in order. */
  static ExecutorService single(String name) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }
}
