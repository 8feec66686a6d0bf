package dev.sidescope.views.picture;

import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.TrafficLevel;
import dev.sidescope.topology.picture.TrafficThresholds;

/**
 * The picture's colours for one theme. Node fills are pale (light) or deep (dark) tints of each
 * tag's hue with the hue itself as the border, so colour alone already says app, sidecar kind,
 * service or AWS sink; boxes keep the seed diagram's pale yellow in the light theme.
 *
 * <p>An arrow with measured traffic is drawn by its {@link TrafficLevel} under {@link #traffic()}
 * instead of its kind: hue, width and dashes each tell the level, so that it reads without telling
 * red from green (or in grey on a projector): fine is a plain line, warn a thicker one, bad the
 * thickest and dashed, no traffic a thin dotted grey line.
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
    String selection,
    TrafficThresholds traffic) {

  public PicturePalette {
    traffic = traffic == null ? TrafficThresholds.DEFAULTS : traffic;
  }

  /** The theme's palette, with the default traffic thresholds. */
  public static PicturePalette of(Theme theme) {
    return of(theme, TrafficThresholds.DEFAULTS);
  }

  /** The theme's palette, styling measured arrows by these thresholds. */
  public static PicturePalette of(Theme theme, TrafficThresholds traffic) {
    return theme == Theme.DARK
        ? new PicturePalette(
            theme, "#0d1117", "#e6edf3", "#9da7b3", "#1c1f14", "#6b6b2e", "#e3e3a8", "#161b22",
            "#58a6ff", traffic)
        : new PicturePalette(
            theme, "#ffffff", "#111827", "#4b5563", "#ffffde", "#aaaa33", "#3f3f12", "#ffffff",
            "#0969da", traffic);
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

  /** What an arrow's measured traffic says under this palette's thresholds. */
  public TrafficLevel level(PictureEdge edge) {
    return edge.traffic(traffic);
  }

  /**
   * An arrow's colour: a finding's about it first, else its traffic level's where it was measured,
   * else its kind's.
   */
  public String edge(PictureEdge edge, TrafficLevel level) {
    if (edge.marker().isPresent()) {
      return severity(edge.marker().get());
    }
    return level.measured() ? trafficColour(level) : edge(edge.kind());
  }

  /** The colour of a level of measured traffic; blue-green, orange and red, grey for none. */
  public String trafficColour(TrafficLevel level) {
    boolean dark = theme == Theme.DARK;
    return switch (level) {
      case OK -> dark ? "#2dd4bf" : "#0f766e";
      case WARN -> dark ? "#fb923c" : "#c2410c";
      case BAD -> dark ? "#f87171" : "#dc2626";
      case NO_TRAFFIC -> dark ? "#6e7681" : "#9ca3af";
      case NO_DATA -> dark ? "#8b949e" : "#475569";
    };
  }

  /** An arrow's width in pixels at 100%: by its traffic level where measured, else its kind. */
  public static double edgeWidth(EdgeKind kind, TrafficLevel level) {
    return switch (level) {
      case NO_DATA -> edgeWidth(kind);
      case NO_TRAFFIC -> 1.4;
      case OK -> 2.2;
      case WARN -> 3.8;
      case BAD -> 5.6;
    };
  }

  /** An arrow's dash pattern: by its traffic level where measured, else its kind. */
  public static double[] dashes(EdgeKind kind, TrafficLevel level) {
    return switch (level) {
      case NO_DATA -> dashes(kind);
      case NO_TRAFFIC -> new double[] {1.5, 4};
      case OK, WARN -> new double[0];
      case BAD -> new double[] {12, 4};
    };
  }

  /**
   * An arrow's width far out, where every arrow is a plain line of a pixel: warn and bad keep a
   * thicker one, so that trouble still shows on a whole cluster.
   */
  public static int farWidth(TrafficLevel level) {
    return switch (level) {
      case WARN -> 2;
      case BAD -> 3;
      default -> 1;
    };
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
