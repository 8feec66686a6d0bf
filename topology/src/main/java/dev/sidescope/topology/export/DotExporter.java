package dev.sidescope.topology.export;

import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.picture.NodeStyle;
import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.PictureNode;
import dev.sidescope.topology.picture.TopologyPicture;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a snapshot as a Graphviz {@code digraph}, left to right: a {@code cluster} subgraph per
 * pod or task holding its app and sidecars, the services, AWS sinks, Vault and external hosts
 * outside. Nodes are filled by role (the same colours as {@link MermaidExporter}); edges are styled
 * by kind: {@code local} both ways, {@code upstream} bold, {@code telemetry} and {@code logs}
 * dashed, {@code config} and {@code secrets} dotted.
 *
 * <p>The output is deterministic. Node names are the model ids, quoted and escaped, so a DOT reader
 * can map a node back to the snapshot. Stateless and thread-safe.
 */
public final class DotExporter {

  private static final String FONT = "Helvetica,Arial,sans-serif";

  /** Creates an exporter; it holds no state. */
  public DotExporter() {}

  /** The snapshot as DOT text, ending with a newline. */
  public String export(TopologySnapshot snapshot) {
    return write(TopologyPicture.of(snapshot));
  }

  /** An already rendered picture as DOT text, ending with a newline. */
  public String write(TopologyPicture picture) {
    StringBuilder out = new StringBuilder("digraph sidescope {\n");
    out.append("  rankdir=LR;\n");
    out.append("  graph [fontname=\"").append(FONT).append("\", fontsize=12, nodesep=0.35];\n");
    out.append("  node [shape=box, style=\"rounded,filled\", fontname=\"").append(FONT);
    out.append("\", fontsize=11, fontcolor=\"").append(Palette.TEXT).append("\"];\n");
    out.append("  edge [fontname=\"").append(FONT).append("\", fontsize=9];\n");

    for (PictureBox box : picture.boxes()) {
      out.append("  subgraph ").append(id("cluster_" + box.id())).append(" {\n");
      out.append("    label=").append(label(List.of(box.titleLine()))).append(";\n");
      out.append("    style=\"rounded,filled\";\n");
      out.append("    fillcolor=\"").append(Palette.BOX_FILL).append("\";\n");
      out.append("    color=\"");
      out.append(box.marker().map(Palette::marker).orElse(Palette.BOX_STROKE)).append("\";\n");
      box.marker().ifPresent(m -> out.append("    penwidth=3;\n"));
      for (PictureNode member : box.members()) {
        out.append("    ").append(node(member)).append('\n');
      }
      out.append("  }\n");
    }
    for (PictureNode node : picture.outside()) {
      out.append("  ").append(node(node)).append('\n');
    }
    for (PictureEdge edge : picture.edges()) {
      out.append("  ").append(id(edge.from())).append(" -> ").append(id(edge.to()));
      out.append(" [").append(String.join(", ", edgeAttributes(edge, picture))).append("];\n");
    }
    out.append("}\n");
    return out.toString();
  }

  private static String node(PictureNode node) {
    List<String> attributes = new ArrayList<>();
    attributes.add("label=" + label(node.labelLines()));
    if (node.style() == NodeStyle.INIT) {
      attributes.add("style=\"rounded,filled,dashed\"");
    }
    attributes.add("fillcolor=\"" + Palette.fill(node.style()) + "\"");
    attributes.add(
        "color=\""
            + node.marker().map(Palette::marker).orElse(Palette.stroke(node.style()))
            + "\"");
    attributes.add("penwidth=" + (node.marker().isPresent() ? "3" : "1.2"));
    attributes.add("class=\"" + node.style().className() + "\"");
    return id(node.id()) + " [" + String.join(", ", attributes) + "];";
  }

  private static List<String> edgeAttributes(PictureEdge edge, TopologyPicture picture) {
    List<String> attributes = new ArrayList<>();
    if (edge.kind() == EdgeKind.LOCAL) {
      attributes.add("dir=both");
    }
    if (Palette.dashed(edge.kind())) {
      attributes.add("style=dashed");
    } else if (Palette.dotted(edge.kind())) {
      attributes.add("style=dotted");
    } else if (edge.kind() == EdgeKind.UPSTREAM) {
      attributes.add("style=bold");
    }
    String colour = edge.marker().map(Palette::marker).orElse(Palette.edge(edge.kind()));
    attributes.add("color=\"" + colour + "\"");
    attributes.add("fontcolor=\"" + colour + "\"");
    if (edge.marker().isPresent()) {
      attributes.add("penwidth=3");
    }
    if (PictureLayout.skipsSidecarColumn(edge, picture)) {
      attributes.add("minlen=2");
    }
    if (!edge.labelLines().isEmpty()) {
      attributes.add("label=" + label(edge.labelLines()));
    }
    attributes.add("class=\"" + edge.kind().wireName() + "\"");
    return attributes;
  }

  /**
   * A quoted DOT id. Graphviz's lexer knows one escape in quoted strings, {@code \"}, and reads
   * {@code \\"} as a backslash followed by an escaped quote, so a backslash cannot be written as
   * itself; ids spell it {@code &#92;} and {@code &} as {@code &amp;}, which keeps the mapping
   * one-to-one.
   */
  static String id(String modelId) {
    StringBuilder out = new StringBuilder(modelId.length() + 2).append('"');
    modelId
        .codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("&#92;");
                case '&' -> out.append("&amp;");
                case '\n', '\r' -> out.append(' ');
                default -> out.appendCodePoint(cp);
              }
            });
    return out.append('"').toString();
  }

  /**
   * A quoted DOT label of one or more centred lines. Graphviz first decodes HTML entities in a
   * label, so {@code &} is written {@code &amp;}; then it reads backslash escapes ({@code \n},
   * {@code \N}, {@code \l}...), so a backslash must reach that step doubled. Written as {@code \\}
   * it could end up right before the closing quote, where the lexer takes {@code \"} for an escaped
   * quote; written {@code \&#92;} it cannot.
   */
  static String label(List<String> lines) {
    return lines.stream()
        .map(DotExporter::labelLine)
        .collect(Collectors.joining("\\n", "\"", "\""));
  }

  private static String labelLine(String line) {
    StringBuilder out = new StringBuilder(line.length() + 8);
    line.codePoints()
        .forEach(
            cp -> {
              if (cp == '"') {
                out.append("\\\"");
              } else if (cp == '\\') {
                out.append("\\&#92;");
              } else if (cp == '&') {
                out.append("&amp;");
              } else if (Character.isISOControl(cp)) {
                out.append(' ');
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }
}
