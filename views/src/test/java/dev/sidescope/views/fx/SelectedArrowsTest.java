package dev.sidescope.views.fx;

import static dev.sidescope.testing.SeedSample.ORDER_ENVOY;
import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.views.picture.EdgeKey;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Point;
import dev.sidescope.views.picture.Rgb;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ThemeChoice;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class SelectedArrowsTest {
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

  private LaidOutPicture shown() {
    await(() -> console.window.model().shown().isPresent());
    console.settle();
    return onFx(() -> console.window.model().shown().orElseThrow());
  }

  /** The order pod's Envoy's call to its upstream: a long arrow across the picture. */
  private static PictureEdge envoysUpstream(LaidOutPicture p) {
    return p.picture().edges().stream()
        .filter(e -> e.from().equals(ORDER_ENVOY) && e.kind() == EdgeKind.UPSTREAM)
        .findFirst()
        .orElseThrow();
  }

  /** Points along the longest straight part of an arrow's route, away from its ends and label. */
  private static List<Point> along(LaidOutPicture p, PictureEdge e) {
    List<Point> route = p.geometry().routes().get(EdgeKey.of(e));
    Point a = route.get(0);
    Point b = route.get(1);
    for (int i = 1; i < route.size(); i++) {
      Point u = route.get(i - 1);
      Point v = route.get(i);
      if (Math.hypot(v.x() - u.x(), v.y() - u.y()) > Math.hypot(b.x() - a.x(), b.y() - a.y())) {
        a = u;
        b = v;
      }
    }
    List<Point> points = new ArrayList<>();
    for (double t : new double[] {0.2, 0.3, 0.65, 0.8}) {
      points.add(new Point(a.x() + t * (b.x() - a.x()), a.y() + t * (b.y() - a.y())));
    }
    return points;
  }

  private static boolean near(int argb, Rgb colour) {
    int[] c = ConsoleFixture.rgb(argb);
    return Math.abs(c[0] - colour.r()) < 40
        && Math.abs(c[1] - colour.g()) < 40
        && Math.abs(c[2] - colour.b()) < 40;
  }

  /** How many of the points show the colour in the view's pixels. */
  private long inColour(List<Point> points, Rgb colour) {
    return onFx(
        () -> {
          TopologyView view = console.window.topologyView();
          WritableImage image = view.snapshot();
          return points.stream()
              .filter(
                  pt -> {
                    double[] px = view.toView(pt.x(), pt.y());
                    int x = (int) Math.round(px[0]);
                    int y = (int) Math.round(px[1]);
                    return x >= 0
                        && y >= 0
                        && x < image.getWidth()
                        && y < image.getHeight()
                        && near(image.getPixelReader().getArgb(x, y), colour);
                  })
              .count();
        });
  }

  @Test
  void selectingANodeShouldDrawItsArrowsInTheAccentColour() {
    LaidOutPicture p = shown();
    List<Point> points = along(p, envoysUpstream(p));
    Rgb accent = Rgb.hex(PicturePalette.of(Theme.LIGHT).selection());
    assertThat(inColour(points, accent)).as("before the selection").isZero();

    onFx(
        () -> {
          console.window.model().select(ORDER_ENVOY, false);
          return null;
        });
    console.settle();
    assertThat(inColour(points, accent)).as("points of the arrow in the accent").isGreaterThan(2);
  }

  /** The text of a tooltip showing, a label in its popup. */
  private static java.util.Optional<Label> tooltip(FxRobot robot) {
    return robot.lookup(".tooltip").queryAll().stream()
        .filter(Label.class::isInstance)
        .map(Label.class::cast)
        .findFirst();
  }

  @Test
  void hoveringAnArrowShouldSayWhereItComesFromAndGoesTo(FxRobot robot) {
    LaidOutPicture p = shown();
    PictureEdge arrow = envoysUpstream(p);
    Point on = along(p, arrow).get(1);
    Point2D screen =
        onFx(
            () -> {
              TopologyView view = console.window.topologyView();
              double[] px = view.toView(on.x(), on.y());
              return view.node().localToScreen(px[0], px[1]);
            });
    robot.moveTo(screen);
    await(() -> tooltip(robot).isPresent());
    String text = onFx(() -> tooltip(robot).orElseThrow().getText());
    assertThat(text)
        .contains("from envoy (Pod order-service-5f7c9-x2k4q)")
        .contains("to " + p.picture().node(arrow.to()).orElseThrow().lines().get(0))
        .contains("kind upstream");
  }
}
