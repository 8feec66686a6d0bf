package dev.sidescope.views.fx;

import static dev.sidescope.views.fx.ConsoleFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.NodeLook;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Rect;
import dev.sidescope.views.picture.Rgb;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.testing.SeedCluster;
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

/** How the overlay draws a large picture while some of its tiles are still to come. */
@ExtendWith(ApplicationExtension.class)
class PictureOverlayTest {
  private static final PicturePalette PALETTE = PicturePalette.of(Theme.LIGHT);

  @Test
  void whereTilesAreMissingTheShapesShouldBeDrawnWithoutThem() throws Exception {
    LaidOutPicture picture = SeedCluster.laidOut(200);
    assertThat(picture.large()).isTrue();
    PictureParts parts = PictureParts.of(picture, PALETTE, Set.of());
    List<NodeLook> shapes = List.copyOf(parts.looks(PALETTE, Set.of(), Set.of()).values());
    CountDownLatch firstTile = new CountDownLatch(1);
    DetailTiles tiles = new DetailTiles(firstTile::countDown);
    PictureOverlay overlay = new PictureOverlay(null, PALETTE);
    overlay.tiles(tiles);
    try {
      // A view one tile large: that tile and the ring around it are asked for, nothing further.
      onFx(
          () -> {
            overlay.show(parts, PALETTE, Set.of(), Set.of(), Set.of(), shapes);
            Canvas one = new Canvas(DetailTiles.SIZE, DetailTiles.SIZE);
            overlay.rehearse(one.getGraphicsContext2D(), DetailTiles.SIZE, DetailTiles.SIZE, 1);
            return null;
          });
      assertThat(firstTile.await(20, TimeUnit.SECONDS)).isTrue();

      // Six tiles across: the first is ready, those two or more tiles out were never asked for.
      int side = 6 * DetailTiles.SIZE;
      PixelReader pixels =
          onFx(
              () -> {
                Canvas view = new Canvas(side, side);
                overlay.rehearse(view.getGraphicsContext2D(), side, side, 1);
                return view.snapshot(null, null).getPixelReader();
              });
      int from = 2 * DetailTiles.SIZE + 2;
      List<NodeLook> members =
          shapes.stream()
              .filter(l -> l.z() == 2 && !l.hidden())
              .filter(
                  l -> {
                    Rect r = l.rect();
                    return r.x() >= from && r.y() >= from && r.right() < side && r.bottom() < side;
                  })
              .toList();
      assertThat(members).hasSizeGreaterThan(5);
      long inTheirFill =
          members.stream()
              .filter(
                  l -> {
                    // Just inside the bottom right corner, clear of the frame, text and badge.
                    int x = (int) Math.floor(l.rect().right()) - 4;
                    int y = (int) Math.floor(l.rect().bottom()) - 4;
                    return Arrays.equals(
                        ConsoleFixture.rgb(pixels.getArgb(x, y)),
                        ConsoleFixture.rgb(Rgb.hex(l.fill())));
                  })
              .count();
      assertThat(inTheirFill)
          .as("members drawn in their fill")
          .isGreaterThan(members.size() * 8L / 10);
    } finally {
      tiles.close();
    }
  }
}
