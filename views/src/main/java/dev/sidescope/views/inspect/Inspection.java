package dev.sidescope.views.inspect;

import dev.sidescope.topology.model.Severity;
import java.util.List;
import java.util.Optional;

/**
 * What the inspector shows for the selected node: a title, a subtitle, sections of label/value rows
 * (one per container for a pod or task), and the sentences of the findings about it. Immutable;
 * every value is already safe to show (credentials masked).
 */
public record Inspection(
    String title, String subtitle, List<Section> sections, List<FindingLine> findings) {

  public Inspection {
    sections = List.copyOf(sections);
    findings = List.copyOf(findings);
  }

  /** A titled group of rows, e.g. one container. */
  public record Section(String title, List<Row> rows) {
    public Section {
      rows = List.copyOf(rows);
    }

    /** The value of the first row with this label, if any. */
    public java.util.Optional<String> value(String label) {
      return rows.stream().filter(r -> r.label().equals(label)).map(Row::value).findFirst();
    }
  }

  /** One label and its value. */
  public record Row(String label, String value) {}

  /**
   * One finding: how bad, its code, and its sentence.
   *
   * @param previousLogs the container whose previous run's logs tell more (a sidecar that
   *     restarts), by its id; empty for other findings
   */
  public record FindingLine(
      Severity severity, String code, String message, Optional<String> previousLogs) {
    public FindingLine {
      previousLogs = previousLogs == null ? Optional.empty() : previousLogs;
    }

    public FindingLine(Severity severity, String code, String message) {
      this(severity, code, message, Optional.empty());
    }
  }
}
