package dev.sidescope.views.fx;

import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.TrafficLevel;
import dev.sidescope.topology.picture.TrafficThresholds;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.NodeTag;
import dev.sidescope.views.picture.PicturePalette;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * What the tags, colours and arrow styles of the picture mean, for what the picture shows now; when
 * any arrow carries measured traffic, also what its colour, width and dashes say about its p99 and
 * errors under the thresholds in settings. FX thread only.
 */
final class LegendPane extends FlowPane {
  LegendPane() {
    setId("legend");
    setHgap(14);
    setVgap(4);
    setPadding(new Insets(6, 10, 6, 10));
    getStyleClass().add("legend");
    for (Label probe : List.of(textProbe, pillProbe)) {
      probe.setManaged(false);
      probe.setVisible(false);
    }
    getChildren().addAll(textProbe, pillProbe);
  }

  /**
   * Labels never shown, styled like a row's description and tag: they measure the rows still to
   * come, so that the legend takes its whole height at once and the picture above it is not made
   * smaller (and drawn again) once per line while the rows come in.
   */
  private final Label textProbe = new Label();

  private final Label pillProbe = pill("", "#000000");

  /** The widths of the rows of the legend shown now, all of them, in pixels. */
  private double[] rowWidths = new double[0];

  private double lineHeight;

  private List<Object> shownKey = List.of();

  /** The rows still to add, made when added. */
  private final java.util.ArrayDeque<java.util.function.Supplier<javafx.scene.Node>> pending =
      new java.util.ArrayDeque<>();

  /** Shows what a picture's tags, colours and arrow styles mean, all at once. */
  void show(LaidOutPicture shown, PicturePalette palette) {
    prepare(shown, palette);
    addSome(Integer.MAX_VALUE);
  }

  /**
   * Starts showing what a picture's tags, colours and arrow styles mean: the old rows go, the new
   * ones come with {@link #addSome}. Nothing changes if the legend would be the same.
   */
  void prepare(LaidOutPicture shown, PicturePalette palette) {
    Map<String, NodeTag> tags = new LinkedHashMap<>();
    // Sorted the same way every time: apps, sidecar kinds, then what stands outside.
    shown
        .picture()
        .nodes()
        .forEach(
            n -> {
              NodeTag t = shown.tags().get(n.id());
              tags.putIfAbsent(t.text() + t.description(), t);
            });
    Set<EdgeKind> kinds = new TreeSet<>();
    boolean measured = false;
    for (PictureEdge e : shown.picture().edges()) {
      kinds.add(e.kind());
      measured |= !e.metrics().isEmpty();
    }
    // A live picture changes every few seconds and its legend almost never: new JavaFX nodes cost
    // a CSS pass on the FX thread, so the rows are only made again when what they show changed.
    List<Object> key = List.of(List.copyOf(tags.values()), List.copyOf(kinds), palette, measured);
    if (key.equals(shownKey)) {
      return;
    }
    shownKey = key;
    getChildren().setAll(textProbe, pillProbe);
    pending.clear();
    List<Double> widths = new java.util.ArrayList<>();
    for (NodeTag t : tags.values()) {
      pending.add(() -> tagRow(t, palette));
      widths.add(
          SWATCH + GAP + width(pillProbe, t.text()) + GAP + width(textProbe, t.description()));
    }
    for (EdgeKind k : kinds) {
      pending.add(() -> arrowRow(k, palette));
      widths.add(ARROW + GAP + width(textProbe, arrowText(k)));
    }
    if (measured) {
      for (TrafficLevel level : TRAFFIC_ROWS) {
        pending.add(() -> trafficRow(level, palette));
        widths.add(ARROW + GAP + width(textProbe, trafficText(level, palette.traffic())));
      }
    }
    rowWidths = widths.stream().mapToDouble(Double::doubleValue).toArray();
    lineHeight =
        Math.max(SWATCH_HEIGHT, Math.max(textProbe.prefHeight(-1), pillProbe.prefHeight(-1)));
    requestLayout();
  }

  private static double width(Label probe, String text) {
    probe.setText(text);
    return probe.prefWidth(-1);
  }

  /**
   * While rows are still to come, as tall as the legend will be with all of them: the rows are laid
   * out as the flow lays them out, in lines as wide as the legend.
   */
  @Override
  protected double computePrefHeight(double width) {
    double own = super.computePrefHeight(width);
    if (pending.isEmpty() || rowWidths.length == 0) {
      return own;
    }
    Insets in = getInsets();
    double room = (width < 0 ? getPrefWrapLength() : width) - in.getLeft() - in.getRight();
    int lines = 1;
    double x = 0;
    for (double w : rowWidths) {
      if (x > 0 && x + w > room) {
        lines++;
        x = 0;
      }
      x += w + getHgap();
    }
    double all = in.getTop() + in.getBottom() + lines * lineHeight + (lines - 1) * getVgap();
    return Math.max(own, snapSizeY(all));
  }

