package dev.sidescope.views.picture;

import java.util.Locale;

/**
 * How GraphStream draws one node: where (its rectangle) and in which colours. The labels, tags,
 * badges and arrows are drawn over it by the console's foreground. Equal looks need no update.
 *
 * @param z drawing order: outer boxes 0 behind boxes 1 behind their members 2
 * @param dimmed drawn faint, for a find that it does not match
 * @param hidden not drawn at all ("hide non-matching")
 */
public record NodeLook(
    String id,
    Rect rect,
    String fill,
    String stroke,
    double strokeWidth,
    int z,
    boolean dimmed,
    boolean hidden) {

  /**
   * The node's GraphStream style ({@code ui.style}); sizes in graph units track the layout. A plain
   * box: gs-ui-javafx 2.0's {@code rounded-box} draws a square as high as it is wide.
   *
   * <p>It names every property it ever sets, visibility too: GraphStream merges a new {@code
   * ui.style} into the rule it keeps for the node's id (kept even after the node is removed), so a
   * property left out keeps its last value. A box once hidden would stay hidden.
   */
  public String css() {
    double alpha = dimmed ? 0.25 : 1.0;
    return String.format(
        Locale.ROOT,
        "shape: box; size: %.1fgu, %.1fgu; fill-mode: plain; fill-color: %s; "
            + "stroke-mode: plain; stroke-color: %s; stroke-width: %.1fpx; z-index: %d; "
            + "text-mode: hidden;%s",
        rect.w(),
        rect.h(),
        Rgb.hex(fill).toRgba(alpha),
        Rgb.hex(stroke).toRgba(alpha),
        strokeWidth,
        z,
        hidden ? " visibility-mode: hidden;" : " visibility-mode: normal;");
  }

  /** GraphStream's y axis points up; the layout's points down. */
  public double graphX() {
    return rect.centerX();
  }

  public double graphY() {
    return -rect.centerY();
  }
}
