package dev.sidescope.collectors.xray.api;

/**
 * A question to X-Ray (a time series, a trace list, a trace) that could not be answered. The
 * message is one sentence for a person, e.g. "X-Ray denied xray:GetTraceSummaries to environment
 * variables."; the SDK's exception, when there was one, is the cause, for the log only.
 */
public final class XRayQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  XRayQueryException(String sentence, Throwable cause) {
    super(sentence, cause);
  }
}
