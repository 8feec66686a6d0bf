package dev.sidescope.views.logs;

import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogStream;
import java.time.Instant;

/**
 * A line as the view lists it: the source's line, the colour of its stream, and whether it is a
 * note of the view's own ("… 12,345 lines dropped …") rather than something the container wrote.
 * What its text says ({@link LineFacts}) and its masked text are worked out the first time a cell
 * shows it, on the FX thread, and kept: lines that scroll by unseen cost nothing.
 */
public final class ShownLine {
  private final LogLine line;
  private final int colour;
  private final boolean note;
  private LineFacts facts;
  private String masked;

  public ShownLine(LogLine line, int colour, boolean note) {
    this.line = line;
    this.colour = colour;
    this.note = note;
  }

  public LogLine line() {
    return line;
  }

  public LogStream stream() {
    return line.stream();
  }

  public Instant time() {
    return line.time();
  }

  /** The stream's colour: an index into the palette, stable for the stream while it is tailed. */
  public int colour() {
    return colour;
  }

  /** A note of the view's own, not a line of the container's. */
  public boolean note() {
    return note;
  }

  /** What the text says; FX thread. */
  public LineFacts facts(LogText text) {
    if (facts == null) {
      facts = note ? LineFacts.NONE : text.read(line.text());
    }
    return facts;
  }

  /** The text as shown: masked unless {@code revealed}; FX thread. */
  public String text(LogText text, boolean revealed) {
    if (revealed || note) {
      return line.text();
    }
    if (masked == null) {
      masked = text.mask(line.text());
    }
    return masked;
  }
}
