package dev.sidescope.topology.logs;

import java.util.Locale;
import java.util.Optional;

/** X-Ray trace ids as lines carry them: {@code Root=1-…} in a trace header, or bare in a field. */
final class XRayTraceIds {
  private static final String ROOT = "Root=";

  private XRayTraceIds() {}

  /** The trace id of the first {@code Root=1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx} in {@code text}. */
  static Optional<String> inHeader(String text) {
    for (int i = text.indexOf(ROOT); i >= 0; i = text.indexOf(ROOT, i + 1)) {
      Optional<String> id = at(text, i + ROOT.length());
      if (id.isPresent()) {
        return id;
      }
    }
    return Optional.empty();
  }

  /**
   * A field's value as a trace id: {@code 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx}, on its own or as
   * the {@code Root} of a trace header, in lower case.
   */
  static Optional<String> normalise(String value) {
    String v = value.strip();
    if (v.startsWith(ROOT)) {
      return at(v, ROOT.length());
    }
    if (v.length() != 35) {
      return Optional.empty();
    }
    return at(v, 0);
  }

  private static Optional<String> at(String text, int from) {
    int end = from + 35;
    if (end > text.length()
        || text.charAt(from) != '1'
        || text.charAt(from + 1) != '-'
        || text.charAt(from + 10) != '-'
        || !hex(text, from + 2, from + 10)
        || !hex(text, from + 11, end)
        || (end < text.length() && isHex(text.charAt(end)))) {
      return Optional.empty();
    }
    return Optional.of(text.substring(from, end).toLowerCase(Locale.ROOT));
  }

  private static boolean hex(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isHex(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
