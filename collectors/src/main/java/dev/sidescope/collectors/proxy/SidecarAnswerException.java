package dev.sidescope.collectors.proxy;

import java.io.IOException;

/**
 * A sidecar answered, but not with what a proxy prints ("its /server_info is not JSON"). The
 * message is the reason, in a few words, for the status sentence.
 */
final class SidecarAnswerException extends IOException {
  private static final long serialVersionUID = 1L;

  SidecarAnswerException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
