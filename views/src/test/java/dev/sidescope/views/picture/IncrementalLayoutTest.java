package dev.sidescope.views.picture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sidescope.testing.SeedSample;
import dev.sidescope.topology.model.Grouping;
import dev.sidescope.topology.model.Observations;
import dev.sidescope.topology.model.TopologySnapshot;
import dev.sidescope.topology.model.WorkloadSpec;
import dev.sidescope.topology.picture.PictureBox;
import dev.sidescope.topology.picture.PictureEdge;
import dev.sidescope.topology.picture.PictureNode;
import dev.sidescope.views.ScalePods;
import dev.sidescope.views.testing.GeneratedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncrementalLayoutTest {
  private final IncrementalLayout layout = new IncrementalLayout();

  private LaidOutPicture first(TopologySnapshot s) {
    return layout.next(s, Optional.empty(), false);
  }

  @Test
  void firstLayoutShouldPlaceEveryBoxMemberAndOutsideNode() {
    LaidOutPicture p = first(SeedSample.snapshot());
    assertThat(p.fullLayout()).isTrue();
    p.picture().nodes().forEach(n -> assertThat(p.geometry().rect(n.id())).as(n.id()).isPresent());
    p.picture().boxes().forEach(b -> assertThat(p.geometry().rect(b.id())).as(b.id()).isPresent());
  }

  @Test
  void membersShouldLieInsideTheirBoxBelowItsTitle() {
    LaidOutPicture p = first(SeedSample.snapshot());
    for (PictureBox box : p.picture().boxes()) {
      Rect b = p.geometry().nodes().get(box.id());
      for (PictureNode m : box.members()) {
        Rect r = p.geometry().nodes().get(m.id());
        assertThat(r.x()).as(m.id()).isGreaterThanOrEqualTo(b.x());
        assertThat(r.right()).as(m.id()).isLessThanOrEqualTo(b.right());
        assertThat(r.y())
            .as(m.id())
            .isGreaterThanOrEqualTo(b.y() + NodeMetrics.BOX_TITLE_HEIGHT - 1);
        assertThat(r.bottom()).as(m.id()).isLessThanOrEqualTo(b.bottom());
      }
    }
  }

  @Test
  void boxesAndOutsideNodesShouldNotOverlap() {
    LaidOutPicture p = first(SeedSample.snapshot());
    List<Rect> top = new ArrayList<>();
    p.picture().boxes().forEach(b -> top.add(p.geometry().nodes().get(b.id())));
    p.picture().outside().forEach(n -> top.add(p.geometry().nodes().get(n.id())));
    for (int i = 0; i < top.size(); i++) {
      for (int j = i + 1; j < top.size(); j++) {
        assertThat(top.get(i).overlaps(top.get(j))).as(top.get(i) + " / " + top.get(j)).isFalse();
      }
    }
  }

  @Test
  void everyArrowShouldHaveARoute() {
    LaidOutPicture p = first(SeedSample.snapshot());
    p.picture()
        .edges()
        .forEach(e -> assertThat(p.geometry().route(EdgeKey.of(e))).as(EdgeKey.of(e)).isPresent());
  }

  @Test
  void manyPodsShouldFitALandscapeScreenNotATallStrip() {
    LaidOutPicture p = first(SeedSample.snapshot(GeneratedCluster.observations(60), Grouping.POD));
    Rect bounds = p.geometry().bounds();
    assertThat(bounds.w() / bounds.h()).isBetween(0.9, 3.5);
  }

  @Test
  void onePodMoreShouldLeaveEveryOtherNodeWhereItWas() {
    LaidOutPicture before = first(SeedSample.snapshot());
    LaidOutPicture after =
        layout.next(
            SeedSample.snapshot(SeedSample.withExtraPod(), Grouping.POD),
            Optional.of(before),
            false);
    assertThat(after.fullLayout()).isFalse();
    // Everything stays where it was; the new pod's namespace only grows around it.
    String shop = "~outer/kubernetes/shop";
    before
        .geometry()
        .nodes()
        .forEach(
            (id, r) -> {
              if (id.equals(shop)) {
                assertThat(after.geometry().nodes().get(id).contains(r)).as(id).isTrue();
              } else {
                assertThat(after.geometry().nodes().get(id)).as(id).isEqualTo(r);
              }
            });
    Rect added = after.geometry().nodes().get(SeedSample.EXTRA_POD);
    assertThat(after.geometry().nodes().get(shop).contains(added)).isTrue();
    assertThat(added).isNotNull();
    before
        .geometry()
        .nodes()
        .forEach(
            (id, r) -> {
              if (r.h() > NodeMetrics.NODE_HEIGHT + 1 && !OuterBox.is(id)) {
                assertThat(r.overlaps(added)).as(id).isFalse();
              }
            });
  }

  @Test
  void aStatusChangeShouldKeepTheGeometryWhole() {
    LaidOutPicture before = first(SeedSample.snapshot());
    LaidOutPicture after =
        layout.next(
            SeedSample.snapshot(SeedSample.withKubernetesDown(), Grouping.POD),
            Optional.of(before),
            false);
    assertThat(after.geometry()).isEqualTo(before.geometry());
  }

  @Test
  void theSameSnapshotShouldBeLaidOutTheSameEveryTime() {
    // ELK breaks ties by the order of hash sets of its own objects unless told to keep the model's
    // order: the demo came up arranged differently at every start.
    List<TopologySnapshot> snapshots = new ArrayList<>();
    for (Grouping g : Grouping.values()) {
      snapshots.add(SeedSample.snapshot(SeedSample.observations(), g));
    }
    // A medium picture, still laid out by ELK: more boxes in a namespace, more ties to break.
    snapshots.add(
        SeedSample.snapshot(ScalePods.of(120, "kubernetes/k", SeedSample.NOW), Grouping.POD));
    for (TopologySnapshot s : snapshots) {
      Geometry once = new IncrementalLayout().next(s, Optional.empty(), false).geometry();
      for (int i = 0; i < 4; i++) {
        assertThat(new IncrementalLayout().next(s, Optional.empty(), false).geometry())
            .as(s.grouping() + ", " + s.workloads().size() + " boxes, layout " + (i + 2))
            .isEqualTo(once);
      }
    }
  }

  /** {@code pods} generated pods but those whose number is in {@code gone}. */
  private static TopologySnapshot scale(int pods, Set<Integer> gone) {
    Observations all = ScalePods.of(pods, "kubernetes/k", SeedSample.NOW);
    List<WorkloadSpec> kept =
        all.workloads().stream()
            .filter(w -> gone.stream().noneMatch(i -> w.name().equals("app-" + i + "-abc12")))
            .toList();
    return SeedSample.snapshot(
        new Observations(kept, all.services(), all.meshNodes(), all.sources()), Grouping.POD);
  }

  @Test
  void arrowsOfPodsAddedToALargePictureShouldKeepToTheGapsLikeTheGridsOwn() {
    // Pods added: one to each namespace; into the holes others left; to every namespace at once;
    // so many that a namespace would have to grow across the bus.
    record Change(TopologySnapshot before, TopologySnapshot after) {}
    List<Change> changes =
        List.of(
            new Change(scale(200, Set.of()), scale(203, Set.of())),
            new Change(scale(200, Set.of(10, 11, 12, 13)), scale(204, Set.of(10, 11, 12, 13))),
            new Change(scale(200, Set.of()), scale(220, Set.of())),
            new Change(scale(288, Set.of()), scale(292, Set.of())));
    int checked = 0;
    for (Change change : changes) {
      LaidOutPicture before = first(change.before());
      assertThat(GridPictureLayout.suits(before.picture())).isTrue();
      LaidOutPicture after = layout.next(change.after(), Optional.of(before), false);
      if (after.fullLayout()) {
        continue; // laid out afresh by the grid, whose own arrows keep to the gaps
      }
      Map<String, Rect> at = after.geometry().nodes();
      for (PictureEdge edge : after.picture().edges()) {
        PictureBox box =
            after.picture().boxes().stream()
                .filter(b -> edge.from().startsWith(b.id() + "/"))
                .findFirst()
                .orElse(null);
        boolean added = box != null && before.geometry().rect(box.id()).isEmpty();
        boolean toOutside =
            after.picture().outside().stream().anyMatch(n -> n.id().equals(edge.to()));
        if (!added || !toOutside) {
          continue;
        }
        checked++;
        List<Point> route = after.geometry().routes().get(EdgeKey.of(edge));
        List<String> others = new ArrayList<>();
        after.picture().boxes().stream()
            .map(PictureBox::id)
            .filter(id -> !id.equals(box.id()))
            .forEach(others::add);
        after.outer().stream()
            .filter(o -> !o.boxes().contains(box.id()))
            .map(OuterBox::id)
            .forEach(others::add);
        for (String other : others) {
          Rect r = at.get(other);
          for (int i = 1; i < route.size(); i++) {
            Point a = route.get(i - 1);
            Point b = route.get(i);
            assertThat(r.crossing(a.x(), a.y(), b.x(), b.y()))
                .as(edge.from() + " -> " + edge.to() + " crosses " + other)
                .isNull();
          }
        }
        Point end = route.get(route.size() - 1);
        assertThat(end.x()).isEqualTo(at.get(edge.to()).x());
      }
    }
    assertThat(checked).as("arrows from added pods to outside nodes").isGreaterThan(3);
  }

  @Test
  void anotherGroupingShouldBeLaidOutAfresh() {
    LaidOutPicture before = first(SeedSample.snapshot());
    LaidOutPicture after =
        layout.next(
            SeedSample.snapshot(SeedSample.observations(), Grouping.WORKLOAD),
            Optional.of(before),
            false);
    assertThat(after.fullLayout()).isTrue();
  }

  @Test
  void elbowShouldLeaveFromTheSideFacingTheTarget() {
    List<Point> route =
        IncrementalLayout.elbow(new Rect(0, 0, 100, 50), new Rect(300, 200, 100, 50));
    assertThat(route.get(0)).isEqualTo(new Point(100, 25));
    assertThat(route.get(route.size() - 1)).isEqualTo(new Point(300, 225));
  }

  @Test
  void tagsShouldTellAppSidecarKindsServiceAndAwsApart() {
    LaidOutPicture p = first(SeedSample.snapshot());
    Map<String, NodeTag> tags = p.tags();
    assertThat(tags.get(SeedSample.ORDER_APP).text()).isEqualTo("APP");
    assertThat(tags.get(SeedSample.ORDER_XRAY).text()).isEqualTo("XRAY");
    assertThat(tags.get(SeedSample.ORDER_ENVOY).text()).isEqualTo("MESH");
    assertThat(tags.get("aws/xray").text()).isEqualTo("AWS");
    assertThat(tags.get("service/kind-dev/shop/payment-service").text()).isEqualTo("SVC");
  }
}
