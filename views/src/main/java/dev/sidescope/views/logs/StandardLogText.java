package dev.sidescope.views.logs;

import java.util.Optional;

/** {@link LogText} by the model's rules. */
final class StandardLogText implements LogText {
  @Override
  public String mask(String text) {
    return text;
  }

  @Override
  public LineFacts read(String text) {
    return LineFacts.NONE;
  }

  @Override
  public Admission gate() {
    return new Admission() {
      @Override
      public boolean admit(long nanoTime) {
        return true;
      }

      @Override
      public long dropped() {
        return 0;
      }

      @Override
      public Optional<String> takeNote() {
        return Optional.empty();
      }
    };
  }
}
