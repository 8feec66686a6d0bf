package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.await;
import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.TrafficLevel;
import dev.sidescope.views.ConsoleOptions;
import dev.sidescope.views.SnapshotFeed;
import dev.sidescope.views.picture.EdgeKey;
import dev.sidescope.views.picture.Geometry;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Point;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.settings.ConsoleSettings;
import dev.sidescope.views.settings.SettingsStore;
import dev.sidescope.views.settings.ThemeChoice;
import dev.sidescope.views.testing.Traffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Live numbers on the arrows: a snapshot that changes only figures restyles the arrows on the
 * picture's places without a layout, bursts are applied once, the legend says what the styles mean
 * only when something is measured, and P holds the picture.
 */
class LiveTrafficTest extends OnStageTest {
  private static final TopologySnapshot SEED =
      SeedSample.snapshot(SeedSample.observations(), Grouping.POD);
  private static final TopologySnapshot FINE = Traffic.onUpstream(SEED, Traffic.of(12, 180, 0));
  private static final TopologySnapshot SLOW =
      Traffic.onUpstream(SEED, Traffic.of(12, 1500, 0.002));

  private final Feed feed = new Feed();
  private ConsoleWindow window;

  /** A feed that hands over the snapshots a test gives it, on the test's thread. */
  private static final class Feed implements SnapshotFeed {
    private volatile Consumer<TopologySnapshot> listener;

    @Override
    public AutoCloseable subscribe(Consumer<TopologySnapshot> l) {
      listener = l;
      return () -> listener = null;
    }

    @Override
    public void setGrouping(Grouping grouping) {}

    void deliver(TopologySnapshot s) {
      listener.accept(s);
    }
  }

  @BeforeEach
  void open() throws Exception {
    Path dir = Files.createTempDirectory("sidescope-live-traffic");
    window =
        onFx(
            () -> {
              ConsoleWindow w =
                  new ConsoleWindow(
                      ConsoleOptions.of("Sidescope — live traffic", dir, feed),
                      new SettingsStore(dir),
                      ConsoleSettings.DEFAULTS.withTheme(ThemeChoice.LIGHT),
                      Optional.empty(),
                      Theme.LIGHT);
              w.show(stage);
              stage.setX(0);
              stage.setY(0);
              stage.setWidth(1600);
              stage.setHeight(1000);
              return w;
            });
  }

  private void showAndSettle(TopologySnapshot s) {
    feed.deliver(s);
    await(() -> window.model().shown().map(p -> p.snapshot() == s).orElse(false));
    ConsoleFixture.settle(window);
  }

  private LaidOutPicture shown() {
    return onFx(() -> window.topologyView().shown().orElseThrow());
  }

