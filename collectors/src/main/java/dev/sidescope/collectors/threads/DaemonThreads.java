package dev.sidescope.collectors.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The thread factories of the sources' executors: daemon threads, so that a source left open never
 * keeps the JVM alive, with names that say whose they are in a thread dump.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Threads all called {@code name}. */
  public static ThreadFactory named(String name) {
    return named(() -> name);
  }

  /** Threads called what {@code name} says as each is made. */
  public static ThreadFactory named(Supplier<String> name) {
    return r -> {
      Thread t = new Thread(r, name.get());
      t.setDaemon(true);
      return t;
    };
  }

  /** Threads called {@code prefix-1}, {@code prefix-2}, ... in the order they are made. */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return named(() -> prefix + "-" + count.incrementAndGet());
  }
}
