package dev.sidescope.views.logs;

/**
 * What the log view asks of a line's text, in one place: its masked form, what its format says, and
 * the flood gate each stream gets. {@link #STANDARD} is the model's own rules; tests give their
 * own.
 *
 * <p>{@link #mask} and {@link #read} run on the FX thread for the lines shown (a screenful at a
 * time), never for every line that arrives; {@link #gate} is made once per stream.
 */
public interface LogText {
  /** The line with its secrets masked; the same instance when nothing was masked. */
  String mask(String text);

  /** What the line's format says of it. */
  LineFacts read(String text);

  /** A new flood gate for one stream. */
  Admission gate();

  /** The model's rules for masking, formats and floods. */
  LogText STANDARD = new StandardLogText();
}
