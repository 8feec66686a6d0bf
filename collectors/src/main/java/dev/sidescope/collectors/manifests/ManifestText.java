package dev.sidescope.collectors.manifests;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a file's bytes into text: UTF-8 (with or without a byte order mark), or UTF-16 when a byte
 * order mark says so (what Windows PowerShell writes with {@code >}). Anything else with a NUL byte
 * is not a text file; text in another encoding (Latin-1, Windows-1252) is named as not UTF-8, with
 * the first byte that is not.
 */
final class ManifestText {
  private ManifestText() {}

  /** Bytes that are not text Sidescope reads; the message says why, as a problem's words. */
  static final class NotText extends Exception {
    private static final long serialVersionUID = 1L;

    NotText(String message) {
      super(message, null, false, false);
    }
  }

  /** The text of the bytes. */
  static String decode(byte[] bytes) throws NotText {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return strictUtf8(ByteBuffer.wrap(bytes, 3, bytes.length - 3));
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new NotText("is not a text file");
      }
    }
    return strictUtf8(ByteBuffer.wrap(bytes));
  }

  private static String strictUtf8(ByteBuffer bytes) throws NotText {
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
      // The buffer stops at the first byte that is not UTF-8; its index is its offset in the file.
      int offset = bytes.position();
      throw new NotText(
          String.format(
              Locale.ROOT,
              "is not UTF-8 text (byte 0x%02X at offset %d)",
              bytes.get(offset) & 0xFF,
              offset));
    }
    return text.flip().toString();
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
