package dev.sidescope.views.picture;

import static dev.sidescope.testing.SeedSample.ORDER_ENVOY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.model.EdgeMetrics;
import dev.sidescope.topology.picture.PictureEdge;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ArrowTipTest {
  private final LaidOutPicture picture =
      new IncrementalLayout().next(SeedSample.snapshot(), Optional.empty(), false);

  private PictureEdge upstream() {
    return picture.picture().edges().stream()
        .filter(e -> e.from().equals(ORDER_ENVOY) && e.kind() == EdgeKind.UPSTREAM)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void tipSaysFromWithItsBoxToKindAndEvidence() {
    PictureEdge arrow = upstream();
    String text = ArrowTip.text(picture, arrow);
    String to = picture.picture().node(arrow.to()).orElseThrow().lines().get(0);
    assertThat(text.lines().toList())
        .startsWith("from envoy (Pod order-service-5f7c9-x2k4q)", "to " + to, "kind upstream")
        .anyMatch(l -> l.startsWith("evidence "));
  }

  @Test
  void tipOfAMeasuredArrowGivesItsFigures() {
    PictureEdge arrow = upstream();
    PictureEdge measured =
        new PictureEdge(
            arrow.from(),
            arrow.to(),
            arrow.kind(),
            List.of(),
            Optional.empty(),
            new EdgeMetrics(
                OptionalDouble.of(24.8),
                OptionalDouble.of(41),
                OptionalDouble.empty(),
                OptionalDouble.of(182),
                OptionalDouble.of(0.004)));
    assertThat(ArrowTip.text(picture, measured)).contains("24.8").contains("182");
  }
}
