package dev.sidescope.collectors.manifests;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns a file's bytes into text: UTF-8 (with or without a byte order mark), or UTF-16 when a byte
 * order mark says so (what Windows PowerShell writes with {@code >}). Anything else with a NUL byte
 * or invalid UTF-8 is not a text file.
 */
final class ManifestText {
  private ManifestText() {}

  /** The text, or empty when the bytes are not text. */
  static Optional<String> decode(byte[] bytes) {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return strictUtf8(ByteBuffer.wrap(bytes, 3, bytes.length - 3));
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return Optional.of(new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE));
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return Optional.of(new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE));
    }
    for (byte b : bytes) {
      if (b == 0) {
        return Optional.empty();
      }
    }
    return strictUtf8(ByteBuffer.wrap(bytes));
  }

  private static Optional<String> strictUtf8(ByteBuffer bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(bytes)
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
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
