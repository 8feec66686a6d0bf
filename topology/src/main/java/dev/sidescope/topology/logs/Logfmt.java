package dev.sidescope.topology.logs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code key=value key="quoted value"} pairs, as logfmt, Go's logrus and ztunnel write them. */
final class Logfmt {
  private Logfmt() {}

  /**
   * The pairs from {@code from} to the end of {@code text}, in order; empty unless the text there
   * starts with a pair and holds at least {@code minimum} pairs and more pairs than bare words.
   */
  static Optional<Map<String, String>> pairs(String text, int from, int minimum) {
    Map<String, String> pairs = new LinkedHashMap<>();
    int bare = 0;
    int i = from;
    int end = text.length();
    while (i < end) {
      while (i < end && text.charAt(i) == ' ') {
        i++;
      }
      if (i == end) {
        break;
      }
      int keyStart = i;
      while (i < end && text.charAt(i) != '=' && text.charAt(i) != ' ' && text.charAt(i) != '"') {
        i++;
      }
      if (i == keyStart || i == end || text.charAt(i) != '=') {
        if (pairs.isEmpty()) {
          return Optional.empty();
        }
        bare++;
        while (i < end && text.charAt(i) != ' ') {
          i++;
        }
        continue;
      }
      String key = text.substring(keyStart, i);
      i++;
      String value;
      if (i < end && text.charAt(i) == '"') {
        StringBuilder quoted = new StringBuilder();
        i++;
        while (i < end && text.charAt(i) != '"') {
          char c = text.charAt(i);
          if (c == '\\' && i + 1 < end) {
            c = text.charAt(++i);
          }
          quoted.append(c);
          i++;
        }
        i++; // past the closing quote
        value = quoted.toString();
      } else {
        int valueStart = i;
        while (i < end && text.charAt(i) != ' ') {
          i++;
        }
        value = text.substring(valueStart, i);
      }
      pairs.putIfAbsent(key, value);
    }
    return pairs.size() >= minimum && pairs.size() > bare ? Optional.of(pairs) : Optional.empty();
  }
}
