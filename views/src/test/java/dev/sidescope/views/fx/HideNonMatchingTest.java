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

  /** The first arrow of a kind out of the first node whose id ends so. */
  private static dev.sidescope.topology.picture.PictureEdge arrowOf(
      LaidOutPicture p, String idEnd, dev.sidescope.topology.model.EdgeKind kind) {
    return p.picture().edges().stream()
        .filter(e -> e.from().endsWith(idEnd) && e.kind() == kind)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void hidingShouldKeepTheMatchedNodesArrowsAndWhatTheyLeadTo() {
    LaidOutPicture p = shown();
    var logs = arrowOf(p, "/fluent-bit-sidecar", dev.sidescope.topology.model.EdgeKind.LOGS);
    onFx(
        () -> {
          model().find("kind:fluent-bit");
          model().setHideNonMatching(true);
          return null;
        });
    assertThat(onFx(() -> model().matched())).contains(logs.from()).doesNotContain(logs.to());
    console.settle();
    // The log sink the sidecar ships to stays, though find does not match it, and so its arrow.
    assertThat(onFx(() -> model().hidden())).doesNotContain(logs.to()).isNotEmpty();
    await(() -> drawn(logs.from()) && drawn(logs.to()));
  }

  @Test
  void hidingShouldFitTheViewToWhatIsLeft() {
    LaidOutPicture p = shown();
    onFx(
        () -> {
          model().find("kind:fluent-bit");
          model().setHideNonMatching(true);
          return null;
        });
    console.settle();
    console.settle();
    // Around what is left: the boxes and nodes not hidden.
    Set<String> hidden = onFx(() -> model().hidden());
    double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    List<String> left = new ArrayList<>();
    p.picture().boxes().forEach(b -> left.add(b.id()));
    p.picture().nodes().forEach(n -> left.add(n.id()));
    left.removeIf(hidden::contains);
    for (String id : left) {
      var r = p.geometry().nodes().get(id);
      box[0] = Math.min(box[0], r.x());
      box[1] = Math.min(box[1], r.y());
      box[2] = Math.max(box[2], r.right());
      box[3] = Math.max(box[3], r.bottom());
    }
    double[] fill =
        onFx(
            () -> {
              TopologyView view = console.window.topologyView();
              double[] a = view.toView(box[0], box[1]);
              double[] z = view.toView(box[2], box[3]);
              double w = view.node().getWidth();
              double h = view.node().getHeight();
              assertThat(a[0]).isGreaterThanOrEqualTo(0);
              assertThat(a[1]).isGreaterThanOrEqualTo(0);
              assertThat(z[0]).isLessThanOrEqualTo(w);
              assertThat(z[1]).isLessThanOrEqualTo(h);
              return new double[] {(z[0] - a[0]) / w, (z[1] - a[1]) / h};
            });
    // Fitted: what is left fills the view one way, less its margins.
    assertThat(Math.max(fill[0], fill[1])).isGreaterThan(0.8);
  }
}
