package dev.sidescope.topology.classify;

import java.util.Locale;

/**
 * A lower-case name with an optional {@code *} at either end: {@code envoy} (exactly), {@code
 * envoy*} (starts with), {@code *-exporter} (ends with), {@code *secretsmanager-agent*} (contains).
 * That is all the table needs, and it keeps matching to one string comparison, with no regular
 * expressions on the classifier's hot path.
 */
record NamePattern(String text, Shape shape) {

  /** Where the pattern's {@code *} stand. */
  enum Shape {
    EXACT,
    PREFIX,
    SUFFIX,
    CONTAINS
  }

  static NamePattern parse(String glob) {
    String lower = glob.toLowerCase(Locale.ROOT);
    boolean leading = lower.startsWith("*");
    boolean trailing = lower.length() > 1 && lower.endsWith("*");
    String text = lower.substring(leading ? 1 : 0, lower.length() - (trailing ? 1 : 0));
    if (text.isEmpty() || text.indexOf('*') >= 0) {
      throw new IllegalArgumentException("a name pattern has text and * only at its ends: " + glob);
    }
    Shape shape =
        leading && trailing
            ? Shape.CONTAINS
            : leading ? Shape.SUFFIX : trailing ? Shape.PREFIX : Shape.EXACT;
    return new NamePattern(text, shape);
  }

  /** True when {@code name}, already lower-case, fits the pattern. */
  boolean matches(String name) {
    switch (shape) {
      case EXACT:
        return name.equals(text);
      case PREFIX:
        return name.startsWith(text);
      case SUFFIX:
        return name.endsWith(text);
      default:
        return name.contains(text);
    }
  }

  boolean isExact() {
    return shape == Shape.EXACT;
  }
}
