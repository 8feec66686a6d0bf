package dev.sidescope.topology.logs;

import java.nio.charset.StandardCharsets;

/**
 * Makes one line of a container's output safe to show: ANSI escape sequences removed, other control
 * characters made visible, bytes that are not UTF-8 written as {@code \xNN}, and a line longer than
 * {@value #MAX_BYTES} bytes cut with a marker. Pure functions; safe from any thread.
 */
public final class SafeLogText {
  /** The longest line kept, in bytes of the original; the rest is cut. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final char ESC = 0x1b;

  private SafeLogText() {}

  /** The line held in {@code bytes[offset, offset + length)}, made safe. */
  public static String line(byte[] bytes, int offset, int length) {
    int kept = Math.min(length, MAX_BYTES);
    String safe = visible(decode(bytes, offset, kept));
    return kept < length ? safe + cutMarker(length - kept) : safe;
  }

  /** {@code text}, made safe. */
  public static String line(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return line(bytes, 0, bytes.length);
  }

  /** What ends a cut line: how many bytes were left out. */
  static String cutMarker(long bytesLeftOut) {
    return " [… " + bytesLeftOut + " more bytes cut]";
  }

  /** UTF-8 to text, each byte of an invalid sequence written as {@code \xNN}. */
  private static String decode(byte[] bytes, int offset, int length) {
    StringBuilder out = new StringBuilder(length);
    int i = offset;
    int end = offset + length;
    while (i < end) {
      int b = bytes[i] & 0xff;
      int size =
          b < 0x80
              ? 1
              : b >= 0xc2 && b <= 0xdf
                  ? 2
                  : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
      if (size == 1) {
        out.append((char) b);
        i++;
        continue;
      }
      int codePoint = size == 0 || i + size > end ? -1 : sequence(bytes, i, size);
      if (codePoint < 0) {
        out.append(String.format("\\x%02X", b));
        i++;
      } else {
        out.appendCodePoint(codePoint);
        i += size;
      }
    }
    return out.toString();
  }

  /** The code point of a well-formed sequence of {@code size} bytes at {@code i}, else -1. */
  private static int sequence(byte[] bytes, int i, int size) {
    int codePoint = (bytes[i] & 0xff) & (0xff >> (size + 1));
    for (int k = 1; k < size; k++) {
      int b = bytes[i + k] & 0xff;
      if ((b & 0xc0) != 0x80) {
        return -1;
      }
      codePoint = (codePoint << 6) | (b & 0x3f);
    }
    int smallest = size == 2 ? 0x80 : size == 3 ? 0x800 : 0x10000;
    boolean surrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
    return codePoint < smallest || codePoint > 0x10ffff || surrogate ? -1 : codePoint;
  }

  /** Escape sequences dropped; tabs kept; other control characters as {@code \xNN}. */
  private static String visible(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ESC) {
        i = afterEscape(text, i);
      } else if (c == '\t' || (c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f))) {
        out.append(c);
        i++;
      } else {
        out.append(String.format("\\x%02X", (int) c));
        i++;
      }
    }
    return out.toString();
  }

  /** The index after the escape sequence starting at {@code i}: CSI, OSC or a two-char one. */
  private static int afterEscape(String text, int i) {
    int n = text.length();
    if (i + 1 >= n) {
      return n;
    }
    char kind = text.charAt(i + 1);
    if (kind == '[') {
      int j = i + 2;
      while (j < n && (text.charAt(j) < 0x40 || text.charAt(j) > 0x7e)) {
        j++;
      }
      return Math.min(j + 1, n);
    }
    if (kind == ']') {
      int j = i + 2;
      while (j < n) {
        char c = text.charAt(j);
        if (c == 0x07) {
          return j + 1;
        }
        if (c == ESC && j + 1 < n && text.charAt(j + 1) == '\\') {
          return j + 2;
        }
        j++;
      }
      return n;
    }
    return i + 2;
  }
}
