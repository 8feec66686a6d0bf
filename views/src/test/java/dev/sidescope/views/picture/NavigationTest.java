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

  @Test
  void aClickNearAnArrowsRouteHitsThatArrowAndFarFromAnyHitsNone() {
    LaidOutPicture p = new IncrementalLayout().next(SeedSample.snapshot(), Optional.empty(), false);
    dev.sidescope.topology.picture.PictureEdge upstream =
        p.picture().edges().stream()
            .filter(e -> e.from().equals(SeedSample.ORDER_ENVOY))
            .filter(e -> e.kind() == dev.sidescope.topology.model.EdgeKind.UPSTREAM)
            .findFirst()
            .orElseThrow();
    List<Point> route = p.geometry().routes().get(EdgeKey.of(upstream));
    // The middle of the route's longest segment, two units off it.
    int longest = 1;
    for (int i = 1; i < route.size(); i++) {
      if (length(route, i) > length(route, longest)) {
        longest = i;
      }
    }
    Point a = route.get(longest - 1);
    Point b = route.get(longest);
    double x = (a.x() + b.x()) / 2 + (a.y() == b.y() ? 0 : 2);
    double y = (a.y() + b.y()) / 2 + (a.y() == b.y() ? 2 : 0);
    assertThat(Navigation.hitArrow(p, x, y, 3, Set.of()))
        .hasValueSatisfying(
            e -> {
              List<Point> r = p.geometry().routes().get(EdgeKey.of(e));
              double nearest = Double.MAX_VALUE;
              for (int i = 1; i < r.size(); i++) {
                nearest = Math.min(nearest, Navigation.distance(r.get(i - 1), r.get(i), x, y));
              }
              assertThat(nearest).isLessThanOrEqualTo(2.0 + 1e-9);
            });
    Rect bounds = p.geometry().bounds();
    assertThat(Navigation.hitArrow(p, bounds.x() - 500, bounds.y() - 500, 3, Set.of())).isEmpty();
    // An arrow from a hidden node is not there to click.
    assertThat(
            Navigation.hitArrow(p, x, y, 3, Set.of(upstream.from(), upstream.to()))
                .map(e -> e.from()))
        .isNotEqualTo(Optional.of(upstream.from()));
  }

  private static double length(List<Point> route, int i) {
    return Math.hypot(
        route.get(i).x() - route.get(i - 1).x(), route.get(i).y() - route.get(i - 1).y());
  }

  @Test
  void theDistanceToASegmentIsToItsNearestPoint() {
    Point a = new Point(0, 0);
    Point b = new Point(10, 0);
    assertThat(Navigation.distance(a, b, 5, 3)).isEqualTo(3.0);
    assertThat(Navigation.distance(a, b, -4, 3)).isEqualTo(5.0);
    assertThat(Navigation.distance(a, a, 3, 4)).isEqualTo(5.0);
  }
}
