package dev.sidescope.views.picture;

import static dev.sidescope.testing.SeedSample.ORDER_APP;
import static dev.sidescope.testing.SeedSample.ORDER_ENVOY;
import static dev.sidescope.testing.SeedSample.ORDER_POD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.EdgeKind;
import dev.sidescope.topology.picture.PictureEdge;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HiddenByFindTest {
  private final LaidOutPicture picture =
      new IncrementalLayout().next(SeedSample.snapshot(), Optional.empty(), false);

  private Set<String> allBut(Set<String> matched) {
    Set<String> all = new HashSet<>();
    picture.picture().boxes().forEach(b -> all.add(b.id()));
    picture.picture().nodes().forEach(n -> all.add(n.id()));
    all.removeAll(matched);
    return all;
  }

  private PictureEdge upstreamOfTheEnvoy() {
    return picture.picture().edges().stream()
        .filter(e -> e.from().equals(ORDER_ENVOY) && e.kind() == EdgeKind.UPSTREAM)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theNodesAtTheOtherEndsOfTheMatchedNodesArrowsStay() {
    Set<String> matched = Set.of(ORDER_ENVOY, ORDER_POD);
    Set<String> hidden = HiddenByFind.of(picture, allBut(matched), matched);
    assertThat(hidden).doesNotContain(upstreamOfTheEnvoy().to(), ORDER_APP);
    assertThat(hidden).doesNotContainAnyElementsOf(matched);
    assertThat(hidden).contains(SeedSample.PAYMENT_POD + "/vault-agent");
  }

  @Test
  void aNodeKeptKeepsTheBoxItIsIn() {
    // Only a member matched, not its box: the member at the other end of its arrow keeps that.
    PictureEdge local =
        picture.picture().edges().stream()
            .filter(e -> e.kind() == EdgeKind.LOCAL && e.from().startsWith(SeedSample.PAYMENT_POD))
            .findFirst()
            .orElseThrow();
    Set<String> matched = Set.of(local.from());
    Set<String> hidden = HiddenByFind.of(picture, allBut(matched), matched);
    assertThat(hidden).doesNotContain(local.to(), SeedSample.PAYMENT_POD);
  }

  @Test
  void theBoundsAreAroundWhatIsLeftAndTheWholeWhenNothingIsHidden() {
    Set<String> matched = Set.of(ORDER_ENVOY, ORDER_POD);
    Set<String> hidden = HiddenByFind.of(picture, allBut(matched), matched);
    Rect left = HiddenByFind.bounds(picture, hidden);
    Rect whole = picture.geometry().bounds();
    assertThat(left.w() * left.h()).isLessThan(whole.w() * whole.h());
    assertThat(left.contains(picture.geometry().nodes().get(ORDER_POD))).isTrue();
    assertThat(left.contains(picture.geometry().nodes().get(upstreamOfTheEnvoy().to()))).isTrue();
    assertThat(HiddenByFind.bounds(picture, Set.of())).isEqualTo(whole);
  }
}
