package dev.sidescope.topology.export;

import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.picture.NodeStyle;
import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.PictureNode;
import dev.sidescope.topology.picture.TopologyPicture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a snapshot as a Mermaid flowchart drawn like the seed diagram: {@code graph LR}, a {@code
 * subgraph} per pod or task holding its app and sidecars, {@code app <--> sidecar} inside, arrows
 * out to services, AWS sinks, Vault and external hosts, and a class per role so app, sidecar and
 * upstream differ in colour.
 *
 * <p>The output is deterministic: the same snapshot gives the same text, byte for byte. Node ids
 * are plain identifiers made from the model ids; every label is quoted and escaped so that any name
 * renders as written. Stateless and thread-safe.
 */
public final class MermaidExporter {

  /** Creates an exporter; it holds no state. */
  public MermaidExporter() {}

  /** The snapshot as Mermaid text, ending with a newline. */
  public String export(TopologySnapshot snapshot) {
    return write(TopologyPicture.of(snapshot));
  }

  /** An already rendered picture as Mermaid text, ending with a newline. */
  public String write(TopologyPicture picture) {
    PlainIds ids = new PlainIds();
    StringBuilder out = new StringBuilder("graph LR\n");
    Map<String, List<String>> classes = new LinkedHashMap<>();
    for (NodeStyle style : NodeStyle.values()) {
      classes.put(style.className(), new ArrayList<>());
    }
    for (Severity severity : Severity.values()) {
      classes.put(findingClass(severity), new ArrayList<>());
    }

    for (PictureBox box : picture.boxes()) {
      String boxId = ids.of(box.id(), "box_", lastSegment(box.id()));
      out.append("  subgraph ").append(boxId).append("[\"").append(text(box.titleLine()));
      out.append("\"]\n");
      for (PictureNode member : box.members()) {
        String memberId = ids.of(member.id(), boxId + "__", relative(box.id(), member.id()));
        out.append("    ").append(node(memberId, member)).append('\n');
        classify(classes, memberId, member);
      }
      out.append("  end\n");
      box.marker().ifPresent(m -> classes.get(findingClass(m)).add(boxId));
    }
    for (PictureNode node : picture.outside()) {
      String nodeId = ids.of(node.id(), "n_", node.id());
      out.append("  ").append(node(nodeId, node)).append('\n');
      classify(classes, nodeId, node);
    }

    // linkStyle addresses edges by their index; edges that look alike share one statement.
    Map<String, List<Integer>> linkStyles = new LinkedHashMap<>();
    int index = 0;
    for (PictureEdge edge : picture.edges()) {
      out.append("  ").append(ids.get(edge.from())).append(' ');
      out.append(arrow(edge, picture));
      if (!edge.labelLines().isEmpty()) {
        out.append("|\"").append(lines(edge.labelLines())).append("\"|");
      }
      out.append(' ').append(ids.get(edge.to())).append('\n');
      linkStyles.computeIfAbsent(linkStyle(edge), k -> new ArrayList<>()).add(index++);
    }

    for (NodeStyle style : NodeStyle.values()) {
      out.append("  classDef ").append(style.className());
      out.append(" fill:").append(Palette.fill(style));
      out.append(",stroke:").append(Palette.stroke(style));
      out.append(",color:").append(Palette.TEXT);
      out.append(style == NodeStyle.INIT ? ",stroke-dasharray:5 3\n" : "\n");
    }
    // Declared after the roles so that a finding's stroke wins over the role's.
    for (Severity severity : Severity.values()) {
      out.append("  classDef ").append(findingClass(severity));
      out.append(" stroke:").append(Palette.marker(severity)).append(",stroke-width:3px\n");
    }
    classes.forEach(
        (name, members) -> {
          if (!members.isEmpty()) {
            out.append("  class ").append(String.join(",", members)).append(' ');
            out.append(name).append('\n');
          }
        });
    linkStyles.forEach(
        (style, indexes) -> {
          out.append("  linkStyle ");
          out.append(indexes.stream().map(String::valueOf).collect(Collectors.joining(",")));
          out.append(' ').append(style).append('\n');
        });
    return out.toString();
  }

  private static String node(String nodeId, PictureNode node) {
    return nodeId + "[\"" + lines(node.labelLines()) + "\"]";
  }

