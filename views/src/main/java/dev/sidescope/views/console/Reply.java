package dev.sidescope.views.console;

import java.util.Objects;
import java.util.Optional;

/**
 * An answer the Traffic tab waits for: not asked, asked, there, or failed with one sentence. A
 * refresh keeps the value shown until its answer arrives, so a value is never replaced by "asking".
 *
 * @param value the answer, when {@link State#READY}
 * @param message the sentence shown instead: why it failed, or what is being asked
 */
public record Reply<T>(State state, Optional<T> value, String message) {
  public enum State {
    /** Nothing to ask about. */
    NONE,
    /** Asked, no answer yet. */
    ASKING,
    READY,
    FAILED
  }

  public Reply {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(message, "message");
  }

  static <T> Reply<T> none() {
    return new Reply<>(State.NONE, Optional.empty(), "");
  }

  static <T> Reply<T> asking(String sentence) {
    return new Reply<>(State.ASKING, Optional.empty(), sentence);
  }

  static <T> Reply<T> ready(T value) {
    return new Reply<>(State.READY, Optional.of(value), "");
  }

  static <T> Reply<T> failed(String sentence) {
    return new Reply<>(State.FAILED, Optional.empty(), sentence);
  }
}
