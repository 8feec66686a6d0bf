package dev.sidescope.views.picture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.Workload;
import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureNode;
import dev.sidescope.views.testing.GeneratedCluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Namespaces and ECS clusters are outer boxes holding their pod and task boxes. */
class OuterBoxLayoutTest {

  @Test
  void theSeedShouldHaveANamespaceAndAnEcsClusterHoldingTheirBoxes() {
    LaidOutPicture p = new IncrementalLayout().next(SeedSample.snapshot(), Optional.empty(), true);
    assertThat(p.outer()).extracting(OuterBox::title).contains("namespace shop");
    assertThat(p.outer()).extracting(OuterBox::title).anyMatch(t -> t.startsWith("ECS cluster "));
    assertHeld(p);
  }

  @Test
  void aLargePictureLaidOutByTheGridShouldHoldItsBoxesInOuterBoxesToo() {
    TopologySnapshot s = SeedSample.snapshot(GeneratedCluster.observations(400), Grouping.POD);
    LaidOutPicture p = new IncrementalLayout().next(s, Optional.empty(), true);
    assertThat(GridPictureLayout.suits(p.picture())).isTrue();
    assertThat(p.outer())
        .extracting(OuterBox::title)
        .containsExactlyInAnyOrder(
            "namespace ns-0", "namespace ns-1", "namespace ns-2", "namespace ns-3");
    assertHeld(p);
  }

  @Test
  void aNewPodShouldLandInsideItsNamespace() {
    IncrementalLayout layout = new IncrementalLayout();
    LaidOutPicture before = layout.next(SeedSample.snapshot(), Optional.empty(), true);
    LaidOutPicture after =
        layout.next(
            SeedSample.snapshot(SeedSample.withExtraPod(), Grouping.POD),
            Optional.of(before),
            false);
    assertThat(after.fullLayout()).isFalse();
    assertThat(after.geometry().nodes()).containsKey(SeedSample.EXTRA_POD);
    assertHeld(after);
  }

  @Test
  void aNewPodShouldFillTheHoleOfOneThatWentAwayWithoutGrowingItsNamespace() {
    IncrementalLayout layout = new IncrementalLayout();
    LaidOutPicture before = layout.next(SeedSample.snapshot(), Optional.empty(), true);
    Observations extra = SeedSample.withExtraPod();
    Observations swapped =
        new Observations(
            extra.workloads().stream().filter(w -> !w.id().equals(SeedSample.ORDER_POD_2)).toList(),
            extra.services(),
            extra.meshNodes(),
            extra.sources());
    LaidOutPicture after =
        layout.next(SeedSample.snapshot(swapped, Grouping.POD), Optional.of(before), false);
    assertThat(after.fullLayout()).isFalse();
    String shop = "~outer/kubernetes/shop";
    assertThat(after.geometry().nodes().get(shop)).isEqualTo(before.geometry().nodes().get(shop));
    Rect added = after.geometry().nodes().get(SeedSample.EXTRA_POD);
    assertThat(added.overlaps(before.geometry().nodes().get(SeedSample.ORDER_POD_2))).isTrue();
    assertHeld(after);
  }

  /**
   * Every box is in exactly the outer box of its namespace or cluster and lies inside its rectangle
   * with its members; outer boxes do not overlap; outside nodes are outside all of them.
   */
  private static void assertHeld(LaidOutPicture p) {
    Map<String, Workload> workloads =
        p.snapshot().workloads().stream()
            .collect(Collectors.toMap(Workload::id, Function.identity()));
    Geometry g = p.geometry();
    for (PictureBox box : p.picture().boxes()) {
      List<OuterBox> holding =
          p.outer().stream().filter(o -> o.boxes().contains(box.id())).toList();
      assertThat(holding).as("outer boxes holding " + box.id()).hasSize(1);
      OuterBox o = holding.get(0);
      Workload w = workloads.get(box.id());
      assertThat(o.title())
          .isEqualTo(
              (w.platform() == dev.sidescope.topology.model.Platform.ECS
                      ? "ECS cluster "
                      : "namespace ")
                  + w.namespace());
      Rect outer = g.rect(o.id()).orElseThrow(() -> new AssertionError("no rectangle: " + o));
      Rect r = g.rect(box.id()).orElseThrow();
      assertThat(outer.contains(r)).as(box.id() + " inside " + o.title()).isTrue();
      for (PictureNode m : box.members()) {
        assertThat(r.contains(g.rect(m.id()).orElseThrow())).as(m.id()).isTrue();
      }
      // Room for the outer box's title above its first row.
      assertThat(r.y() - outer.y()).isGreaterThanOrEqualTo(NodeMetrics.OUTER_TITLE_HEIGHT - 1);
    }
    for (OuterBox a : p.outer()) {
      for (OuterBox b : p.outer()) {
        if (a != b) {
          assertThat(g.rect(a.id()).orElseThrow().overlaps(g.rect(b.id()).orElseThrow()))
              .as(a.title() + " against " + b.title())
              .isFalse();
        }
      }
      for (PictureNode n : p.picture().outside()) {
        assertThat(g.rect(a.id()).orElseThrow().overlaps(g.rect(n.id()).orElseThrow()))
            .as(n.id() + " outside " + a.title())
            .isFalse();
      }
    }
  }
}
