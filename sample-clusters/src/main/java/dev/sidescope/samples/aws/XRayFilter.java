package dev.sidescope.samples.aws;

import dev.sidescope.samples.xray.RecordedTrace;
import dev.sidescope.topology.model.traffic.TraceSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The part of X-Ray's filter expressions the sample endpoint understands, for {@code
 * GetTraceSummaries}'s {@code FilterExpression} and {@code GetTimeSeriesServiceStatistics}'s {@code
 * EntitySelectorExpression}:
 *
 * <ul>
 *   <li>{@code service("name")}: the trace touches the service (as caller or callee);
 *   <li>{@code edge("caller", "callee")}: the trace has a call from one to the other;
 *   <li>{@code fault}, {@code error}, {@code throttle}, {@code ok}, each optionally {@code = true}
 *       or {@code = false} ({@code !=} too);
 *   <li>{@code responsetime} or {@code duration} compared ({@code < <= = != >= >}) with seconds,
 *       {@code http.status} with a status;
 *   <li>combined with {@code AND} ({@code &&}), {@code OR} ({@code ||}) and {@code NOT} ({@code
 *       !}), grouped with {@code ( )} or {@code { }}: {@code service("ledger") AND { fault OR error
 *       }}.
 * </ul>
 *
 * <p>Anything else is refused with one sentence ({@link IllegalArgumentException}), which the
 * endpoint answers as X-Ray's {@code InvalidRequestException}. Keywords are case-insensitive.
 */
final class XRayFilter {
  /** The deepest nesting of groups and negations read: deeper is refused, not a stack overflow. */
  static final int MAX_DEPTH = 32;

  private final List<String> tokens;
  private int at;
  private int depth;

  private XRayFilter(String text) {
    this.tokens = tokenize(text);
  }

  /** The traces {@code expression} selects; everything for a blank one. */
  static Predicate<RecordedTrace> parse(String expression) {
    if (expression == null || expression.isBlank()) {
      return t -> true;
    }
    XRayFilter parser = new XRayFilter(expression);
    Predicate<RecordedTrace> p = parser.or();
    parser.end();
    return p;
  }

