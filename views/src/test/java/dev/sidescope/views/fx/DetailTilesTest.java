package dev.sidescope.views.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.views.picture.EdgeKey;
import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.NodeLook;
import dev.sidescope.views.picture.PictureLooks;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Point;
import dev.sidescope.views.picture.Rect;
import dev.sidescope.views.picture.Rgb;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.testing.GeneratedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/** The tiles a large picture is drawn from show its shapes and arrows where the layout put them. */
@ExtendWith(ApplicationExtension.class)
class DetailTilesTest {
  private static final PicturePalette PALETTE = PicturePalette.of(Theme.LIGHT);

  private static LaidOutPicture large() {
    LaidOutPicture p = GeneratedCluster.laidOut(400);
    assertThat(p.large()).isTrue();
    return p;
  }

  private static List<PictureForeground.Route> routes(LaidOutPicture p) {
    List<PictureForeground.Route> routes = new ArrayList<>();
    p.picture()
        .edges()
        .forEach(
            e -> {
              List<Point> r = p.geometry().routes().get(EdgeKey.of(e));
              if (r != null && r.size() >= 2) {
                routes.add(new PictureForeground.Route(e, r, new Rect(-1e9, -1e9, 2e9, 2e9)));
              }
            });
    return routes;
  }

  @Test
  void eachMemberShouldBeInItsOwnFillOnTheTileThatHoldsItsMiddle() {
    LaidOutPicture p = large();
    List<NodeLook> looks = List.copyOf(PictureLooks.of(p, PALETTE, Set.of(), Set.of()).values());
    DetailTiles.Content c =
        new DetailTiles.Content(looks, List.of(), List.of(), PALETTE, Set.of(), Set.of());
    double scale = 1.0;
    int checked = 0;
    for (NodeLook look : looks) {
      if (look.z() != 2) {
        continue;
      }
      Rect r = look.rect();
      // Inside the frame, clear of the text the foreground draws over the tile.
      double x = r.x() + 4;
      double y = r.y() + 4;
      int px = (int) Math.floor(x * scale);
      int py = (int) Math.floor(y * scale);
      int i = Math.floorDiv(px, DetailTiles.SIZE);
      int j = Math.floorDiv(py, DetailTiles.SIZE);
      WritableImage tile = DetailTiles.draw(c, scale, i, j);
      assertThat(tile.getWidth()).isEqualTo(DetailTiles.SIZE);
      int argb =
          tile.getPixelReader().getArgb(px - i * DetailTiles.SIZE, py - j * DetailTiles.SIZE);
      Rgb want = Rgb.hex(look.fill());
      assertThat(ConsoleFixture.rgb(argb)).as(look.id()).containsExactly(ConsoleFixture.rgb(want));
      if (++checked == 20) {
        break;
      }
    }
    assertThat(checked).isEqualTo(20);
  }

  @Test
  void aPlainArrowShouldBeInItsKindsColourAlongItsRouteAndAHiddenOneNotAtAll() {
    LaidOutPicture p = large();
    List<PictureForeground.Route> routes = routes(p);
    // A plain (undashed) arrow with a vertical piece at least 40 units long.
    PictureForeground.Route chosen = null;
    Point a = null;
    Point b = null;
    for (PictureForeground.Route r : routes) {
      if (PicturePalette.dashes(r.edge().kind()).length > 0 || r.edge().marker().isPresent()) {
        continue;
      }
      for (int n = 1; n < r.points().size(); n++) {
        Point from = r.points().get(n - 1);
        Point to = r.points().get(n);
        if (from.x() == to.x() && Math.abs(to.y() - from.y()) >= 40) {
          chosen = r;
          a = from;
          b = to;
        }
      }
      if (chosen != null) {
        break;
      }
    }
    assertThat(chosen).as("a plain arrow with a long vertical piece").isNotNull();
    double scale = 1.0;
    int px = (int) Math.round(a.x() * scale);
    int py = (int) Math.round((a.y() + b.y()) / 2 * scale);
    int i = Math.floorDiv(px, DetailTiles.SIZE);
    int j = Math.floorDiv(py, DetailTiles.SIZE);
    // Only the chosen arrow, so no other can be what is seen there.
    DetailTiles.Content shown =
        new DetailTiles.Content(List.of(), List.of(chosen), List.of(), PALETTE, Set.of(), Set.of());
    int argb =
        DetailTiles.draw(shown, scale, i, j)
            .getPixelReader()
            .getArgb(px - i * DetailTiles.SIZE, py - j * DetailTiles.SIZE);
    Rgb want = Rgb.hex(PALETTE.edge(chosen.edge().kind()));
    assertThat(ConsoleFixture.rgb(argb)).containsExactly(ConsoleFixture.rgb(want));

    DetailTiles.Content hidden =
        new DetailTiles.Content(
            List.of(), List.of(chosen), List.of(), PALETTE, Set.of(), Set.of(chosen.edge().from()));
    int bare =
        DetailTiles.draw(hidden, scale, i, j)
            .getPixelReader()
            .getArgb(px - i * DetailTiles.SIZE, py - j * DetailTiles.SIZE);
    Rgb background = Rgb.hex(PALETTE.background());
    assertThat(ConsoleFixture.rgb(bare)).containsExactly(ConsoleFixture.rgb(background));
  }

