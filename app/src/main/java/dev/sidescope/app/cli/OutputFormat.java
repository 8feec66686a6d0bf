package dev.sidescope.app.cli;

import dev.sidescope.topology.export.DotExporter;
import dev.sidescope.topology.export.JsonExporter;
import dev.sidescope.topology.export.MermaidExporter;
import dev.sidescope.topology.model.TopologySnapshot;

/** The formats {@code --format} offers. */
public enum OutputFormat {
  JSON,
  MERMAID,
  DOT;

  /** The snapshot in this format. */
  public String render(TopologySnapshot snapshot) {
    return switch (this) {
      case JSON -> new JsonExporter().export(snapshot);
      case MERMAID -> new MermaidExporter().export(snapshot);
      case DOT -> new DotExporter().export(snapshot);
    };
  }
}
