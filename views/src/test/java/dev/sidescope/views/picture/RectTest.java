package dev.sidescope.views.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RectTest {
  private final Rect box = new Rect(10, 20, 100, 50);

  @Test
  void aSegmentThroughTheRectangleShouldCrossItBetweenItsEdges() {
    // From x = 0 to x = 200 at y = 40: inside from x = 10 to x = 110.
    double[] t = box.crossing(0, 40, 200, 40);
    assertThat(t[0]).isCloseTo(0.05, within(1e-12));
    assertThat(t[1]).isCloseTo(0.55, within(1e-12));
  }

  @Test
  void aSegmentStartingInsideShouldCrossItFromItsStart() {
    double[] t = box.crossing(60, 45, 60, 145);
    assertThat(t[0]).isZero();
    assertThat(t[1]).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void aSegmentBesideOrShortOfTheRectangleShouldNotCrossIt() {
    assertThat(box.crossing(0, 10, 200, 10)).isNull(); // above it
    assertThat(box.crossing(0, 40, 5, 40)).isNull(); // stops short
    assertThat(box.crossing(0, 0, 0, 100)).isNull(); // left of it, upright
  }
}
