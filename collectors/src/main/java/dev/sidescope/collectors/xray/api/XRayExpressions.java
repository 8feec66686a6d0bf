package dev.sidescope.collectors.xray.api;

import dev.sidescope.topology.model.traffic.TraceSubject;
import dev.sidescope.topology.source.TraceQueries.TraceFilter;

/**
 * X-Ray's filter expression language, as far as Sidescope speaks it: {@code service("name")} and
 * {@code edge("caller", "callee")} select a node or an edge of the service graph (they are also the
 * {@code EntitySelectorExpression} of {@code GetTimeSeriesServiceStatistics}); a filter in curly
 * braces after either applies to that node's or edge's segments ({@code { fault OR error }}).
 *
 * <p>Names are always in double quotes. X-Ray's segment names cannot hold a double quote, but a
 * backslash may appear; both are escaped with a backslash so that no name can end the string early.
 */
final class XRayExpressions {
  private XRayExpressions() {}

  /** {@code service("name")}, or {@code edge("caller", "callee")} for a call. */
  static String selector(TraceSubject subject) {
    return subject
        .callee()
        .map(callee -> "edge(" + quoted(subject.service()) + ", " + quoted(callee) + ")")
        .orElseGet(() -> "service(" + quoted(subject.service()) + ")");
  }

  /**
   * The traces that pass through the subject; for {@link TraceFilter#FAILED}, those whose segments
   * there have a fault (5xx) or an error (4xx, throttles included).
   */
  static String traces(TraceSubject subject, TraceFilter filter) {
    return switch (filter) {
      case SLOWEST -> selector(subject);
      case FAILED -> selector(subject) + " { fault OR error }";
    };
  }

  /** {@code text} as a filter-expression string. */
  static String quoted(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
