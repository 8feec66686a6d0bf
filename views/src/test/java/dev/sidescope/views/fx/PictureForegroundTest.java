package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.NodeLook;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Rect;
import dev.sidescope.views.picture.Rgb;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.testing.GeneratedCluster;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/** How the foreground draws a large picture while some of its tiles are still to come. */
@ExtendWith(ApplicationExtension.class)
class PictureForegroundTest {
  private static final PicturePalette PALETTE = PicturePalette.of(Theme.LIGHT);

  @Test
  void whereTilesAreMissingTheShapesShouldBeDrawnWithoutThem() throws Exception {
    LaidOutPicture picture = GeneratedCluster.laidOut(200);
    assertThat(picture.large()).isTrue();
    PictureParts parts = PictureParts.of(picture, PALETTE, Set.of());
    List<NodeLook> shapes = List.copyOf(parts.looks(PALETTE, Set.of(), Set.of()).values());
    CountDownLatch rowReady = new CountDownLatch(1);
    DetailTiles tiles = new DetailTiles(rowReady::countDown);
    PictureForeground foreground = new PictureForeground(null, PALETTE);
    foreground.tiles(tiles);
    double scale = 0.62;
    int side = 6 * DetailTiles.SIZE;
    try {
      // A view one row of tiles high: that row and the ring around it are asked for, no further.
      onFx(
          () -> {
            foreground.show(parts, PALETTE, Set.of(), Set.of(), Set.of(), shapes);
            Canvas row = new Canvas(side, DetailTiles.SIZE);
            foreground.rehearse(row.getGraphicsContext2D(), side, DetailTiles.SIZE, scale);
            return null;
          });
      assertThat(rowReady.await(20, TimeUnit.SECONDS)).isTrue();

      // Six rows: the first is ready, those from the third on were never asked for. The shapes
      // are drawn there, and only there, without tiles.
      PixelReader pixels =
          onFx(
              () -> {
                Canvas view = new Canvas(side, side);
                foreground.rehearse(view.getGraphicsContext2D(), side, side, scale);
                return view.snapshot(null, null).getPixelReader();
              });
      double from = (2 * DetailTiles.SIZE + 2) / scale;
      List<NodeLook> members =
          shapes.stream()
              .filter(l -> l.z() == 2 && !l.hidden())
              .filter(
                  l -> {
                    Rect r = l.rect();
                    return r.y() >= from && r.right() * scale < side && r.bottom() * scale < side;
                  })
              .toList();
      assertThat(members).hasSizeGreaterThan(5);
      long inTheirFill =
          members.stream()
              .filter(
                  l -> {
                    // Just inside the bottom right corner, clear of the frame, text and badge.
                    int x = (int) Math.floor(l.rect().right() * scale) - 4;
                    int y = (int) Math.floor(l.rect().bottom() * scale) - 4;
                    return Arrays.equals(
                        ConsoleFixture.rgb(pixels.getArgb(x, y)),
                        ConsoleFixture.rgb(Rgb.hex(l.fill())));
                  })
              .count();
      assertThat(inTheirFill)
          .as("members drawn in their fill")
          .isGreaterThan(members.size() * 8L / 10);
    } finally {
      ConsoleFixture.closeOnFx(tiles);
    }
  }
}
