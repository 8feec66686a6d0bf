package dev.sidescope.collectors.xray;

/** A segment document that cannot be read; the message is one sentence for a person. */
public final class MalformedSegmentException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedSegmentException(String message) {
    super(message);
  }
}
