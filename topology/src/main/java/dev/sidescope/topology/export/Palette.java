package dev.sidescope.topology.export;

import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.Severity;
import dev.sidescope.topology.picture.NodeStyle;

/**
 * The colours both exporters use, so a Mermaid and a DOT drawing of one snapshot read alike: blue
 * apps, teal sidecars, grey dashed init containers, fuchsia services (upstream), AWS-orange AWS
 * sinks, near-black Vault, grey external hosts; boxes in the pale yellow of the seed diagram.
 */
final class Palette {
  static final String TEXT = "#111827";
  static final String BOX_FILL = "#ffffde";
  static final String BOX_STROKE = "#aaaa33";

  private Palette() {}

  static String fill(NodeStyle style) {
    return switch (style) {
      case APP -> "#dbeafe";
      case SIDECAR -> "#ccfbf1";
      case INIT -> "#f8fafc";
      case SERVICE -> "#fae8ff";
      case AWS -> "#ffedd5";
      case VAULT -> "#e5e7eb";
      case EXTERNAL -> "#f3f4f6";
    };
  }

  static String stroke(NodeStyle style) {
    return switch (style) {
      case APP -> "#1d4ed8";
      case SIDECAR -> "#0f766e";
      case INIT -> "#64748b";
      case SERVICE -> "#a21caf";
      case AWS -> "#c2410c";
      case VAULT -> "#111827";
      case EXTERNAL -> "#6b7280";
    };
  }

  static String marker(Severity severity) {
    return switch (severity) {
      case ERROR -> "#dc2626";
      case WARNING -> "#d97706";
      case INFO -> "#2563eb";
    };
  }

  static String edge(EdgeKind kind) {
    return switch (kind) {
      case LOCAL -> "#334155";
      case UPSTREAM -> "#a21caf";
      case TELEMETRY, LOGS, CONFIG -> "#c2410c";
      case SECRETS -> "#111827";
    };
  }

  /** Dash pattern: solid for traffic (local, upstream), dashed for what sidecars ship out. */
  static boolean dashed(EdgeKind kind) {
    return kind == EdgeKind.TELEMETRY || kind == EdgeKind.LOGS;
  }

  /** Dotted for what sidecars fetch (config, secrets). */
  static boolean dotted(EdgeKind kind) {
    return kind == EdgeKind.CONFIG || kind == EdgeKind.SECRETS;
  }
}
