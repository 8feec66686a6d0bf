package dev.sidescope.samples.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudWatch Logs filter pattern for unstructured events: terms that must all appear in a
 * message, case-sensitively; a term in double quotes may hold spaces and punctuation. An empty
 * pattern matches every event. JSON and space-delimited patterns are refused as invalid.
 */
final class FilterPattern {
  private static final Pattern TERM = Pattern.compile("\"([^\"]*)\"|(\\S+)");

  private final List<String> terms;

  private FilterPattern(List<String> terms) {
    this.terms = List.copyOf(terms);
  }

  /**
   * The pattern {@code text}.
   *
   * @throws AwsErrorResponse {@code InvalidParameterException} for a pattern of another kind
   */
  static FilterPattern parse(String text) {
    String trimmed = text.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      throw AwsErrorResponse.invalidParameter(
          "The sample endpoint matches plain terms only, not the filter pattern " + text + ".");
    }
    List<String> terms = new ArrayList<>();
    Matcher m = TERM.matcher(trimmed);
    while (m.find()) {
      terms.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return new FilterPattern(terms);
  }

  /** Whether {@code message} holds every term. */
  boolean matches(String message) {
    for (String term : terms) {
      if (!message.contains(term)) {
        return false;
      }
    }
    return true;
  }
}
