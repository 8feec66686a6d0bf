package dev.sidescope.views.fx;

import dev.sidescope.topology.model.SourceStatus;
import dev.sidescope.views.status.SourceChip;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;

/** One chip per source, coloured by its state. FX thread only. */
final class SourceBar extends FlowPane {
  SourceBar() {
    setHgap(6);
    setVgap(4);
    getStyleClass().add("source-bar");
    setId("source-bar");
  }

  void show(List<SourceStatus> sources, Instant now) {
    getChildren().clear();
    if (sources.isEmpty()) {
      Label none = new Label("no sources");
      none.getStyleClass().addAll("source-chip", "source-stale");
      getChildren().add(none);
      return;
    }
    for (SourceStatus s : sources) {
      SourceChip chip = SourceChip.of(s, now);
      Label label = new Label(chip.text());
      label.getStyleClass().addAll("source-chip", chip.styleClass());
      label.setId("source-" + chip.id());
      label.setUserData(chip);
      label.setTooltip(new Tooltip(chip.tooltip()));
      getChildren().add(label);
    }
  }
}