  /**
   * Makes a row of every sidecar kind and arrow style, styles and lays them out, and drops them
   * again; part of the console's rehearsal before the window shows ({@link ConsoleWindow}).
   */
  void rehearse(javafx.scene.Parent root, PicturePalette palette) {
    for (dev.sidescope.topology.model.SidecarKind k :
        dev.sidescope.topology.model.SidecarKind.values()) {
      getChildren().add(tagRow(NodeTag.ofSidecar(k), palette));
    }
    for (EdgeKind k : EdgeKind.values()) {
      getChildren().add(arrowRow(k, palette));
    }
    for (TrafficLevel level : TRAFFIC_ROWS) {
      getChildren().add(trafficRow(level, palette));
    }
    root.applyCss();
    root.layout();
    getChildren().setAll(textProbe, pillProbe);
  }

  /**
   * Measures the rows of a picture with the probes, which costs as much again as making rows the
   * first time, and forgets them; part of the console's rehearsal too.
   */
  void rehearse(LaidOutPicture picture, PicturePalette palette) {
    try {
      prepare(picture, palette);
    } finally {
      shownKey = List.of();
      pending.clear();
      rowWidths = new double[0];
      getChildren().setAll(textProbe, pillProbe);
    }
  }

  /** Adds up to {@code n} of the rows still to come; true if more are left. */
  boolean addSome(int n) {
    for (int i = 0; i < n && !pending.isEmpty(); i++) {
      getChildren().add(pending.poll().get());
    }
    return !pending.isEmpty();
  }

  /** A row's parts: the swatch, the space between parts, an arrow's sample line. */
  private static final double SWATCH = 18;

  private static final double SWATCH_HEIGHT = 12;
  private static final double GAP = 6;
  private static final double ARROW = 30;

  private static HBox tagRow(NodeTag t, PicturePalette palette) {
    Rectangle swatch = new Rectangle(SWATCH, SWATCH_HEIGHT);
    swatch.setArcWidth(4);
    swatch.setArcHeight(4);
    swatch.setFill(Color.web(palette.nodeFill(t)));
    swatch.setStroke(Color.web(palette.nodeStroke(t)));
    Label text = new Label(t.description());
    HBox row = new HBox(GAP, swatch, pill(t.text(), t.hue()), text);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private static Label pill(String text, String hue) {
    Label pill = new Label(text);
    pill.setStyle(
        "-fx-background-color: "
            + hue
            + "; -fx-text-fill: white; -fx-font-size: 9px;"
            + " -fx-font-weight: bold; -fx-padding: 0 5 0 5; -fx-background-radius: 7;");
    return pill;
  }

  private static String arrowText(EdgeKind k) {
    return k.wireName() + (k == EdgeKind.LOCAL ? " (app ↔ sidecar)" : "");
  }

  private static HBox arrowRow(EdgeKind k, PicturePalette palette) {
    return lineRow(
        palette.edge(k), PicturePalette.edgeWidth(k), PicturePalette.dashes(k), arrowText(k));
  }

  /** The rows for measured arrows, fine first: each level's colour, width and dashes. */
  static final List<TrafficLevel> TRAFFIC_ROWS =
      List.of(TrafficLevel.OK, TrafficLevel.WARN, TrafficLevel.BAD, TrafficLevel.NO_TRAFFIC);

  /** What a traffic level means under the thresholds, e.g. "p99 ≥ 250 ms or errors ≥ 1%". */
  static String trafficText(TrafficLevel level, TrafficThresholds t) {
    return switch (level) {
      case OK -> "p99 < " + millis(t.p99WarnMs()) + ", errors < " + percent(t.errorWarn());
      case WARN -> "p99 ≥ " + millis(t.p99WarnMs()) + " or errors ≥ " + percent(t.errorWarn());
      case BAD -> "p99 ≥ " + millis(t.p99BadMs()) + " or errors ≥ " + percent(t.errorBad());
      case NO_TRAFFIC -> "no traffic in the window";
      case NO_DATA -> "not measured";
    };
  }

  private static String millis(double ms) {
    return ms >= 1000 && ms % 100 == 0 ? plain(ms / 1000) + " s" : plain(ms) + " ms";
  }

  private static String percent(double fraction) {
    return plain(fraction * 100) + "%";
  }

  private static String plain(double v) {
    String text = String.format(java.util.Locale.ROOT, "%.2f", v);
    return text.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static HBox trafficRow(TrafficLevel level, PicturePalette palette) {
    // As a measured upstream arrow is drawn: the level's width and dashes whatever the kind.
    return lineRow(
        palette.trafficColour(level),
        PicturePalette.edgeWidth(EdgeKind.UPSTREAM, level),
        PicturePalette.dashes(EdgeKind.UPSTREAM, level),
        trafficText(level, palette.traffic()));
  }

  private static HBox lineRow(String colour, double width, double[] dashes, String meaning) {
    Line line = new Line(0, 0, 26, 0);
    line.setStroke(Color.web(colour));
    line.setStrokeWidth(width);
    for (double d : dashes) {
      line.getStrokeDashArray().add(d);
    }
    StackPane holder = new StackPane(line);
    holder.setMinWidth(ARROW);
    Label text = new Label(meaning);
    HBox row = new HBox(GAP, holder, text);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }
}
