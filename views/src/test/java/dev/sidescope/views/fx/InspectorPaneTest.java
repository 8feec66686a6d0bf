package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.views.inspect.Inspection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class InspectorPaneTest {
  private InspectorPane pane;

  @Start
  void start(Stage stage) {
    pane = new InspectorPane();
    stage.setScene(new Scene(pane, 320, 200));
    stage.show();
  }

  /** A node with more rows than the pane shows at once. */
  private static Optional<Inspection> tall(String title, String subtitle) {
    List<Inspection.Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(new Inspection.Row("env " + i, "value " + i));
    }
    return Optional.of(
        new Inspection(
            title,
            subtitle,
            List.of(new Inspection.Section("Container " + title, rows)),
            List.of()));
  }

  /** Shows a node, lays it out and scrolls to its bottom; returns where the pane is scrolled. */
  private double showAndScrollDown(Optional<Inspection> inspection) {
    return onFx(
        () -> {
          pane.show(inspection);
          pane.applyCss();
          pane.layout();
          pane.setVvalue(pane.getVmax());
          return pane.getVvalue();
        });
  }

  private double showAgain(Optional<Inspection> inspection) {
    return onFx(
        () -> {
          pane.show(inspection);
          pane.applyCss();
          pane.layout();
          return pane.getVvalue();
        });
  }

  @Test
  void anotherNodeSelectedShouldBeShownFromTheTop() {
    assertThat(showAndScrollDown(tall("envoy", "Pod order-1 · shop"))).isEqualTo(1.0);
    assertThat(showAgain(tall("xray-daemon", "Pod order-1 · shop"))).isEqualTo(0.0);
    // A container of the same name in another pod is another node too.
    assertThat(showAndScrollDown(tall("xray-daemon", "Pod order-1 · shop"))).isEqualTo(1.0);
    assertThat(showAgain(tall("xray-daemon", "Pod order-2 · shop"))).isEqualTo(0.0);
  }

  @Test
  void theSameNodeUpdatedShouldKeepWhereThePersonScrolledTo() {
    assertThat(showAndScrollDown(tall("envoy", "Pod order-1 · shop"))).isEqualTo(1.0);
    assertThat(showAgain(tall("envoy", "Pod order-1 · shop"))).isEqualTo(1.0);
  }

  @Test
  void nothingSelectedAfterANodeShouldShowFromTheTop() {
    assertThat(showAndScrollDown(tall("envoy", "Pod order-1 · shop"))).isEqualTo(1.0);
    assertThat(showAgain(Optional.empty())).isEqualTo(0.0);
  }
}