  /** {@code service("name")} or {@code edge("a", "b")}, as a subject. */
  static TraceSubject entity(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("EntitySelectorExpression is required.");
    }
    XRayFilter parser = new XRayFilter(expression);
    String function = parser.next().toLowerCase(Locale.ROOT);
    TraceSubject subject;
    parser.expect("(");
    if (function.equals("service")) {
      subject = TraceSubject.service(parser.string());
    } else if (function.equals("edge")) {
      String caller = parser.string();
      parser.expect(",");
      subject = TraceSubject.call(caller, parser.string());
    } else {
      throw new IllegalArgumentException(
          "The entity selector " + expression + " is neither service(\"...\") nor edge(...).");
    }
    parser.expect(")");
    parser.end();
    return subject;
  }

  private Predicate<RecordedTrace> or() {
    Predicate<RecordedTrace> left = and();
    while (peekIs("or", "||")) {
      next();
      left = left.or(and());
    }
    return left;
  }

  private Predicate<RecordedTrace> and() {
    Predicate<RecordedTrace> left = not();
    while (peekIs("and", "&&")) {
      next();
      left = left.and(not());
    }
    return left;
  }

  private Predicate<RecordedTrace> not() {
    if (++depth > MAX_DEPTH) {
      throw new IllegalArgumentException(
          "The filter expression nests deeper than " + MAX_DEPTH + " levels.");
    }
    try {
      if (peekIs("not", "!")) {
        next();
        return not().negate();
      }
      return primary();
    } finally {
      depth--;
    }
  }

  private Predicate<RecordedTrace> primary() {
    String token = next();
    String word = token.toLowerCase(Locale.ROOT);
    switch (word) {
      case "(", "{" -> {
        Predicate<RecordedTrace> inner = or();
        expect(word.equals("(") ? ")" : "}");
        return inner;
      }
      case "service" -> {
        expect("(");
        String name = string();
        expect(")");
        return within(t -> t.services().contains(name));
      }
      case "edge" -> {
        expect("(");
        String caller = string();
        expect(",");
        String callee = string();
        expect(")");
        return within(
            t ->
                t.services().size() == 2 && t.caller().equals(caller) && t.callee().equals(callee));
      }
      case "fault" -> {
        return flag(RecordedTrace::fault);
      }
      case "error" -> {
        return flag(RecordedTrace::error);
      }
      case "throttle" -> {
        return flag(RecordedTrace::throttle);
      }
      case "ok" -> {
        return flag(t -> !t.fault() && !t.error());
      }
      case "responsetime", "duration" -> {
        return compare(t -> t.duration().toNanos() / 1e9);
      }
      case "http.status" -> {
        return compare(t -> t.request().status());
      }
      default ->
          throw new IllegalArgumentException(
              "The filter expression has " + token + " where a condition was expected.");
    }
  }

  /**
   * A node or edge selector, with the braces X-Ray allows after it ({@code service("a") { fault
   * }}): there they ask about that node's segments; a recorded trace here has one flag for all its
   * segments, so they ask about the trace.
   */
  private Predicate<RecordedTrace> within(Predicate<RecordedTrace> selector) {
    if (!peekIs("{")) {
      return selector;
    }
    next();
    Predicate<RecordedTrace> inner = or();
    expect("}");
    return selector.and(inner);
  }

  private Predicate<RecordedTrace> flag(Predicate<RecordedTrace> flag) {
    if (!peekIs("=", "!=")) {
      return flag;
    }
    boolean negated = next().equals("!=");
    String value = next().toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("A flag compares with true or false, not " + value + ".");
    }
    boolean wanted = value.equals("true") != negated;
    return wanted ? flag : flag.negate();
  }

  private Predicate<RecordedTrace> compare(java.util.function.ToDoubleFunction<RecordedTrace> f) {
    String op = next();
    double value;
    try {
      value = Double.parseDouble(next());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "The filter expression compares with something not a number.");
    }
    return switch (op) {
      case "<" -> t -> f.applyAsDouble(t) < value;
      case "<=" -> t -> f.applyAsDouble(t) <= value;
      case ">" -> t -> f.applyAsDouble(t) > value;
      case ">=" -> t -> f.applyAsDouble(t) >= value;
      case "=" -> t -> f.applyAsDouble(t) == value;
      case "!=" -> t -> f.applyAsDouble(t) != value;
      default ->
          throw new IllegalArgumentException(
              "The filter expression has no comparison at " + op + ".");
    };
  }

  private boolean peekIs(String... words) {
    if (at >= tokens.size()) {
      return false;
    }
    for (String w : words) {
      if (tokens.get(at).equalsIgnoreCase(w)) {
        return true;
      }
    }
    return false;
  }

  private String next() {
    if (at >= tokens.size()) {
      throw new IllegalArgumentException("The filter expression ends too early.");
    }
    return tokens.get(at++);
  }

  private void expect(String token) {
    String got = next();
    if (!got.equals(token)) {
      throw new IllegalArgumentException(
          "The filter expression has " + got + " where " + token + " was expected.");
    }
  }

  private String string() {
    String got = next();
    if (got.length() < 2 || got.charAt(0) != '"') {
      throw new IllegalArgumentException(
          "The filter expression has " + got + " where a quoted name was expected.");
    }
    return got.substring(1, got.length() - 1);
  }

  private void end() {
    if (at < tokens.size()) {
      throw new IllegalArgumentException(
          "The filter expression goes on after its end, at " + tokens.get(at) + ".");
    }
  }

  private static List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        int close = text.indexOf('"', i + 1);
        if (close < 0) {
          throw new IllegalArgumentException("The filter expression has an unclosed quote.");
        }
        out.add(text.substring(i, close + 1));
        i = close + 1;
      } else if ("(){},".indexOf(c) >= 0) {
        out.add(String.valueOf(c));
        i++;
      } else if ("<>=!&|".indexOf(c) >= 0) {
        int j = i + 1;
        while (j < text.length() && "<>=!&|".indexOf(text.charAt(j)) >= 0 && j < i + 2) {
          j++;
        }
        out.add(text.substring(i, j));
        i = j;
      } else if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') {
        int j = i + 1;
        while (j < text.length()
            && (Character.isLetterOrDigit(text.charAt(j)) || ".-_".indexOf(text.charAt(j)) >= 0)) {
          j++;
        }
        out.add(text.substring(i, j));
        i = j;
      } else {
        throw new IllegalArgumentException("The filter expression has an unexpected " + c + ".");
      }
    }
    return out;
  }
}
