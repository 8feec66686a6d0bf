package dev.sidescope.app.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sidescope.app.UserError;
import dev.sidescope.topology.logs.LogFormats;
import dev.sidescope.topology.logs.LogLine;
import dev.sidescope.topology.logs.LogMask;
import dev.sidescope.topology.logs.LogStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Prints log lines as {@code sidescope logs} does: as text, each line after its time and {@code
 * pod/container} (in a colour of its own on a terminal), or as JSON, one object a line with {@code
 * time}, {@code source}, {@code pod} or {@code task}, {@code container}, {@code line} and {@code
 * level} where known. Secrets are masked unless asked not to.
 *
 * <p>Not thread-safe: one thread prints.
 */
final class LogPrinter {
  /** Output formats of {@code sidescope logs}. */
  enum Format {
    TEXT,
    JSON
  }

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Six ANSI colours that read on dark and light terminals: cyan, green, yellow, blue, magenta,
   * red.
   */
  private static final String[] COLOURS = {"36", "32", "33", "34", "35", "31"};

  private final PrintWriter out;
  private final Format format;
  private final boolean colour;
  private final boolean mask;

  LogPrinter(PrintWriter out, Format format, boolean colour, boolean mask) {
    this.out = out;
    this.format = format;
    this.colour = colour && format == Format.TEXT;
    this.mask = mask;
  }

  void print(LogLine line) {
    String text = mask ? LogMask.mask(line.text()) : line.text();
    if (format == Format.JSON) {
      out.println(json(line, text));
    } else {
      String tag = line.stream().label();
      out.print(CLOCK.format(line.time()));
      out.print(' ');
      out.print(colour ? "\u001b[" + colourOf(line.stream()) + "m" + tag + "\u001b[0m" : tag);
      out.print("  ");
      out.println(text);
    }
  }

  /**
   * Flushes, and ends the command when lines could not be written (a full disk, a closed pipe): a
   * PrintWriter only says so when asked, and a followed tail would otherwise print into nothing.
   */
  void flush() {
    if (out.checkError()) {
      throw new UserError(
          "could not write the logs to standard output, so what reached it is incomplete.");
    }
  }

  /** The same colour for a stream on every run: chosen by its pod or task and container. */
  static String colourOf(LogStream stream) {
    return COLOURS[Math.floorMod(stream.label().hashCode(), COLOURS.length)];
  }

  private static String json(LogLine line, String text) {
    StringWriter w = new StringWriter(text.length() + 160);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("time", line.time().toString());
      g.writeStringField("source", line.stream().source());
      g.writeStringField(
          LogStream.CLOUDWATCH.equals(line.stream().source()) ? "task" : "pod",
          line.stream().owner());
      g.writeStringField("container", line.stream().container());
      if (line.stream().previous()) {
        g.writeBooleanField("previous", true);
      }
      g.writeStringField("line", text);
      LogFormats.read(line.text())
          .level()
          .ifPresent(l -> writeLevel(g, l.name().toLowerCase(Locale.ROOT)));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return w.toString();
  }

  private static void writeLevel(JsonGenerator g, String level) {
    try {
      g.writeStringField("level", level);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
