package dev.sidescope.views.picture;

import static dev.sidescope.testing.SeedSample.ORDER_APP;
import static dev.sidescope.testing.SeedSample.ORDER_ENVOY;
import static dev.sidescope.testing.SeedSample.ORDER_POD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.picture.PictureEdge;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelectionHighlightTest {
  private final LaidOutPicture picture =
      new IncrementalLayout().next(SeedSample.snapshot(), Optional.empty(), false);

  private PictureEdge edge(String from, EdgeKind kind) {
    return picture.picture().edges().stream()
        .filter(e -> e.from().equals(from) && e.kind() == kind)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aSelectedNodeLightsItsArrowsInAndOutAndTheNodesAtTheirOtherEnds() {
    SelectionHighlight h = SelectionHighlight.of(picture, Optional.of(ORDER_ENVOY));
    PictureEdge upstream = edge(ORDER_ENVOY, EdgeKind.UPSTREAM);
    assertThat(h.lit(upstream)).isTrue();
    assertThat(h.neighbour(upstream.to())).isTrue();
    // The app's local arrow to its Envoy comes in: lit too, and the app is a neighbour.
    assertThat(
            picture.picture().edges().stream()
                .filter(e -> e.to().equals(ORDER_ENVOY) || e.from().equals(ORDER_ENVOY))
                .allMatch(h::lit))
        .isTrue();
    assertThat(h.neighbours()).doesNotContain(ORDER_ENVOY);
  }

  @Test
  void arrowsNotTouchingTheSelectionFadeAndWithNothingSelectedNoneDoes() {
    SelectionHighlight h = SelectionHighlight.of(picture, Optional.of(ORDER_ENVOY));
    PictureEdge other =
        picture.picture().edges().stream()
            .filter(e -> !e.from().equals(ORDER_ENVOY) && !e.to().equals(ORDER_ENVOY))
            .findFirst()
            .orElseThrow();
    assertThat(h.faded(other)).isTrue();
    assertThat(h.lit(other)).isFalse();
    SelectionHighlight none = SelectionHighlight.of(picture, Optional.empty());
    assertThat(none.any()).isFalse();
    assertThat(none.faded(other)).isFalse();
  }

  @Test
  void aSelectedBoxLightsTheArrowsOfEveryMember() {
    SelectionHighlight h = SelectionHighlight.of(picture, Optional.of(ORDER_POD));
    assertThat(h.lit(edge(ORDER_ENVOY, EdgeKind.UPSTREAM))).isTrue();
    assertThat(h.selected()).contains(ORDER_POD, ORDER_APP, ORDER_ENVOY);
    // Arrows between its own members light up, but the members are not neighbours.
    assertThat(h.neighbours()).doesNotContain(ORDER_APP, ORDER_ENVOY);
  }
}
