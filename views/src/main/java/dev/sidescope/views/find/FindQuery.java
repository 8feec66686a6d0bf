package dev.sidescope.views.find;

import dev.sidescope.topology.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A find expression: words separated by spaces, all of which must match. A word is free text looked
 * for in names ({@code order}), or {@code key:value} with key {@code ns}, {@code kind}, {@code
 * finding}, {@code severity}, {@code has} or {@code platform} ({@code ns:shop}, {@code kind:envoy},
 * {@code finding:SIDECAR_NOT_READY}, {@code severity:warning}, {@code has:finding}, {@code
 * platform:ecs}); a leading {@code -} negates a word; double quotes keep spaces in one word.
 * Matching ignores case; {@code kind} and free text match parts ({@code kind:envoy} finds {@code
 * appmesh-envoy} too), {@code finding} matches the start of a code ({@code finding:sidecar_miss}
 * finds {@code SIDECAR_MISSING}, so a half-typed code already finds), {@code severity} matches a
 * node with a finding of that severity or a worse one ({@code severity:warning} finds errors too;
 * the start of a severity is enough: {@code severity:warn}), {@code has:finding} a node with any
 * finding, the others match whole values. Pure and immutable.
 */
public record FindQuery(List<Term> terms) {

  /** What a word asks about. */
  public enum Key {
    TEXT,
    NS,
    KIND,
    FINDING,
    /** A finding of this severity or worse; the value is a severity's wire name. */
    SEVERITY,
    /** Any finding at all; the value is {@code finding}. */
    HAS,
    PLATFORM
  }

  /** One word of the expression. */
  public record Term(Key key, String value, boolean negated) {
    boolean matches(NodeFacts facts) {
      boolean hit =
          switch (key) {
            case TEXT -> facts.names().stream().anyMatch(n -> lower(n).contains(value));
            case NS -> facts.namespace().map(ns -> lower(ns).equals(value)).orElse(false);
            case PLATFORM -> facts.platform().map(p -> lower(p).equals(value)).orElse(false);
            case KIND -> facts.kinds().stream().anyMatch(k -> lower(k).contains(value));
            case FINDING -> facts.findingCodes().stream().anyMatch(c -> lower(c).startsWith(value));
            case SEVERITY ->
                facts.worstFinding().map(s -> s.atLeast(severity(value))).orElse(false);
            case HAS -> facts.worstFinding().isPresent() || !facts.findingCodes().isEmpty();
          };
      return hit != negated;
    }
  }

  public static final FindQuery EMPTY = new FindQuery(List.of());

  public FindQuery {
    terms = List.copyOf(terms);
  }

  /** True when there is nothing to look for: everything matches and nothing is dimmed. */
  public boolean isEmpty() {
    return terms.isEmpty();
  }

  public boolean matches(NodeFacts facts) {
    return terms.stream().allMatch(t -> t.matches(facts));
  }

  /**
   * Reads an expression.
   *
   * @throws IllegalArgumentException with a sentence for a person, for an unknown key, an empty
   *     value or an unclosed quote
   */
  public static FindQuery parse(String text) {
    List<Term> terms = new ArrayList<>();
    for (String word : words(text == null ? "" : text)) {
      boolean negated = word.startsWith("-") && word.length() > 1;
      String w = negated ? word.substring(1) : word;
      int colon = w.indexOf(':');
      if (colon <= 0 || w.startsWith("\"")) {
        terms.add(new Term(Key.TEXT, lower(unquote(w)), negated));
        continue;
      }
      String keyText = lower(w.substring(0, colon));
      String value = lower(unquote(w.substring(colon + 1)));
      Key key =
          switch (keyText) {
            case "ns", "namespace", "cluster" -> Key.NS;
            case "kind" -> Key.KIND;
            case "finding" -> Key.FINDING;
            case "severity" -> Key.SEVERITY;
            case "has" -> Key.HAS;
            case "platform" -> Key.PLATFORM;
            default ->
                throw new IllegalArgumentException(
                    "Unknown key \""
                        + keyText
                        + ":\"; use ns:, kind:, finding:, severity:, has: or platform:,"
                        + " or plain words.");
          };
      if (value.isEmpty()) {
        throw new IllegalArgumentException("\"" + keyText + ":\" needs a value, e.g. ns:shop.");
      }
      if (key == Key.SEVERITY) {
        value = severityNamed(value);
      } else if (key == Key.HAS) {
        value = hasWhat(value);
      }
      terms.add(new Term(key, value, negated));
    }
    return new FindQuery(terms);
  }

  /**
   * The wire name of the severity whose name starts with {@code value}: {@code warn} is warning.
   */
  private static String severityNamed(String value) {
    for (Severity s : Severity.values()) {
      if (s.wireName().startsWith(value)) {
        return s.wireName();
      }
    }
    throw new IllegalArgumentException(
        "\"severity:" + value + "\" is not a severity; use error, warning or info.");
  }

  private static Severity severity(String wireName) {
    for (Severity s : Severity.values()) {
      if (s.wireName().equals(wireName)) {
        return s;
      }
    }
    throw new IllegalStateException("not a severity: " + wireName);
  }

  /** {@code finding}, for {@code finding}, {@code findings} or the start of them. */
  private static String hasWhat(String value) {
    if ("findings".startsWith(value)) {
      return "finding";
    }
    throw new IllegalArgumentException("\"has:" + value + "\" is not known; use has:finding.");
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (char c : text.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if (Character.isWhitespace(c) && !quoted) {
        if (current.length() > 0) {
          words.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("A quote is not closed.");
    }
    if (current.length() > 0) {
      words.add(current.toString());
    }
    return words;
  }

  private static String unquote(String s) {
    return s.replace("\"", "");
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
