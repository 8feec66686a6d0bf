package dev.sidescope.views.fx;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Hands values from any thread to the FX thread, latest wins: at most one {@code runLater} is
 * pending at a time, and when it runs it applies only the newest value offered so far. Values
 * offered while one is pending replace it, so a burst of updates costs the FX thread one apply.
 *
 * <p>{@link #offer} may be called on any thread and never blocks; the consumer runs on the FX
 * thread.
 */
public final class FxLatest<T> {
  private final AtomicReference<T> latest = new AtomicReference<>();
  private final AtomicBoolean pending = new AtomicBoolean();
  private final Consumer<T> onFxThread;

  public FxLatest(Consumer<T> onFxThread) {
    this.onFxThread = Objects.requireNonNull(onFxThread);
  }

  public void offer(T value) {
    latest.set(Objects.requireNonNull(value));
    if (pending.compareAndSet(false, true)) {
      Platform.runLater(this::drain);
    }
  }

  private void drain() {
    // Cleared before reading: a value offered from here on schedules a new drain.
    pending.set(false);
    T value = latest.getAndSet(null);
    if (value != null) {
      onFxThread.accept(value);
    }
  }
}
