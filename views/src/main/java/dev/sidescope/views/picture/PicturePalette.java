package dev.sidescope.views.picture;

import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.Severity;

/**
 * The picture's colours for one theme. Node fills are pale (light) or deep (dark) tints of each
 * tag's hue with the hue itself as the border, so colour alone already says app, sidecar kind,
 * service or AWS sink; boxes keep the seed diagram's pale yellow in the light theme.
 */
public record PicturePalette(
    Theme theme,
    String background,
    String text,
    String mutedText,
    String boxFill,
    String boxStroke,
    String boxTitle,
    String edgeLabelBackground,
    String selection) {

  public static PicturePalette of(Theme theme) {
    return theme == Theme.DARK
        ? new PicturePalette(
            theme, "#0d1117", "#e6edf3", "#9da7b3", "#1c1f14", "#6b6b2e", "#e3e3a8", "#161b22",
            "#58a6ff")
        : new PicturePalette(
            theme, "#ffffff", "#111827", "#4b5563", "#ffffde", "#aaaa33", "#3f3f12", "#ffffff",
            "#0969da");
  }

  /** An outer box's fill (namespace, ECS cluster): a faint grey behind the pale boxes. */
  public String outerFill() {
    return theme == Theme.DARK ? "#131920" : "#f5f7fa";
  }

  /** An outer box's border. */
  public String outerStroke() {
    return theme == Theme.DARK ? "#3d4651" : "#a3acb9";
  }

  /** A node's fill for its tag's hue. */
  public String nodeFill(NodeTag tag) {
    Rgb hue = Rgb.hex(tag.hue());
    return theme == Theme.DARK
        ? hue.mix(Rgb.hex("#0d1117"), 0.72).toHex()
        : hue.mix(Rgb.hex("#ffffff"), 0.86).toHex();
  }

  /** A node's border for its tag's hue. */
  public String nodeStroke(NodeTag tag) {
    Rgb hue = Rgb.hex(tag.hue());
    return theme == Theme.DARK ? hue.mix(Rgb.hex("#ffffff"), 0.25).toHex() : tag.hue();
  }

  /** The tag pill's text colour, on the hue itself. */
  public String tagText() {
    return "#ffffff";
  }

  /** An arrow's colour by what it carries. */
  public String edge(EdgeKind kind) {
    boolean dark = theme == Theme.DARK;
    return switch (kind) {
      case LOCAL -> dark ? "#8b949e" : "#475569";
      case UPSTREAM -> dark ? "#e879f9" : "#a21caf";
      case TELEMETRY -> dark ? "#fbbf24" : "#d97706";
      case LOGS -> dark ? "#4ade80" : "#15803d";
      case CONFIG -> dark ? "#d6a85c" : "#a16207";
      case SECRETS -> dark ? "#facc15" : "#854d0e";
    };
  }

  /** An arrow's dash pattern, empty for solid: traffic is solid, what sidecars ship is dashed. */
  public static double[] dashes(EdgeKind kind) {
    return switch (kind) {
      case LOCAL, UPSTREAM -> new double[0];
      case TELEMETRY, LOGS -> new double[] {7, 4};
      case CONFIG, SECRETS -> new double[] {2, 4};
    };
  }

  /** An arrow's width in pixels at 100%. */
  public static double edgeWidth(EdgeKind kind) {
    return kind == EdgeKind.UPSTREAM ? 2.2 : 1.6;
  }

  /** A finding badge's colour. */
  public static String severity(Severity severity) {
    return switch (severity) {
      case ERROR -> "#dc2626";
      case WARNING -> "#d97706";
      case INFO -> "#2563eb";
    };
  }

  /** The glyph inside a finding badge. */
  public static String severityGlyph(Severity severity) {
    return switch (severity) {
      case ERROR -> "✖";
      case WARNING -> "!";
      case INFO -> "i";
    };
  }
}
