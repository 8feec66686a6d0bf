package dev.sidescope.views.picture;

import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.PictureNode;
import dev.sidescope.topology.picture.TrafficLevel;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes what the window shows as SVG: the same boxes, nodes, tags, arrows and badges, from the
 * laid-out picture rather than from pixels, so the file stays sharp and its text searchable. Pure.
 */
public final class SvgWriter {
  private SvgWriter() {}

  public static String write(LaidOutPicture shown, PicturePalette palette, Set<String> hidden) {
    Rect b = shown.geometry().bounds();
    double pad = 20;
    double ox = pad - b.x();
    double oy = pad - b.y();
    StringBuilder out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append(
        f(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"Segoe UI, Helvetica, Arial, sans-serif\">\n",
            b.w() + 2 * pad, b.h() + 2 * pad, b.w() + 2 * pad, b.h() + 2 * pad));
    out.append(f("<rect width=\"100%%\" height=\"100%%\" fill=\"%s\"/>\n", palette.background()));
    out.append("<defs>\n");
    for (var kind : dev.sidescope.topology.model.EdgeKind.values()) {
      out.append(
          f(
              "<marker id=\"arrow-%s\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"%s\"/></marker>\n",
              kind.wireName(), palette.edge(kind)));
    }
    for (TrafficLevel level : TrafficLevel.values()) {
      if (level.measured()) {
        out.append(
            f(
                "<marker id=\"arrow-%s\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"%s\"/></marker>\n",
                level.className(), palette.trafficColour(level)));
      }
    }
    out.append("</defs>\n");
    for (OuterBox o : shown.outer()) {
      Rect r = shown.geometry().nodes().get(o.id());
      if (r == null || (!o.boxes().isEmpty() && hidden.containsAll(o.boxes()))) {
        continue;
      }
      out.append(
          f(
              "<g class=\"outer\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"8\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.2\"/>",
              r.x() + ox, r.y() + oy, r.w(), r.h(), palette.outerFill(), palette.outerStroke()));
      out.append(
          f(
              "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" font-weight=\"bold\" fill=\"%s\">%s</text></g>\n",
              r.x() + ox + NodeMetrics.OUTER_PAD,
              r.y() + oy + 22,
              palette.mutedText(),
              esc(o.title())));
    }
    BoxSubtitle subtitles = BoxSubtitle.of(shown);
    for (PictureBox box : shown.picture().boxes()) {
      Rect r = shown.geometry().nodes().get(box.id());
      if (r == null || hidden.contains(box.id())) {
        continue;
      }
      out.append(
          f(
              "<g class=\"box\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>",
              r.x() + ox, r.y() + oy, r.w(), r.h(), palette.boxFill(), palette.boxStroke()));
      out.append(
          f(
              "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" font-weight=\"bold\" fill=\"%s\">%s</text>",
              r.x() + ox + 12, r.y() + oy + 19, palette.boxTitle(), esc(box.titleLine())));
      out.append(
          f(
              "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">%s</text></g>\n",
              r.x() + ox + 12, r.y() + oy + 35, palette.mutedText(), esc(subtitles.of(box))));
    }
    for (PictureEdge e : shown.picture().edges()) {
      List<Point> route = shown.geometry().routes().get(EdgeKey.of(e));
      if (route == null
          || route.size() < 2
          || hidden.contains(e.from())
          || hidden.contains(e.to())) {
        continue;
      }
      StringBuilder d = new StringBuilder();
      for (int i = 0; i < route.size(); i++) {
        Point p = route.get(i);
        d.append(i == 0 ? "M" : " L").append(f("%.1f,%.1f", p.x() + ox, p.y() + oy));
      }
      TrafficLevel level = palette.level(e);
      // A measured arrow is drawn by its traffic, its head in the same colour.
      String head = level.measured() ? level.className() : e.kind().wireName();
      double[] dash = PicturePalette.dashes(e.kind(), level);
      String dashAttr =
          dash.length == 0 ? "" : f(" stroke-dasharray=\"%.0f %.0f\"", dash[0], dash[1]);
      String both =
          e.kind() == dev.sidescope.topology.model.EdgeKind.LOCAL
              ? f(" marker-start=\"url(#arrow-%s)\"", head)
              : "";
      out.append(
          f(
              "<path class=\"edge %s%s\" d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"%s marker-end=\"url(#arrow-%s)\"%s/>\n",
              e.kind().wireName(),
              level.measured() ? " " + level.className() : "",
              d,
              level.measured() ? palette.trafficColour(level) : palette.edge(e.kind()),
              PicturePalette.edgeWidth(e.kind(), level),
              dashAttr,
              head,
              both));
      if (!e.labelLines().isEmpty()) {
        Point mid = EdgeLabels.anchor(route);
        out.append(
            f(
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10.5\" text-anchor=\"middle\" fill=\"%s\">%s</text>\n",
                mid.x() + ox,
                mid.y() + oy - 4,
                level.measured() ? palette.trafficColour(level) : palette.mutedText(),
                esc(String.join(" · ", e.labelLines()))));
      }
    }
    shown
        .picture()
        .nodes()
        .forEach(
            (PictureNode n) -> {
              Rect r = shown.geometry().nodes().get(n.id());
              if (r == null || hidden.contains(n.id())) {
                return;
              }
              NodeTag tag = shown.tags().get(n.id());
              double x = r.x() + ox;
              double y = r.y() + oy;
              out.append(
                  f(
                      "<g class=\"node %s\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>",
                      n.style().className(),
                      x,
                      y,
                      r.w(),
                      r.h(),
                      palette.nodeFill(tag),
                      palette.nodeStroke(tag),
                      n.style() == dev.sidescope.topology.picture.NodeStyle.APP ? "2.5" : "1.5"));
              out.append(
                  f(
                      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" font-weight=\"bold\" fill=\"%s\">%s</text>",
                      x + 12, y + 20, palette.text(), esc(n.lines().get(0))));
              double tw = NodeMetrics.tagWidth(tag);
              out.append(
                  f(
                      "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" rx=\"7\" fill=\"%s\"/>",
                      x + 12, y + 28, tw, tag.hue()));
              out.append(
                  f(
                      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" font-weight=\"bold\" fill=\"#ffffff\">%s</text>",
                      x + 17, y + 38.5, esc(tag.text())));
              out.append(
                  f(
                      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">%s</text>",
                      x + 12 + tw + 6,
                      y + 39.5,
                      palette.mutedText(),
                      esc(NodeMetrics.secondLine(n))));
              n.marker()
                  .ifPresent(
                      m ->
                          out.append(
                              f(
                                  "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8\" fill=\"%s\"><title>%s</title></circle>",
                                  x + r.w() - 4, y + 4, PicturePalette.severity(m), m.wireName())));
              out.append("</g>\n");
            });
    out.append("</svg>\n");
    return out.toString();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
