package dev.sidescope.views.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.views.picture.LaidOutPicture;
import dev.sidescope.views.picture.NodeLook;
import dev.sidescope.views.picture.PictureLooks;
import dev.sidescope.views.picture.PicturePalette;
import dev.sidescope.views.picture.Rect;
import dev.sidescope.views.picture.Rgb;
import dev.sidescope.views.picture.Theme;
import dev.sidescope.views.testing.GeneratedCluster;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/** The far-out image of a large picture shows its boxes and members where the layout put them. */
@ExtendWith(ApplicationExtension.class)
class OverviewTest {
  @Test
  void theOverviewShouldShowEachMemberInItsOwnFillWhereItWasLaidOut() {
    LaidOutPicture p = GeneratedCluster.laidOut(400);
    assertThat(p.large()).isTrue();
    PicturePalette palette = PicturePalette.of(Theme.LIGHT);
    List<NodeLook> looks = List.copyOf(PictureLooks.of(p, palette, Set.of(), Set.of()).values());
    Rect b = p.geometry().bounds();
    double scale = Overview.scaleFor(b, PictureForeground.OVERVIEW_SCALE);
    Overview.Image image = Overview.draw(p, palette, looks, Set.of(), Set.of(), scale);

    assertThat(image.looks()).isSameAs(looks);
    assertThat(image.image().getWidth()).isLessThanOrEqualTo(Overview.MAX_SIDE);
    int checked = 0;
    for (NodeLook look : looks) {
      if (look.z() != 2 || look.rect().w() * scale < 8) {
        continue;
      }
      Rect r = look.rect();
      int x = (int) ((r.centerX() - b.x()) * scale);
      int y = (int) ((r.y() + r.h() * 0.25 - b.y()) * scale);
      int argb = image.image().getPixelReader().getArgb(x, y);
      Rgb want = Rgb.hex(look.fill());
      assertThat(ConsoleFixture.rgb(argb)).as(look.id()).containsExactly(ConsoleFixture.rgb(want));
      if (++checked == 50) {
        break;
      }
    }
    assertThat(checked).isEqualTo(50);
  }
}
