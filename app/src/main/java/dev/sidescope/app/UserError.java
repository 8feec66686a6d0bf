package dev.sidescope.app;

/**
 * A problem the user can act on, said in one sentence on stderr; the command exits with {@link
 * #exitCode()} (2 unless said otherwise). Never shown with a stack trace.
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public UserError(String sentence) {
    this(sentence, 2, null);
  }

  public UserError(String sentence, Throwable cause) {
    this(sentence, 2, cause);
  }

  public UserError(String sentence, int exitCode, Throwable cause) {
    super(sentence, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
