package dev.sidescope.views.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphDiffTest {
  private static NodeLook look(String id, double x) {
    return new NodeLook(id, new Rect(x, 0, 100, 50), "#ffffff", "#000000", 1.5, 2, false, false);
  }

  @Test
  void unchangedNodesShouldNotBeMentioned() {
    Map<String, NodeLook> looks = Map.of("a", look("a", 0), "b", look("b", 200));
    GraphDiff diff = GraphDiff.between(looks, looks, Map.of(), Map.of());
    assertThat(diff.isEmpty()).isTrue();
  }

  @Test
  void addedRemovedAndMovedNodesShouldEachBeListed() {
    GraphDiff diff =
        GraphDiff.between(
            Map.of("a", look("a", 0), "b", look("b", 200)),
            Map.of("a", look("a", 0), "b", look("b", 300), "c", look("c", 400)),
            Map.of(),
            Map.of());
    assertThat(diff.nodesToAdd()).extracting(NodeLook::id).containsExactly("c");
    assertThat(diff.nodesToRestyle()).extracting(NodeLook::id).containsExactly("b");
    assertThat(diff.nodesToRemove()).isEmpty();
  }

  @Test
  void aDimmedNodeShouldBeRestyled() {
    NodeLook a = look("a", 0);
    NodeLook dim = new NodeLook("a", a.rect(), a.fill(), a.stroke(), 1.5, 2, true, false);
    assertThat(
            GraphDiff.between(Map.of("a", a), Map.of("a", dim), Map.of(), Map.of())
                .nodesToRestyle())
        .containsExactly(dim);
    assertThat(dim.css()).contains("rgba(255,255,255,64)");
  }

  @Test
  void edgesOfARemovedNodeShouldBeRemovedAndNewOnesAdded() {
    Map<String, GraphDiff.Ends> before = Map.of("a->b", new GraphDiff.Ends("a", "b"));
    Map<String, GraphDiff.Ends> after = Map.of("a->c", new GraphDiff.Ends("a", "c"));
    GraphDiff diff =
        GraphDiff.between(
            Map.of("a", look("a", 0), "b", look("b", 1)),
            Map.of("a", look("a", 0), "c", look("c", 2)),
            before,
            after);
    assertThat(diff.nodesToRemove()).containsExactly("b");
    assertThat(diff.edgesToRemove()).containsExactly("a->b");
    assertThat(diff.edgesToAdd()).containsExactly("a->c");
  }

  @Test
  void cssShouldSizeTheNodeInGraphUnitsAndHideItWhenAsked() {
    NodeLook hidden =
        new NodeLook("a", new Rect(0, 0, 180, 50), "#ffffff", "#000000", 1.5, 0, false, true);
    assertThat(hidden.css())
        .contains("size: 180.0gu, 50.0gu")
        .contains("z-index: 0")
        .contains("visibility-mode: hidden");
    assertThat(hidden.graphY()).isEqualTo(-25);
  }
}
