package dev.sidescope.collectors.proxy;

/**
 * A question about one proxy sidecar (its configuration, its stats) that could not be answered. The
 * message is one sentence for a person, e.g. "shop/order-service-5f7c9-x2k4q did not give its
 * configuration: connection refused."; what went wrong underneath, when there was something, is the
 * cause, for the log only.
 */
public final class ProxyQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ProxyQueryException(String sentence, Throwable cause) {
    super(sentence, cause);
  }
}
