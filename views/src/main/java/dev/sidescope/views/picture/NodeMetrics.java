package dev.sidescope.views.picture;

import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureNode;

/**
 * How big a node must be to hold its text at 100% zoom, from an estimate of the text's width. An
 * estimate, not a measurement, so that layout runs without the toolkit on any thread; the estimates
 * err on the wide side.
 */
public final class NodeMetrics {
  /** Size of a node's first line (its name), in pixels at 100%. */
  public static final double NAME_FONT = 13;

  /** Size of a node's second line (its role or kind). */
  public static final double ROLE_FONT = 11;

  /** Size of the tag on a node's second line. */
  public static final double TAG_FONT = 9;

  /** Size of a box's title. */
  public static final double TITLE_FONT = 13;

  public static final double NODE_HEIGHT = 50;
  public static final double PAD_X = 12;
  public static final double MIN_WIDTH = 130;
  public static final double MAX_WIDTH = 320;

  /** Room above a box's members for its title and subtitle. */
  public static final double BOX_TITLE_HEIGHT = 44;

  public static final double BOX_PAD = 14;

  /** Room above an outer box's boxes for its title. */
  public static final double OUTER_TITLE_HEIGHT = 34;

  public static final double OUTER_PAD = 16;

  private NodeMetrics() {}

  /** An estimate of a text's width in pixels at a font size; bold text is a little wider. */
  public static double textWidth(String text, double fontSize, boolean bold) {
    double em = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("il.,:;'|!I1 ".indexOf(c) >= 0) {
        em += 0.32;
      } else if ("mwMW@".indexOf(c) >= 0) {
        em += 0.86;
      } else if (Character.isUpperCase(c)) {
        em += 0.66;
      } else {
        em += 0.56;
      }
    }
    return em * fontSize * (bold ? 1.08 : 1.0);
  }

  /** The tag's pill width. */
  public static double tagWidth(NodeTag tag) {
    // Bold capitals run wider than the estimate's average letter.
    return textWidth(tag.text(), TAG_FONT, true) * 1.22 + 10;
  }

  /** Width and height of a node, to fit its name line and its tag and role line. */
  public static double[] size(PictureNode node, NodeTag tag) {
    String name = node.lines().get(0);
    String role = secondLine(node);
    double w =
        Math.max(
            textWidth(name, NAME_FONT, true),
            tagWidth(tag) + 6 + textWidth(role, ROLE_FONT, false));
    // Room on the right for a finding badge.
    w += 2 * PAD_X + 14;
    return new double[] {clamp(w), NODE_HEIGHT};
  }

  /** The second line: a container's role line, else what the tag stands for. */
  public static String secondLine(PictureNode node) {
    if (node.lines().size() > 1) {
      return node.lines().get(1);
    }
    return switch (node.style()) {
      case SERVICE -> "service";
      case AWS -> "AWS service";
      case VAULT -> "secrets store";
      default -> "external";
    };
  }

  /** The narrowest a box may be so its title fits. */
  public static double boxMinWidth(PictureBox box) {
    return textWidth(box.title(), TITLE_FONT, true) + 2 * BOX_PAD + 24;
  }

  private static double clamp(double w) {
    return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.ceil(w)));
  }
}