  @Test
  void aDashedArrowShouldKeepItsDashesInStepAcrossTiles() {
    // Telemetry: 7 pixels on, 4 off at 100%, across seven tiles from x = 10.
    double startX = 10;
    double y = 100;
    double endX = startX + 7 * DetailTiles.SIZE - 20;
    dev.sidescope.topology.picture.PictureEdge edge =
        new dev.sidescope.topology.picture.PictureEdge(
            "a",
            "b",
            dev.sidescope.topology.model.EdgeKind.TELEMETRY,
            List.of(),
            java.util.Optional.empty());
    PictureForeground.Route route =
        new PictureForeground.Route(
            edge,
            List.of(new Point(startX, y), new Point(endX, y)),
            new Rect(startX, y, endX - startX, 0));
    DetailTiles.Content c =
        new DetailTiles.Content(List.of(), List.of(route), List.of(), PALETTE, Set.of(), Set.of());
    int[] ink = ConsoleFixture.rgb(Rgb.hex(PALETTE.edge(edge.kind())));
    javafx.scene.image.PixelReader[] row = new javafx.scene.image.PixelReader[7];
    for (int i = 0; i < row.length; i++) {
      row[i] = DetailTiles.draw(c, 1.0, i, 0).getPixelReader();
    }
    int checked = 0;
    List<Integer> wrong = new ArrayList<>();
    for (int x = (int) startX + 2; x < endX - 2; x++) {
      double along = (x + 0.5 - startX) % 11;
      if (Math.abs(along - 7) < 1.5 || along < 1.5 || along > 9.5) {
        continue; // within a pixel of a dash's end
      }
      boolean inked = false;
      for (int dy = -1; dy <= 1; dy++) {
        int argb = row[x / DetailTiles.SIZE].getArgb(x % DetailTiles.SIZE, (int) y + dy);
        inked |= java.util.Arrays.equals(ConsoleFixture.rgb(argb), ink);
      }
      if (inked != along < 7) {
        wrong.add(x);
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(1000);
    assertThat(wrong).as("pixels off the dash pattern").isEmpty();
  }

  @Test
  void everyTileOfTheWholePictureShouldBeDrawnAtAnyZoom() {
    LaidOutPicture p = large();
    List<NodeLook> looks = List.copyOf(PictureLooks.of(p, PALETTE, Set.of(), Set.of()).values());
    DetailTiles.Content c =
        new DetailTiles.Content(looks, routes(p), List.of(), PALETTE, Set.of(), Set.of());
    Rect b = p.geometry().bounds();
    // Zooms as the camera gives them, not round: a dash ending within rounding of a tile's or a
    // segment's end must not stop the drawing.
    for (double scale : new double[] {0.9999999999999636, 0.40000000000000113, 1.7}) {
      int tiles =
          org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
              java.time.Duration.ofSeconds(60),
              () -> {
                int n = 0;
                for (int i = (int) Math.floor(b.x() * scale / DetailTiles.SIZE);
                    i <= Math.floor(b.right() * scale / DetailTiles.SIZE);
                    i++) {
                  for (int j = (int) Math.floor(b.y() * scale / DetailTiles.SIZE);
                      j <= Math.floor(b.bottom() * scale / DetailTiles.SIZE);
                      j++) {
                    assertThat(DetailTiles.draw(c, scale, i, j).getHeight())
                        .isEqualTo(DetailTiles.SIZE);
                    n++;
                  }
                }
                return n;
              });
      assertThat(tiles).isGreaterThan(1);
    }
  }

  @Test
  void aFindingBadgeShouldBeADotFarOutAndLeftToTheForegroundCloseUp() {
    DetailTiles.Dot dot = new DetailTiles.Dot(300, 200, "#dc2626", false);
    DetailTiles.Content c =
        new DetailTiles.Content(List.of(), List.of(), List.of(dot), PALETTE, Set.of(), Set.of());
    Rgb red = Rgb.hex("#dc2626");
    Rgb background = Rgb.hex(PALETTE.background());

    double far = PictureForeground.FAR / 2;
    int argb =
        DetailTiles.draw(c, far, 0, 0)
            .getPixelReader()
            .getArgb((int) Math.floor(300 * far), (int) Math.floor(200 * far));
    assertThat(ConsoleFixture.rgb(argb)).containsExactly(ConsoleFixture.rgb(red));

    int size = DetailTiles.SIZE;
    int near =
        DetailTiles.draw(c, 1.0, 300 / size, 200 / size)
            .getPixelReader()
            .getArgb(300 % size, 200 % size);
    assertThat(ConsoleFixture.rgb(near)).containsExactly(ConsoleFixture.rgb(background));
  }

  /** A large picture's shapes and arrows in a palette, nothing dimmed or hidden. */
  private static DetailTiles.Content content(LaidOutPicture p, PicturePalette palette) {
    List<NodeLook> looks = List.copyOf(PictureLooks.of(p, palette, Set.of(), Set.of()).values());
    return new DetailTiles.Content(looks, routes(p), List.of(), palette, Set.of(), Set.of());
  }

  @Test
  void tilesAroundTheViewShouldNotDrawItAgainButTheLastOneInViewShould() throws Exception {
    DetailTiles.Content c = content(large(), PALETTE);
    java.util.concurrent.atomic.AtomicInteger redraws =
        new java.util.concurrent.atomic.AtomicInteger();
    DetailTiles tiles = ConsoleFixture.onFx(() -> new DetailTiles(redraws::incrementAndGet));
    try {
      List<int[]> ring = List.of(new int[] {0, 0}, new int[] {1, 0}, new int[] {0, 1});
      ConsoleFixture.onFx(
          () -> {
            tiles.ask(c, 1.0, ring, 0, 0.5, 0.5);
            return null;
          });
      awaitTiles(tiles, c, ring);
      // Every tile arrived and was taken: no redraw came, and none is waiting to come later.
      assertThat(ConsoleFixture.onFx(tiles::redrawOwed)).isFalse();
      assertThat(redraws).hasValue(0);

      List<int[]> inView = List.of(new int[] {1, 1}, new int[] {2, 1});
      ConsoleFixture.onFx(
          () -> {
            tiles.ask(c, 1.0, inView, inView.size(), 1.5, 1.5);
            return null;
          });
      awaitTiles(tiles, c, inView);
      org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
      assertThat(redraws.get()).isBetween(1, 2);
    } finally {
      ConsoleFixture.closeOnFx(tiles);
    }
  }

  @Test
  void theTilesOfThePictureBeforeShouldStandInUntilTheNewOnesInViewArrive() throws Exception {
    LaidOutPicture p = large();
    DetailTiles.Content before = content(p, PALETTE);
    DetailTiles.Content after = content(p, PALETTE);
    DetailTiles tiles = ConsoleFixture.onFx(() -> new DetailTiles(() -> {}));
    List<int[]> inView = List.of(new int[] {0, 0}, new int[] {1, 0});
    try {
      ConsoleFixture.onFx(
          () -> {
            tiles.ask(before, 1.0, inView, inView.size(), 1, 0.5);
            return null;
          });
      awaitTiles(tiles, before, inView);
      DetailTiles.Tile old = ConsoleFixture.onFx(() -> tiles.tile(before, 1.0, 0, 0));
      DetailTiles.Tile[] standing =
          ConsoleFixture.onFx(
              () -> {
                tiles.ask(after, 1.0, inView, inView.size(), 1, 0.5);
                return new DetailTiles.Tile[] {
                  tiles.standIn(1.0, 0, 0), tiles.standIn(0.5, 0, 0), tiles.tile(after, 1.0, 0, 0)
                };
              });
      assertThat(standing[0]).isSameAs(old);
      assertThat(standing[1]).as("at another scale").isNull();
      assertThat(standing[2]).as("the new picture's own, not drawn yet").isNull();
      awaitTiles(tiles, after, inView);
      org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
      assertThat(ConsoleFixture.onFx(() -> tiles.standIn(1.0, 0, 0))).isNull();

      // Laid out again: the old tiles show nodes where they no longer are.
      ConsoleFixture.onFx(
          () -> {
            tiles.forgetStandIns();
            tiles.ask(before, 1.0, inView, inView.size(), 1, 0.5);
            return null;
          });
      assertThat(ConsoleFixture.onFx(() -> tiles.standIn(1.0, 0, 0))).isNull();

      // Nor in another palette.
      awaitTiles(tiles, before, inView);
      DetailTiles.Content dark =
          content(p, PicturePalette.of(dev.sidescope.views.picture.Theme.DARK));
      ConsoleFixture.onFx(
          () -> {
            tiles.ask(dark, 1.0, inView, inView.size(), 1, 0.5);
            return null;
          });
      assertThat(ConsoleFixture.onFx(() -> tiles.standIn(1.0, 0, 0))).isNull();

      // At another zoom the old tiles are of no use.
      ConsoleFixture.onFx(
          () -> {
            tiles.ask(before, 0.5, inView, inView.size(), 1, 0.5);
            return null;
          });
      assertThat(ConsoleFixture.onFx(() -> tiles.standIn(0.5, 0, 0))).isNull();
    } finally {
      ConsoleFixture.closeOnFx(tiles);
    }
  }

  @Test
  void updatesFasterThanTilesShouldKeepTheOldTilesStandingInWhereNewOnesAreNotThereYet()
      throws Exception {
    LaidOutPicture p = large();
    DetailTiles.Content before = content(p, PALETTE);
    DetailTiles.Content next = content(p, PALETTE);
    DetailTiles.Content newest = content(p, PALETTE);
    DetailTiles tiles = ConsoleFixture.onFx(() -> new DetailTiles(() -> {}));
    List<int[]> inView = List.of(new int[] {0, 0}, new int[] {1, 0});
    try {
      ConsoleFixture.onFx(
          () -> {
            tiles.ask(before, 1.0, inView, inView.size(), 1, 0.5);
            return null;
          });
      awaitTiles(tiles, before, inView);
      DetailTiles.Tile old = ConsoleFixture.onFx(() -> tiles.tile(before, 1.0, 0, 0));

      // Two live updates within one pulse: none of the next one's tiles is there yet.
      DetailTiles.Tile standing =
          ConsoleFixture.onFx(
              () -> {
                tiles.ask(next, 1.0, inView, inView.size(), 1, 0.5);
                tiles.ask(newest, 1.0, inView, inView.size(), 1, 0.5);
                return tiles.standIn(1.0, 0, 0);
              });

      assertThat(standing).isSameAs(old);
      awaitTiles(tiles, newest, inView);
    } finally {
      ConsoleFixture.closeOnFx(tiles);
    }
  }

  @Test
  void whileTilesInViewKeepComingTheViewShouldBeDrawnAgainNowAndThenAndWhenTheLastArrives()
      throws Exception {
    // Hundreds of shapes over the whole picture make each tile slow to draw, so that a view of 64
    // tiles takes much longer than the time between two redraws.
    int side = 8;
    List<NodeLook> looks = new ArrayList<>();
    for (int n = 0; n < 1000; n++) {
      Rect all = new Rect(0, 0, side * DetailTiles.SIZE, side * DetailTiles.SIZE);
      looks.add(new NodeLook("cover-" + n, all, "#336699", "#112233", 1, 1, false, false));
    }
    DetailTiles.Content c =
        new DetailTiles.Content(looks, List.of(), List.of(), PALETTE, Set.of(), Set.of());
    List<int[]> inView = new ArrayList<>();
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        inView.add(new int[] {i, j});
      }
    }
    // How many tiles in view were ready at each redraw; each redraw draws the view again, which
    // asks for the tiles in view, as the foreground does in a frame.
    List<Long> readyAtRedraw = new java.util.concurrent.CopyOnWriteArrayList<>();
    DetailTiles[] tiles = new DetailTiles[1];
    ConsoleFixture.onFx(
        () ->
            tiles[0] =
                new DetailTiles(
                    () -> {
                      readyAtRedraw.add(
                          inView.stream()
                              .filter(k -> tiles[0].tile(c, 1.0, k[0], k[1]) != null)
                              .count());
                      javafx.application.Platform.runLater(
                          () ->
                              tiles[0].ask(c, 1.0, inView, inView.size(), side / 2.0, side / 2.0));
                    }));
    try {
      long start = System.nanoTime();
      ConsoleFixture.onFx(
          () -> {
            tiles[0].ask(c, 1.0, inView, inView.size(), side / 2.0, side / 2.0);
            return null;
          });
      awaitTiles(tiles[0], c, inView);
      org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
      long took = (System.nanoTime() - start) / 1_000_000L;
      assertThat(readyAtRedraw).as("redraws").hasSizeGreaterThan(1);
      assertThat(readyAtRedraw.get(0)).as("tiles ready at the first redraw").isLessThan(64L);
      assertThat(readyAtRedraw.get(readyAtRedraw.size() - 1)).isEqualTo(64L);
      assertThat((long) readyAtRedraw.size())
          .as("redraws in %d ms, at most one per %d ms", took, DetailTiles.REDRAW_EVERY_MILLIS)
          .isLessThanOrEqualTo(took / DetailTiles.REDRAW_EVERY_MILLIS + 2);
    } finally {
      ConsoleFixture.closeOnFx(tiles[0]);
    }
  }

  private static void awaitTiles(DetailTiles tiles, DetailTiles.Content c, List<int[]> keys)
      throws Exception {
    org.testfx.util.WaitForAsyncUtils.waitFor(
        20,
        java.util.concurrent.TimeUnit.SECONDS,
        () ->
            ConsoleFixture.onFx(
                () -> keys.stream().allMatch(k -> tiles.tile(c, 1.0, k[0], k[1]) != null)));
  }
}
