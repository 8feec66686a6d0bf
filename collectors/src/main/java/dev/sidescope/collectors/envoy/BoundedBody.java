package dev.sidescope.collectors.envoy;

import dev.sidescope.collectors.threads.DaemonThreads;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An answer's body that must arrive whole within a time: past it, the body is closed under its
 * reader, which then fails with an {@link HttpTimeoutException}. A request's own timeout only
 * bounds the wait for the answer's headers, and the JDK's body stream ignores interrupts: without
 * this, an admin API that stalls halfway through an answer would hold its reader forever.
 *
 * <p>Threading: the deadlines run on one shared daemon thread ({@code sidescope-answer-deadlines}),
 * which only closes streams.
 */
public final class BoundedBody extends FilterInputStream {
  private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

  private final Duration budget;
  private final ScheduledFuture<?> cut;
  private volatile boolean late;

  private BoundedBody(InputStream body, Duration budget) {
    super(body);
    this.budget = budget;
    this.cut = DEADLINES.schedule(this::cut, budget.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * {@code body}, closed under its reader if it has not been read and closed within {@code budget}.
   */
  public static InputStream of(InputStream body, Duration budget) {
    return new BoundedBody(body, budget);
  }

  private static ScheduledThreadPoolExecutor deadlines() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(1, DaemonThreads.named("sidescope-answer-deadlines"));
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  private void cut() {
    late = true;
    try {
      in.close();
    } catch (IOException e) {
      // closing is all that is wanted
    }
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException e) {
      throw late(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (IOException e) {
      throw late(e);
    }
  }

  private IOException late(IOException e) {
    if (!late) {
      return e;
    }
    HttpTimeoutException timeout =
        new HttpTimeoutException(
            "the answer did not come whole within " + budget.toMillis() + " ms");
    timeout.initCause(e);
    return timeout;
  }

  @Override
  public void close() throws IOException {
    cut.cancel(false);
    super.close();
  }
}
