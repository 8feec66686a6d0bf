package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.views.console.ConsoleViewModel;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.OuterBox;
import dev.sidescope.views.settings.ThemeChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.stage.Stage;
import org.graphstream.ui.graphicGraph.GraphicNode;
import org.graphstream.ui.graphicGraph.stylesheet.StyleConstants.VisibilityMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class HideNonMatchingTest {
  private ConsoleFixture console;

  @Start
  void start(Stage stage) throws Exception {
    console = new ConsoleFixture(stage, SeedSample.observations(), ThemeChoice.LIGHT);
  }

  @AfterEach
  void closeWindow() {
    onFx(
        () -> {
          console.stage.close();
          return null;
        });
  }

  private ConsoleViewModel model() {
    return console.window.model();
  }

  private LaidOutPicture shown() {
    await(() -> model().shown().isPresent());
    console.settle();
    return onFx(() -> model().shown().orElseThrow());
  }

  /** Whether GraphStream draws a node: it is in the drawn graph and its style lets it show. */
  private boolean drawn(String id) {
    return onFx(
        () -> {
          GraphicNode n = (GraphicNode) console.window.topologyView().drawnGraph().getNode(id);
          return n != null && n.getStyle().getVisibilityMode() != VisibilityMode.HIDDEN;
        });
  }

  private static List<String> boxesAndOuterBoxes(LaidOutPicture p) {
    List<String> ids = new ArrayList<>();
    p.outer().stream().map(OuterBox::id).forEach(ids::add);
    p.picture().boxes().stream().map(PictureBox::id).forEach(ids::add);
    return ids;
  }

  @Test
  void turningHideNonMatchingOffShouldDrawEveryBoxAgain() {
    LaidOutPicture p = shown();
    onFx(
        () -> {
          model().find("kind:envoy");
          model().setHideNonMatching(true);
          return null;
        });
    Set<String> hidden = onFx(() -> model().hidden());
    List<String> boxes = boxesAndOuterBoxes(p);
    List<String> hiddenBoxes = boxes.stream().filter(hidden::contains).toList();
    assertThat(hiddenBoxes).as("boxes find does not match").isNotEmpty();
    await(() -> hiddenBoxes.stream().noneMatch(this::drawn));

    onFx(
        () -> {
          model().setHideNonMatching(false);
          return null;
        });
    console.settle();
    await(() -> boxes.stream().allMatch(this::drawn));
    await(() -> p.picture().nodes().allMatch(n -> drawn(n.id())));
  }
}