  private static void classify(Map<String, List<String>> classes, String id, PictureNode node) {
    classes.get(node.style().className()).add(id);
    node.marker().ifPresent(m -> classes.get(findingClass(m)).add(id));
  }

  /** {@code finding_error} and so on: prefixed, so no page style for {@code .error} applies. */
  private static String findingClass(Severity severity) {
    return "finding_" + severity.wireName();
  }

  /**
   * {@code -->}, or {@code <-->} for a local edge; one rank longer ({@code --->}) from an app or
   * init container to something outside its box, so that the target lines up with what the sidecars
   * feed instead of sitting beside them.
   */
  private static String arrow(PictureEdge edge, TopologyPicture picture) {
    if (edge.kind() == EdgeKind.LOCAL) {
      return "<-->";
    }
    return PictureLayout.skipsSidecarColumn(edge, picture) ? "--->" : "-->";
  }

  private static String linkStyle(PictureEdge edge) {
    StringBuilder style = new StringBuilder("stroke:");
    style.append(edge.marker().map(Palette::marker).orElse(Palette.edge(edge.kind())));
    if (edge.marker().isPresent()) {
      style.append(",stroke-width:3px");
    }
    if (Palette.dashed(edge.kind())) {
      style.append(",stroke-dasharray:6 4");
    } else if (Palette.dotted(edge.kind())) {
      style.append(",stroke-dasharray:2 3");
    }
    return style.toString();
  }

  /** The member's id without its box's id, which its generated id already starts with. */
  private static String relative(String boxId, String memberId) {
    return memberId.startsWith(boxId + "/") ? memberId.substring(boxId.length() + 1) : memberId;
  }

  private static String lastSegment(String id) {
    int slash = id.lastIndexOf('/');
    return slash >= 0 && slash < id.length() - 1 ? id.substring(slash + 1) : id;
  }

  private static String lines(List<String> lines) {
    return lines.stream().map(MermaidExporter::text).collect(Collectors.joining("<br/>"));
  }

  /**
   * Escapes one line for a quoted Mermaid label. Letters, digits, spaces and a few harmless marks
   * stay as written; every other ASCII character becomes an entity code ({@code #quot;}, {@code
   * #35;}), because Mermaid reads {@code #...;} as entities, {@code %%} as comments and directives,
   * {@code <}, {@code >} and {@code &} as HTML, and a {@code style ... :} line as a style. Line
   * breaks and other control characters become spaces. Unicode is kept as written.
   *
   * <p>Two exceptions, where Mermaid reads the drawn text once more after decoding entities, so
   * that no escape helps: it takes {@code \n} for a line break (in a label of several lines), and
   * {@code ﬂ°}, {@code ¶ß} for the stand-ins it uses while decoding ({@code &}, {@code ;}). An
   * invisible word joiner (U+2060) goes between the two characters of such a pair.
   */
  static String text(String line) {
    StringBuilder out = new StringBuilder(line.length() + 16);
    int[] previous = {-1};
    line.codePoints()
        .forEach(
            cp -> {
              if ((previous[0] == '\\' && cp == 'n')
                  || (previous[0] == '\uFB02' && cp == '\u00B0')
                  || (previous[0] == '\u00B6' && cp == '\u00DF')) {
                out.append('\u2060');
              }
              previous[0] = cp;
              if (cp == '"') {
                out.append("#quot;");
              } else if (isPlain(cp)) {
                out.appendCodePoint(cp);
              } else if (Character.isISOControl(cp) || isSeparator(cp)) {
                out.append(' ');
              } else if (cp < 0x80 || !isVisible(cp)) {
                out.append('#').append(cp).append(';');
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }

  private static boolean isPlain(int cp) {
    return (cp >= 'a' && cp <= 'z')
        || (cp >= 'A' && cp <= 'Z')
        || (cp >= '0' && cp <= '9')
        || " -_.,/()'+=@".indexOf(cp) >= 0;
  }

  private static boolean isSeparator(int cp) {
    int type = Character.getType(cp);
    return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static boolean isVisible(int cp) {
    int type = Character.getType(cp);
    return type != Character.FORMAT
        && type != Character.PRIVATE_USE
        && type != Character.SURROGATE
        && type != Character.UNASSIGNED;
  }
}
