package dev.sidescope.views.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A value of the view model that the window shows: read it, and be told when it changes. Only the
 * view model sets it. Plain Java rather than a JavaFX property, so that the view model needs no
 * toolkit; the window binds its controls with {@link #bind}.
 *
 * <p>Not thread-safe: read, set and listened to on one thread (the FX thread, in the console).
 * Listeners run in the order they were added, on the thread that set the value.
 */
public final class Watched<T> {
  private final List<Consumer<? super T>> listeners = new ArrayList<>();
  private T value;

  Watched(T initial) {
    this.value = Objects.requireNonNull(initial);
  }

  public T get() {
    return value;
  }

  /** Tells {@code listener} of every change from now on. */
  public void listen(Consumer<? super T> listener) {
    listeners.add(listener);
  }

  /** Gives {@code listener} the value now, and every change from now on. */
  public void bind(Consumer<? super T> listener) {
    listener.accept(value);
    listen(listener);
  }

  /** Sets the value; tells the listeners when it is not equal to the one before. */
  void set(T newValue) {
    if (!Objects.equals(value, Objects.requireNonNull(newValue))) {
      push(newValue);
    }
  }

  /**
   * Sets the value and tells the listeners, equal or not: for values that are costly to compare.
   */
  void push(T newValue) {
    value = Objects.requireNonNull(newValue);
    for (Consumer<? super T> l : List.copyOf(listeners)) {
      l.accept(value);
    }
  }
}
