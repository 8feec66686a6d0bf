package dev.sidescope.topology.logs;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Makes one line a container wrote safe to show in the console or print on a terminal.
 *
 * <p>A container can write anything: colour codes, cursor moves, terminal title changes, NUL bytes,
 * invalid UTF-8, lines of megabytes. Shown raw, these garble the console or take over a terminal;
 * dropped silently, they hide what the container did. So escape sequences (CSI {@code ESC [ …
 * final}, OSC and other string sequences ended by BEL or {@code ESC \}, two-character {@code ESC}
 * sequences) are removed, since they only style text; a trailing {@code \r} is dropped; tab is
 * kept; every other control character is shown visibly and harmlessly: C0 and DEL as their Unicode
 * control pictures ({@code ␀}, {@code ␇}, {@code ␡}), C1 and bidirectional formatting characters as
 * <code>&#92;u0085</code>-style escapes, invalid UTF-8 bytes as {@code \xNN}. A line over {@link
 * #MAX_LINE_BYTES} is cut, with a marker saying how much was not shown.
 *
 * <p>Sources call this for every line (the console takes in 100,000 lines a second and more), so a
 * line of printable text is returned as it is, after one scan and without a copy. Stateless and
 * thread-safe.
 */
public final class SafeLogText {
  /** The most of one line that is kept, in UTF-8 bytes; the rest is counted, not shown. */
  public static final int MAX_LINE_BYTES = 64 * 1024;

  private static final char ESC = 0x1b;
  private static final char BEL = 0x07;
  private static final char DEL = 0x7f;

  private SafeLogText() {}

  /** {@code text} made safe to show; the same instance when it already is. */
  public static String line(String text) {
    int length = text.length();
    boolean clean = true;
    for (int i = 0; i < length && clean; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else {
        clean = c >= 0x20 ? c < DEL || (c > 0x9f && !special(c)) : c == '\t';
      }
    }
    if (clean && length <= MAX_LINE_BYTES / 3) {
      return text;
    }
    long bytes = utf8Length(text);
    if (clean && bytes <= MAX_LINE_BYTES) {
      return text;
    }
    if (bytes <= MAX_LINE_BYTES) {
      return sanitize(text);
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return cut(utf8, 0, MAX_LINE_BYTES, utf8.length);
  }

  /**
   * The line in {@code length} bytes of {@code bytes} from {@code offset}, decoded as UTF-8 and
   * made safe to show.
   */
  public static String line(byte[] bytes, int offset, int length) {
    if (length > MAX_LINE_BYTES) {
      return cut(bytes, offset, MAX_LINE_BYTES, length);
    }
    int end = offset + length;
    boolean ascii = true;
    for (int i = offset; i < end && ascii; i++) {
      byte b = bytes[i];
      ascii = (b >= 0x20 && b < DEL) || b == '\t';
    }
    if (ascii) {
      // ISO-8859-1 equals ASCII here, and decodes without a check per byte.
      return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
    return sanitize(decode(bytes, offset, end));
  }

  /**
   * A line whose first {@code kept} bytes are in {@code bytes} from {@code offset} and that was
   * {@code totalBytes} long: those bytes made safe, then a marker with the length and how much of
   * it is not shown. A multi-byte character cut in two is left out whole.
   */
  static String cut(byte[] bytes, int offset, int kept, long totalBytes) {
    int shown = kept - incompleteTail(bytes, offset, kept);
    String head = sanitize(decode(bytes, offset, offset + shown));
    return head
        + String.format(
            Locale.ROOT, " … [cut: %,d bytes, %,d not shown]", totalBytes, totalBytes - shown);
  }

  /** True for the printable characters that still must not reach the screen raw. */
  private static boolean special(char c) {
    // Bidirectional embeddings, overrides and isolates reorder the text around them: a line
    // could show something other than what it says. Lone surrogates are no text at all.
    return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || Character.isSurrogate(c);
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** Bytes at the end of the range that start a UTF-8 sequence the range does not finish. */
  private static int incompleteTail(byte[] bytes, int offset, int length) {
    for (int back = 1; back <= 3 && back <= length; back++) {
      int b = bytes[offset + length - back] & 0xff;
      if (b < 0x80) {
        return 0;
      }
      if (b >= 0xc0) {
        int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
        return needed > back ? back : 0;
      }
    }
    return 0;
  }

  /**
   * UTF-8 decoded strictly (no overlong forms, no surrogates, nothing above U+10FFFF), each byte
   * that is not part of a valid sequence written as {@code \xNN}.
   */
  private static String decode(byte[] bytes, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    int i = from;
    while (i < to) {
      int b = bytes[i] & 0xff;
      if (b < 0x80) {
        out.append((char) b);
        i++;
        continue;
      }
      int needed;
      int min;
      int cp;
      if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        min = 0x80;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        needed = 2;
        min = 0x800;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        needed = 3;
        min = 0x10000;
        cp = b & 0x07;
      } else {
        appendByte(out, b);
        i++;
        continue;
      }
      int j = i + 1;
      while (j <= i + needed && j < to && (bytes[j] & 0xc0) == 0x80) {
        cp = (cp << 6) | (bytes[j] & 0x3f);
        j++;
      }
      boolean complete = j == i + 1 + needed;
      if (complete && cp >= min && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff)) {
        out.appendCodePoint(cp);
        i = j;
      } else {
        // Only the lead byte is invalid: what follows is read again on its own.
        appendByte(out, b);
        i++;
      }
    }
    return out.toString();
  }

  private static void appendByte(StringBuilder out, int b) {
    out.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
  }

  /** The slow path: escape sequences removed, control characters made visible. */
  private static String sanitize(String text) {
    int end = text.length();
    if (end > 0 && text.charAt(end - 1) == '\r') {
      end--;
    }
    StringBuilder out = new StringBuilder(end + 16);
    // No BEL or ST at or after this index: found when a string sequence ran to the end unended, so
    // every later one is known unended at once and a line of them costs one scan, not one each.
    int noStringEndFrom = end;
    int i = 0;
    while (i < end) {
      char c = text.charAt(i);
      if (c == ESC) {
        int after;
        if (i + 1 < end && startsString(text.charAt(i + 1))) {
          after = i + 2 < noStringEndFrom ? stringEnd(text, i + 2, end) : -1;
          if (after < 0) {
            noStringEndFrom = Math.min(noStringEndFrom, i + 2);
            after = i;
          }
        } else {
          after = escapeEnd(text, i, end);
        }
        if (after > i) {
          i = after;
          continue;
        }
        out.append((char) (0x2400 + ESC));
      } else if (c == '\t' || (c >= 0x20 && c < DEL) || (c > 0x9f && !special(c))) {
        out.append(c);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < end
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(i + 1));
        i++;
      } else if (c < 0x20) {
        out.append((char) (0x2400 + c));
      } else if (c == DEL) {
        out.append('\u2421');
      } else {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
      i++;
    }
    return out.toString();
  }

  /** OSC, DCS, SOS, PM, APC: {@code ESC} and this start a string ended by BEL or ST. */
  private static boolean startsString(char kind) {
    return kind == ']' || kind == 'P' || kind == 'X' || kind == '^' || kind == '_';
  }

  /** Just after the BEL or ST ({@code ESC \}) that ends a string from {@code from}, or -1. */
  private static int stringEnd(String text, int from, int end) {
    for (int i = from; i < end; i++) {
      char c = text.charAt(i);
      if (c == BEL) {
        return i + 1;
      }
      if (c == ESC && i + 1 < end && text.charAt(i + 1) == '\\') {
        return i + 2;
      }
    }
    return -1;
  }

  /**
   * Where the escape sequence starting at {@code esc} ends (exclusive), or {@code esc} itself when
   * no whole sequence starts there: a lone or unfinished {@code ESC} is shown, not followed. For
   * CSI and two-character sequences; {@link #sanitize} reads string sequences with {@link
   * #stringEnd}.
   */
  private static int escapeEnd(String text, int esc, int end) {
    if (esc + 1 >= end) {
      return esc;
    }
    char kind = text.charAt(esc + 1);
    if (kind == '[') {
      int i = esc + 2;
      while (i < end && text.charAt(i) >= 0x20 && text.charAt(i) <= 0x3f) {
        i++; // parameter and intermediate bytes
      }
      return i < end && text.charAt(i) >= 0x40 && text.charAt(i) <= 0x7e ? i + 1 : esc;
    }
    int i = esc + 1;
    while (i < end && text.charAt(i) >= 0x20 && text.charAt(i) <= 0x2f) {
      i++; // intermediate bytes, as in ESC ( B
    }
    return i < end && text.charAt(i) >= 0x30 && text.charAt(i) <= 0x7e ? i + 1 : esc;
  }
}
