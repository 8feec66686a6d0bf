package dev.sidescope.views.fx;

import dev.sidescope.topology.export.PictureEdge;
import dev.sidescope.topology.model.EdgeKind;
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
 * What the tags, colours and arrow styles of the picture mean, for what the picture shows now. FX
 * thread only.
 */
final class LegendPane extends FlowPane {
  LegendPane() {
    setId("legend");
    setHgap(14);
    setVgap(4);
    setPadding(new Insets(6, 10, 6, 10));
    getStyleClass().add("legend");
  }

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
    for (PictureEdge e : shown.picture().edges()) {
      kinds.add(e.kind());
    }
    // A live picture changes every few seconds and its legend almost never: new JavaFX nodes cost
    // a CSS pass on the FX thread, so the rows are only made again when what they show changed.
    List<Object> key = List.of(List.copyOf(tags.values()), List.copyOf(kinds), palette);
    if (key.equals(shownKey)) {
      return;
    }
    shownKey = key;
    getChildren().clear();
    pending.clear();
    for (NodeTag t : tags.values()) {
      pending.add(() -> tagRow(t, palette));
    }
    for (EdgeKind k : kinds) {
      pending.add(() -> arrowRow(k, palette));
    }
  }

  /** Adds up to {@code n} of the rows still to come; true if more are left. */
  boolean addSome(int n) {
    for (int i = 0; i < n && !pending.isEmpty(); i++) {
      getChildren().add(pending.poll().get());
    }
    return !pending.isEmpty();
  }

  private static HBox tagRow(NodeTag t, PicturePalette palette) {
    Rectangle swatch = new Rectangle(18, 12);
    swatch.setArcWidth(4);
    swatch.setArcHeight(4);
    swatch.setFill(Color.web(palette.nodeFill(t)));
    swatch.setStroke(Color.web(palette.nodeStroke(t)));
    Label pill = new Label(t.text());
    pill.setStyle(
        "-fx-background-color: "
            + t.hue()
            + "; -fx-text-fill: white; -fx-font-size: 9px;"
            + " -fx-font-weight: bold; -fx-padding: 0 5 0 5; -fx-background-radius: 7;");
    Label text = new Label(t.description());
    HBox row = new HBox(6, swatch, pill, text);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private static HBox arrowRow(EdgeKind k, PicturePalette palette) {
    Line line = new Line(0, 0, 26, 0);
    line.setStroke(Color.web(palette.edge(k)));
    line.setStrokeWidth(PicturePalette.edgeWidth(k));
    for (double d : PicturePalette.dashes(k)) {
      line.getStrokeDashArray().add(d);
    }
    StackPane holder = new StackPane(line);
    holder.setMinWidth(30);
    Label text = new Label(k.wireName() + (k == EdgeKind.LOCAL ? " (app ↔ sidecar)" : ""));
    HBox row = new HBox(6, holder, text);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }
}
