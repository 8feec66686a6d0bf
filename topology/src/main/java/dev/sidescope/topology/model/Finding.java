package dev.sidescope.topology.model;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
        if (c == 0 && a.subject != b.subject) {
          c = a.subject.compareTo(b.subject);
        }
        if (c == 0) {
          c = a.code.compareTo(b.code);
        }
        return c != 0 ? c : a.container.orElse("").compareTo(b.container.orElse(""));
      };

  public Finding {
    container = container == null ? Optional.empty() : container;
    if (!CHECKED_CODES.contains(code)) {
      if (!isUpperSnakeCase(code)) {
        throw new IllegalArgumentException("finding codes are upper snake case: " + code);
      }
      if (CHECKED_CODES.size() < 1_000) {
        CHECKED_CODES.add(code);
      }
    }
  }

  /**
   * Codes found well-formed: each rule makes its findings with a code of its own, so a snapshot's
   * tens of thousands of findings bring a dozen codes, and each is checked once.
   */
  private static final Set<String> CHECKED_CODES = ConcurrentHashMap.newKeySet();

  /** {@code [A-Z][A-Z0-9_]*}, checked by hand: every finding of a snapshot comes through here. */
  private static boolean isUpperSnakeCase(String code) {
    if (code.isEmpty() || code.charAt(0) < 'A' || code.charAt(0) > 'Z') {
      return false;
    }
    for (int i = 1; i < code.length(); i++) {
      char c = code.charAt(i);
      if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '_') {
        return false;
      }
    }
    return true;
  }
}
