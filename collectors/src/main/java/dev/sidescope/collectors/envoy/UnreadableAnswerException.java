package dev.sidescope.collectors.envoy;

import java.io.IOException;

/**
 * An admin API answered, but not with what an Envoy prints: the message is the reason in a few
 * words, for a sentence about that Envoy ("its /server_info is not JSON"); the parser's own
 * complaint, when there is one, is the cause, for the log only.
 */
public final class UnreadableAnswerException extends IOException {
  private static final long serialVersionUID = 1L;

  UnreadableAnswerException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
