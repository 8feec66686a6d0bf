package dev.sidescope.samples.folder;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The text of a sample's file, and the words for what makes one unreadable, so that a sample's
 * reader says "is not UTF-8 text (byte 0xE9 at offset 51)" rather than the decoder's or the
 * parser's own message. Every reader of a sample folder (its Kubernetes side and its ECS side)
 * reads through here.
 *
 * <p>Stateless; any thread.
 */
public final class SampleText {
  private SampleText() {}

  /**
   * A file that is not UTF-8. The message is the words that follow the file's name: "is not UTF-8
   * text (byte 0xE9 at offset 51)".
   */
  public static final class NotUtf8 extends IOException {
    private static final long serialVersionUID = 1L;

    NotUtf8(String words) {
      super(words);
    }
  }

  /**
   * The file's text, read strictly as UTF-8 (a byte order mark is left out).
   *
   * @throws NotUtf8 when a byte is not UTF-8, naming the first one
   */
  public static String read(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    // UTF-8 never needs more chars than bytes, so one buffer always holds the text.
    CharBuffer text = CharBuffer.allocate(bytes.remaining());
    CoderResult result = decoder.decode(bytes, text, true);
    if (!result.isError()) {
      result = decoder.flush(text);
    }
    if (result.isError()) {
      // The decoder stops at the first byte that is not UTF-8.
      int offset = bytes.position();
      throw new NotUtf8(
          String.format(
              Locale.ROOT,
              "is not UTF-8 text (byte 0x%02X at offset %d)",
              bytes.get(offset) & 0xFF,
              offset));
    }
    String decoded = text.flip().toString();
    return decoded.startsWith("\uFEFF") ? decoded.substring(1) : decoded;
  }

  /**
   * The words, after a file's name, for a document past one of the parser's limits: "nests deeper
   * than 1000 levels, the most Sidescope reads", or for a value that is too long.
   */
  public static String beyondLimits(StreamConstraintsException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("nesting depth")) {
      return "nests deeper than "
          + StreamReadConstraints.defaults().getMaxNestingDepth()
          + " levels, the most Sidescope reads";
    }
    return "has a value longer than Sidescope reads";
  }
}
