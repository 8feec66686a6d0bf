package dev.sidescope.views;

import java.util.Locale;

/** The forms the console exports what it shows in. */
public enum ExportFormat {
  PNG("png", "PNG image"),
  SVG("svg", "SVG drawing"),
  MERMAID("mmd", "Mermaid flowchart"),
  DOT("dot", "Graphviz DOT"),
  /** The snapshot shown as {@code sidescope snapshot} prints it: {@code sidescope.snapshot/v1}. */
  JSON("json", "Snapshot JSON");

  private final String extension;
  private final String description;

  ExportFormat(String extension, String description) {
    this.extension = extension;
    this.description = description;
  }

  /** The file extension, without a dot. */
  public String extension() {
    return extension;
  }

  public String description() {
    return description;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
