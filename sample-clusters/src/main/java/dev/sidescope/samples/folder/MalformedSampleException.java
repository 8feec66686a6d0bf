package dev.sidescope.samples.folder;

import java.io.IOException;

/**
 * A sample-cluster folder that cannot be read as one: the message is one sentence that names the
 * file (and the line, where there is one), fit to show a user as it is.
 */
public final class MalformedSampleException extends IOException {
  private static final long serialVersionUID = 1L;

  public MalformedSampleException(String sentence) {
    super(sentence);
  }

  public MalformedSampleException(String sentence, Throwable cause) {
    super(sentence, cause);
  }
}
