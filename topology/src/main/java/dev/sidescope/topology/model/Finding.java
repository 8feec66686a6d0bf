package dev.sidescope.topology.model;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Something the sidecar doctor noticed, said in one sentence for a person.
 *
 * @param code upper snake case, stable once shipped, e.g. {@code SIDECAR_NOT_READY}
 * @param subject the id of the workload or edge it is about
 * @param container the container's name, where it is about one
 * @param message one sentence; never holds a secret value
 */
public record Finding(
    Severity severity, String code, String subject, Optional<String> container, String message) {

  /**
   * Worst first, then by subject, code and container (none before any). Written out rather than
   * chained from key extractors, since a snapshot sorts many thousands of findings with it.
   */
  public static final Comparator<Finding> ORDER =
      (a, b) -> {
        int c = a.severity.compareTo(b.severity);
        if (c == 0) {
          c = a.subject.compareTo(b.subject);
        }
        if (c == 0) {
          c = a.code.compareTo(b.code);
        }
        return c != 0 ? c : a.container.orElse("").compareTo(b.container.orElse(""));
      };

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

  public Finding {
    container = container == null ? Optional.empty() : container;
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("finding codes are upper snake case: " + code);
    }
  }
}
