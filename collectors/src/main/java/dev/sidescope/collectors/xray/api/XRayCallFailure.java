package dev.sidescope.collectors.xray.api;

/**
 * An X-Ray call that failed (after the SDK's own retries), with the operation it was, so that a
 * status or an answer can say which call failed. The cause is the SDK's exception.
 */
final class XRayCallFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String operation;

  XRayCallFailure(String operation, RuntimeException cause) {
    super(operation + " failed", cause);
    this.operation = operation;
  }

  /** The X-Ray operation, e.g. {@code GetServiceGraph}. */
  String operation() {
    return operation;
  }
}
