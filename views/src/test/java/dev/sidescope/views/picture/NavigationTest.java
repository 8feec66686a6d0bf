package dev.sidescope.views.picture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NavigationTest {
  private final Geometry grid =
      new Geometry(
          Map.of(
              "centre", new Rect(100, 100, 50, 50),
              "right", new Rect(300, 110, 50, 50),
              "farRight", new Rect(600, 100, 50, 50),
              "below", new Rect(100, 300, 50, 50),
              "above", new Rect(110, -200, 50, 50)),
          Map.of());
  private final List<String> all = List.of("centre", "right", "farRight", "below", "above");

  @Test
  void arrowsShouldMoveToTheNearestNodeThatWay() {
    assertThat(Navigation.next(grid, "centre", Navigation.Direction.RIGHT, all)).hasValue("right");
    assertThat(Navigation.next(grid, "centre", Navigation.Direction.DOWN, all)).hasValue("below");
    assertThat(Navigation.next(grid, "centre", Navigation.Direction.UP, all)).hasValue("above");
    assertThat(Navigation.next(grid, "centre", Navigation.Direction.LEFT, all)).isEmpty();
  }

  @Test
  void clickOnAMemberShouldHitTheMemberNotItsBox() {
    LaidOutPicture p = new IncrementalLayout().next(SeedSample.snapshot(), Optional.empty(), false);
    Rect xray = p.geometry().nodes().get(SeedSample.ORDER_XRAY);
    Rect box = p.geometry().nodes().get(SeedSample.ORDER_POD);
    assertThat(Navigation.hit(p, xray.centerX(), xray.centerY(), Set.of()))
        .hasValue(SeedSample.ORDER_XRAY);
    assertThat(Navigation.hit(p, box.x() + 4, box.y() + 4, Set.of()))
        .hasValue(SeedSample.ORDER_POD);
    assertThat(Navigation.hit(p, xray.centerX(), xray.centerY(), Set.of(SeedSample.ORDER_XRAY)))
        .hasValue(SeedSample.ORDER_POD);
  }
}
