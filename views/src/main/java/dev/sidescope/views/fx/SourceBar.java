package dev.sidescope.views.fx;

import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.views.status.SourceChip;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;

/**
 * One chip per source, coloured by its state. Until the first snapshot it shows one chip saying so,
 * which keeps the bar's height: the picture below it does not move (and is not drawn again) when
 * the sources' chips come. While live updates are paused a last chip says so, and how many are
 * waiting. FX thread only.
 */
final class SourceBar extends FlowPane {
  static final String CONNECTING = "connecting…";

  /** The widest a chip grows, in pixels. */
  static final double MAX_CHIP_WIDTH = 640;

  /** After the sources' chips, shown only while paused. */
  private final Label paused = new Label();

  SourceBar() {
    // A flow pane's least width is its widest child's preferred one, whatever that child's maximum:
    // a chip with a long reason would hold the whole window wider than the screen.
    setMinWidth(0);
    setHgap(6);
    setVgap(4);
    getStyleClass().add("source-bar");
    setId("source-bar");
    paused.setId("paused");
    paused.getStyleClass().addAll("source-chip", "source-paused");
    paused(""); // hidden until paused
    getChildren().add(paused);
    showConnecting();
  }

  /** Says the picture is paused, with this line; an empty line hides the chip. */
  void paused(String line) {
    paused.setText(line);
    paused.setVisible(!line.isEmpty());
    paused.setManaged(!line.isEmpty());
  }

  /** The chip saying the picture is paused; for tests. */
  Label pausedChip() {
    return paused;
  }

  /**
   * Shows a chip of every state, styles and lays them out, and goes back to saying it is
   * connecting; part of the console's rehearsal before the window shows ({@link ConsoleWindow}).
   */
  void rehearse(javafx.scene.Parent root) {
    Instant now = Instant.now();
    List<SourceStatus> samples = new java.util.ArrayList<>();
    for (dev.sidescope.topology.model.SourceState state :
        dev.sidescope.topology.model.SourceState.values()) {
      samples.add(
          new SourceStatus(
              "rehearsal/" + state.wireName(),
              state,
              java.util.Optional.of("rehearsal"),
              java.util.Optional.of(now)));
    }
    show(samples, now);
    root.applyCss();
    root.layout();
    getChildren().setAll(paused);
    showConnecting();
  }

  /** One chip saying the sources are being connected to. */
  private void showConnecting() {
    Label connecting = chip(0);
    connecting.setText(CONNECTING);
    state(connecting, "source-connecting");
  }

  void show(List<SourceStatus> sources, Instant now) {
    show(sources, s -> SourceChip.of(s, now));
  }

  /**
   * Shows the snapshot's sources, a live one that contributed no pod or task to it saying so
   * ({@link SourceChip#of(SourceStatus, Instant, TopologySnapshot)}).
   */
  void show(TopologySnapshot snapshot, Instant now) {
    show(snapshot.sources(), s -> SourceChip.of(s, now, snapshot));
  }

  private void show(List<SourceStatus> sources, Function<SourceStatus, SourceChip> chips) {
    if (sources.isEmpty()) {
      Label none = chip(0);
      none.setText("no sources");
      none.setId(null);
      none.setUserData(null);
      none.setTooltip(null);
      state(none, "source-stale");
      getChildren().remove(1, getChildren().size() - 1);
      return;
    }
    for (int i = 0; i < sources.size(); i++) {
      SourceChip chip = chips.apply(sources.get(i));
      Label label = chip(i);
      label.setText(chip.text());
      state(label, chip.styleClass());
      label.setId("source-" + chip.id());
      label.setUserData(chip);
      if (label.getTooltip() != null) {
        label.getTooltip().setText(chip.tooltip());
      }
    }
    getChildren().remove(sources.size(), getChildren().size() - 1);
  }

  /**
   * The chip at a place, made if there are fewer: a live source's chips change text and colour
   * every few seconds, and are updated in place rather than made again with their tooltips.
   */
  private Label chip(int i) {
    // The paused chip stays last.
    while (getChildren().size() - 1 <= i) {
      Label label = new Label();
      label.getStyleClass().add("source-chip");
      // A long reason (a port-forward's error, say) ends in an ellipsis; the tooltip has it all.
      // Uncapped, one chip widened the window's content past the window.
      label.setMinWidth(0);
      label.setMaxWidth(MAX_CHIP_WIDTH);
      // A tooltip makes a popup scene of its own, which costs a CSS pass: made when the pointer
      // first comes over the chip.
      label.setOnMouseEntered(
          e -> {
            if (label.getTooltip() == null && label.getUserData() instanceof SourceChip chip) {
              label.setTooltip(new Tooltip(chip.tooltip()));
            }
          });
      getChildren().add(getChildren().size() - 1, label);
    }
    return (Label) getChildren().get(i);
  }

  private static void state(Label label, String styleClass) {
    if (label.getStyleClass().contains(styleClass)) {
      return;
    }
    label.getStyleClass().removeIf(c -> c.startsWith("source-") && !c.equals("source-chip"));
    label.getStyleClass().add(styleClass);
  }
}
