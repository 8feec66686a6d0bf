package dev.sidescope.collectors.proxy;

import java.io.IOException;

/** A pod's admin port could not be forwarded; the message is the reason, in a few words. */
final class PortForwardException extends IOException {
  private static final long serialVersionUID = 1L;

  PortForwardException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