  private static PictureEdge upstream(LaidOutPicture p) {
    return p.picture().edges().stream()
        .filter(e -> e.kind() == EdgeKind.UPSTREAM)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aLiveUpdateOfOnlyNumbersRestylesTheArrowWithoutLayingOutAgain() {
    showAndSettle(FINE);
    LaidOutPicture before = shown();
    long layouts = onFx(() -> window.layoutWorker().layouts());
    PicturePalette palette = PicturePalette.of(Theme.LIGHT);
    assertThat(palette.level(upstream(before))).isEqualTo(TrafficLevel.OK);
    assertThat(arrowPixels(before)).anyMatch(LiveTrafficTest::blueGreen);

    showAndSettle(SLOW);
    LaidOutPicture after = shown();

    assertThat(onFx(() -> window.layoutWorker().layouts())).isEqualTo(layouts);
    assertThat(onFx(() -> window.layoutWorker().restyles())).isEqualTo(1);
    assertThat(after.geometry()).isSameAs(before.geometry());
    assertThat(after.fullLayout()).isFalse();
    assertThat(palette.level(upstream(after))).isEqualTo(TrafficLevel.BAD);
    assertThat(upstream(after).labelLines())
        .contains("12 rps · p50 375 · p99 1500 ms · 0.2% errors");
    assertThat(arrowPixels(after)).anyMatch(LiveTrafficTest::red);
    assertThat(arrowPixels(after)).noneMatch(LiveTrafficTest::blueGreen);
  }

  @Test
  void aBurstOfUpdatesFasterThanFramesIsAppliedAsOne() {
    showAndSettle(FINE);
    AtomicInteger drawn = new AtomicInteger();
    onFx(
        () -> {
          window.model().drawing().listen(d -> drawn.incrementAndGet());
          return null;
        });
    TopologySnapshot last = null;
    for (int i = 0; i < 40; i++) {
      last = Traffic.onUpstream(SEED, Traffic.of(10 + i, 100 + 30 * i, 0));
      feed.deliver(last);
    }
    TopologySnapshot newest = last;
    await(() -> window.model().shown().map(p -> p.snapshot() == newest).orElse(false));

    assertThat(drawn.get()).isLessThan(40);
    assertThat(onFx(() -> window.layoutWorker().layouts())).isEqualTo(1);
  }

  @Test
  void theLegendSaysWhatTrafficStylesMeanOnlyWhenSomethingIsMeasured() {
    showAndSettle(SEED);
    assertThat(legendTexts()).noneMatch(t -> t.startsWith("p99"));

    showAndSettle(FINE);

    assertThat(legendTexts())
        .contains(
            "p99 < 250 ms, errors < 1%",
            "p99 ≥ 250 ms or errors ≥ 1%", "p99 ≥ 1 s or errors ≥ 5%", "no traffic in the window");
  }

  @Test
  void pressingPHoldsThePictureAndSaysHowManyUpdatesWaitThenShowsTheNewest(FxRobot robot) {
    showAndSettle(FINE);
    onFx(
        () -> {
          window.topologyView().node().requestFocus();
          return null;
        });
    robot.type(KeyCode.P);
    Label chip = onFx(() -> window.sourceBar().pausedChip());
    await(chip::isVisible);
    assertThat(onFx(chip::getText)).isEqualTo("Paused — press P to resume");

    feed.deliver(SLOW);
    await(() -> chip.getText().endsWith("1 update waiting"));
    assertThat(onFx(() -> window.model().shown().orElseThrow().snapshot())).isSameAs(FINE);

    robot.type(KeyCode.P);
    await(() -> window.model().shown().map(p -> p.snapshot() == SLOW).orElse(false));
    assertThat(onFx(chip::isVisible)).isFalse();
  }

  private List<String> legendTexts() {
    return onFx(
        () ->
            window.legend().lookupAll(".label").stream()
                .filter(n -> n instanceof Label l && l.isVisible())
                .map(n -> ((Label) n).getText())
                .toList());
  }

  /**
   * The colours of the view along the first upstream arrow's longest segment, away from its label
   * in the middle.
   */
  private List<int[]> arrowPixels(LaidOutPicture p) {
    return onFx(
        () -> {
          TopologyView view = window.topologyView();
          WritableImage image = view.snapshot();
          PixelReader pixels = image.getPixelReader();
          Geometry g = p.geometry();
          List<Point> route = g.routes().get(EdgeKey.of(upstream(p)));
          Point a = route.get(0);
          Point b = route.get(1);
          for (int i = 1; i < route.size(); i++) {
            Point x = route.get(i - 1);
            Point y = route.get(i);
            if (Math.hypot(y.x() - x.x(), y.y() - x.y())
                > Math.hypot(b.x() - a.x(), b.y() - a.y())) {
              a = x;
              b = y;
            }
          }
          List<int[]> found = new java.util.ArrayList<>();
          for (double t = 0.1; t <= 0.35; t += 0.01) {
            double[] px = view.toView(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t);
            int x = (int) Math.round(px[0]);
            int y = (int) Math.round(px[1]);
            if (x >= 0 && y >= 0 && x < image.getWidth() && y < image.getHeight()) {
              found.add(ConsoleFixture.rgb(pixels.getArgb(x, y)));
            }
          }
          return found;
        });
  }

  /** The fine arrow's blue-green, however faint the anti-aliasing makes a thin line. */
  private static boolean blueGreen(int[] rgb) {
    return rgb[1] > rgb[0] + 40 && rgb[2] > rgb[0] + 40;
  }

  /** The bad arrow's red. */
  private static boolean red(int[] rgb) {
    return rgb[0] > rgb[1] + 80 && rgb[0] > rgb[2] + 80;
  }
}
